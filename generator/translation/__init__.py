"""A handbook in more than one language, never silently out of date.

The handbook is written in one language (the first of `languages:` in organisation.yml)
and translated, text by text, in one gettext PO file per other language
(`translations/pt-PT.po`), so translators work in the tools they know (Poedit, Weblate).
Each text the reader sees is a message: its *context* says where it is
(`values.respect.why`, `page:welcome.md`), its *id* is the source text, its *string* the
translation.

- `texts.py` finds the reader's texts in data (every plain-text field of every model, but
  paths and names) and in hand-written pages (block by block: `page_blocks.py`);
- `catalogues.py` reads and writes the PO files with Babel, and merges newly found texts
  into them as `msgmerge` does: new ones empty, changed ones fuzzy, removed ones obsolete;
- `lookup.py` answers, for one text in one place, its translation or why there is none
  (missing, or stale: its source changed since it was translated);
- `translate.py` makes the handbook of another language: translated where the
  translation is current, the source text with a notice where it is not;
- `status.py` counts what is missing or stale, for the check, the report and the
  curators' page.
"""
