"""A handbook in more than one language: the PO files, and what readers are told.

The in-process layer: pages cut into blocks and put back, PO files merged as msgmerge
does (new empty, changed fuzzy, removed obsolete), bad PO files reported with file and
line, translations looked up and checked like their sources, and the check's and the
report's words. Builds of both sites, print and the browser are in
test_translated_sites.py.
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from generator.errors import Severity
from generator.translation import page_blocks
from generator.translation.catalogues import (
    CatalogueProblem,
    merged,
    parse_catalogue,
    po_file,
    read_catalogue,
)
from generator.translation.lookup import State
from generator.translation.report import translations_report
from generator.translation.texts import Found, data_texts, walk_all
from generator.translation.translate import check_translations, translate
from generator.translation.updating import update_po_files

from .helpers import load, write

AS_OF = date(2026, 3, 2)
LATER = date(2026, 4, 20)


def bilingual(project: Path, languages: str = "[en, pt]") -> Path:
    """The project read in a second language, its PO file written (nothing translated)."""
    organisation = project / "data" / "organisation.yml"
    text = organisation.read_text(encoding="utf-8")
    organisation.write_text(text + f"\nlanguages: {languages}\n", encoding="utf-8")
    update(project, AS_OF)
    return project


def update(project: Path, as_of: date) -> list[tuple[str, object]]:
    from generator.sources.project import find_project

    handbook, report = load(project)
    assert handbook is not None, report.format()
    return update_po_files(find_project(project / "mkdocs.yml"), handbook, as_of)


def translate_messages(project: Path, language: str, translations: dict[str, str]) -> None:
    """Translate messages of the language's PO file, by their source text, as a
    translator's tool would (Babel writes the file)."""
    import io

    from babel.messages.pofile import write_po

    path = po_file(project, language)
    catalog = read_po(path.open("rb"))
    done = set()
    for message in catalog:
        if message.id in translations:
            message.string = translations[message.id]
            message.flags.discard("fuzzy")
            done.add(message.id)
    assert done == set(translations), set(translations) - done
    out = io.BytesIO()
    write_po(out, catalog, width=0, include_previous=True, include_lineno=False)
    path.write_bytes(out.getvalue())


def messages(project: Path, language: str = "pt") -> dict[tuple[str, str], object]:
    catalog = read_po(po_file(project, language).open("rb"))
    return {(message.context or "", message.id): message for message in catalog if message.id}


# --- Pages, block by block ------------------------------------------------------------

PAGE = """# A title

A paragraph that runs
over two lines.

- a list
- of two

!!! note "Worth knowing"

    An admonition's body,
    indented.

```yaml
key: value

still: the fence
```

---

<!-- handbook:share-story -->

{ .grid }
"""


def test_a_page_cut_into_blocks_joins_back_to_itself() -> None:
    parts = page_blocks.blocks(PAGE)
    assert "\n".join(part if isinstance(part, str) else part.indent + part.text.replace(
        "\n", "\n" + part.indent) for part in parts) == PAGE
    assert page_blocks.translated(PAGE, lambda text: text) == PAGE


def test_code_rules_comments_and_markup_without_words_are_not_translated() -> None:
    texts = page_blocks.texts(PAGE)
    assert texts == ["# A title", "A paragraph that runs\nover two lines.",
                     "- a list\n- of two", '!!! note "Worth knowing"',
                     "An admonition's body,\nindented."]


def test_a_translated_block_keeps_its_indentation() -> None:
    out = page_blocks.translated(PAGE, lambda text: text.upper())
    assert "    AN ADMONITION'S BODY,\n    INDENTED." in out
    assert "key: value\n\nstill: the fence" in out  # the fence is left as it is


# --- PO files, merged -----------------------------------------------------------------

def found(*texts: tuple[str, str]) -> list[Found]:
    return [Found(context, text, "data/values.yml") for context, text in texts]


def merge_into(before: bytes | None, texts: list[Found], as_of: date = AS_OF) -> bytes:
    existing = parse_catalogue(before, "pt", "translations/pt.po") if before else None
    text, _ = merged(existing, texts, language="pt", title="Handbook", as_of=as_of,
                     shown="translations/pt.po")
    return text


def set_translation(po: bytes, source: str, translation: str) -> bytes:
    import io

    from babel.messages.pofile import write_po

    catalog = read_po(io.BytesIO(po))
    catalog.get(source, context=next(m.context for m in catalog if m.id == source)).string = \
        translation
    out = io.BytesIO()
    write_po(out, catalog, width=0, include_previous=True, include_lineno=False)
    return out.getvalue()


def test_merging_marks_new_changed_and_removed_texts_as_msgmerge_does() -> None:
    first = merge_into(None, found(("v.a.name", "Respect"), ("v.a.why", "Because."),
                                   ("v.b.name", "Trust")))
    first = set_translation(first, "Respect", "Respeito")
    first = set_translation(first, "Because.", "Porque sim.")
    first = set_translation(first, "Trust", "Confiança")
    second = merge_into(first, found(("v.a.name", "Respect"), ("v.a.why", "Because it matters."),
                                     ("v.c.name", "Growth")), as_of=LATER)
    catalog = read_po(__import__("io").BytesIO(second))
    by_context = {message.context: message for message in catalog if message.id}
    assert by_context["v.a.name"].string == "Respeito" and not by_context["v.a.name"].fuzzy
    changed = by_context["v.a.why"]
    assert changed.fuzzy and changed.string == "Porque sim."
    assert by_context["v.c.name"].string == "" and not by_context["v.c.name"].fuzzy
    assert [(m.context, m.string) for m in catalog.obsolete.values()] == [("v.b.name",
                                                                           "Confiança")]
    assert b'#| msgid "Because."' in second  # what the translation was made for
    assert f"source changed: {LATER.isoformat()}".encode() in second  # the changed one's day
    assert f"source changed: {AS_OF.isoformat()}".encode() in second  # the kept one's


def test_a_text_that_comes_back_takes_its_translation_back() -> None:
    po = set_translation(merge_into(None, found(("v.b.name", "Trust"))), "Trust", "Confiança")
    gone = merge_into(po, found())
    back = merge_into(gone, found(("v.b.name", "Trust")))
    catalog = parse_catalogue(back, "pt", "translations/pt.po")
    assert catalog.entries[("v.b.name", "Trust")].translated


def test_a_page_block_changed_a_little_stays_fuzzy_one_rewritten_comes_in_new() -> None:
    page = [Found("page:welcome.md", "Welcome to the shop, where riders come first.", None),
            Found("page:welcome.md", "Ask anyone.", None)]
    po = set_translation(merge_into(None, page), page[0].text,
                         "Bem-vindo à loja, onde os ciclistas vêm primeiro.")
    po = set_translation(po, "Ask anyone.", "Pergunte a qualquer pessoa.")
    after = merge_into(po, [
        Found("page:welcome.md", "Welcome to the shop, where every rider comes first.", None),
        Found("page:welcome.md", "Something else entirely, about parking bikes.", None)])
    catalog = parse_catalogue(after, "pt", "translations/pt.po")
    entries = {entry.source: entry for entry in catalog.entries.values()}
    assert entries["Welcome to the shop, where every rider comes first."].fuzzy
    assert entries["Something else entirely, about parking bikes."].translation == ""
    assert ("page:welcome.md", "Ask anyone.") in catalog.obsolete


def test_merging_is_a_pure_function_of_its_inputs() -> None:
    texts = found(("v.a.name", "Respect"), ("v.a.why", "Because."))
    assert merge_into(None, texts) == merge_into(None, texts)
    assert merge_into(merge_into(None, texts), texts) == merge_into(None, texts)
    assert b"2026-03-02" in merge_into(None, texts)  # dated by the commit, not the clock


# --- Bad PO files ---------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "line", "words"), [
    (b'msgid "a"\nmsgstr "b"\nnot a keyword\n', 3, "is not a PO file here"),
    (b'msgid "a"\nmsgstr "\xff"\n', 2, "is not UTF-8"),
    (b'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\nmsgstr[1] "bs"\n', 1, "plural forms"),
])
def test_a_bad_po_file_is_reported_with_file_and_line(raw: bytes, line: int, words: str) -> None:
    with pytest.raises(CatalogueProblem) as caught:
        parse_catalogue(raw, "pt", "translations/pt.po")
    problem = caught.value.problem
    assert (problem.file, problem.line) == ("translations/pt.po", line)
    assert words in problem.message and problem.hint


def test_a_po_file_that_is_a_link_out_of_the_project_is_not_read(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "translations").mkdir(parents=True)
    secret = tmp_path / "secret.po"
    secret.write_text('msgid "a"\nmsgstr "b"\n', encoding="utf-8")
    os.symlink(secret, project / "translations" / "pt.po")
    with pytest.raises(CatalogueProblem) as caught:
        read_catalogue(project, "pt")
    assert "outside" in caught.value.problem.message


# --- Translations looked up -----------------------------------------------------------

def test_the_reader_s_texts_of_data_are_found_with_their_places(project: Path) -> None:
    handbook, _ = load(project)
    assert handbook is not None
    texts = {(text.context, text.text) for text in data_texts(handbook)}
    value = handbook.of(__import__("generator.kinds", fromlist=["VALUE"]).VALUE)[0]
    assert (f"values.{value.id}.name", value.name) in texts
    assert (f"values.{value.id}.statement", value.statement) in texts
    contexts = {context for context, _ in texts}
    assert not any(context.endswith((".id", ".see_also", ".curated_by", ".story_email"))
                   for context in contexts)
    assert not any(".people." in context and context.endswith(".name") for context in contexts)


def test_translated_current_and_stale_texts_read_as_they_should(project: Path) -> None:
    bilingual(project)
    handbook, _ = load(project)
    assert handbook is not None
    from generator.kinds import VALUE

    first, second = handbook.of(VALUE)[:2]
    translate_messages(project, "pt", {first.name: "Respeito", second.name: "Promessas"})
    write(project, "data/values.yml", (project / "data/values.yml").read_text(
        encoding="utf-8").replace(f"name: {second.name}", "name: Keep every promise"))
    handbook, _ = load(project)
    assert handbook is not None
    catalogue = read_catalogue(project, "pt")
    translated, translation = translate(handbook, catalogue, "pt", docs_folder="handbook")
    new_first, new_second = translated.of(VALUE)[:2]
    assert new_first.name == "Respeito" and translation.state_of(new_first) == State.MISSING
    assert new_second.name == "Keep every promise"  # changed since: the source is shown
    assert translation.state_of(new_second) == State.STALE
    assert translation.out_of_date == 1
    assert translated.organisation.language == "pt"
    assert translated.words.language == "pt"


def test_a_translation_is_checked_as_its_source_was(project: Path) -> None:
    bilingual(project)
    handbook, _ = load(project)
    assert handbook is not None
    from generator.kinds import VALUE

    value = handbook.of(VALUE)[0]
    # A control character, which no text of the handbook may hold (a pasted terminal colour).
    translate_messages(project, "pt", {value.statement: "\x1b[31mLevamos sempre a sério."})
    translated, translation = translate(handbook, read_catalogue(project, "pt"), "pt",
                                        docs_folder="handbook")
    assert translated.of(VALUE)[0].statement == value.statement  # refused: the source shows
    (problem,) = translation.problems
    assert problem.file == "translations/pt.po" and problem.line is not None
    assert problem.field == f"values.{value.id}.statement"
    assert problem.severity == Severity.WARNING


def test_the_check_warns_of_a_file_behind_the_source_and_advises_of_what_waits(
        project: Path) -> None:
    from generator.translation.texts import settings_texts

    bilingual(project)
    handbook, _ = load(project)
    assert handbook is not None
    problems, found_translations = check_translations(project, handbook, "handbook",
                                                      settings_texts({}))
    assert [problem.severity for problem in problems] == [Severity.ADVICE]
    assert "not translated yet" in problems[0].message
    from generator.kinds import VALUE

    value = handbook.of(VALUE)[0]
    translate_messages(project, "pt", {value.why: "Porque importa."})
    write(project, "data/values.yml", (project / "data/values.yml").read_text(
        encoding="utf-8").replace("A dismissive answer loses them for good.",
                                  "A careless answer loses them for good."))
    handbook, _ = load(project)
    assert handbook is not None
    problems, _ = check_translations(project, handbook, "handbook", settings_texts({}))
    warning = next(problem for problem in problems if problem.severity == Severity.WARNING)
    assert warning.file == "translations/pt.po" and "out of date" in warning.message
    assert "handbook translations update" in warning.hint
    update(project, LATER)
    handbook, _ = load(project)
    assert handbook is not None
    problems, found_translations = check_translations(project, handbook, "handbook",
                                                      settings_texts({}))
    assert all(problem.severity == Severity.ADVICE for problem in problems)
    report = translations_report(found_translations)
    stale = report[report.index("Changed in the source"):]
    assert f"{LATER.isoformat()}  values.{value.id}.why (data/values.yml)" in stale


def test_a_missing_po_file_is_a_warning_naming_the_command(project: Path) -> None:
    from generator.translation.texts import settings_texts

    bilingual(project)
    po_file(project, "pt").unlink()
    handbook, _ = load(project)
    assert handbook is not None
    problems, _ = check_translations(project, handbook, "handbook", settings_texts({}))
    assert problems[0].severity == Severity.WARNING
    assert "handbook translations update" in problems[0].hint


@pytest.mark.parametrize(("setting", "words"), [
    ("language: en\nlanguages: [pt, en]", "starts with 'pt'"),
    ("languages: [en, pt, pt]", "more than once"),
    ("languages: [en, xx]", "not a language code"),
])
def test_languages_that_cannot_be_are_errors_with_their_line(project: Path, setting: str,
                                                            words: str) -> None:
    organisation = project / "data" / "organisation.yml"
    text = organisation.read_text(encoding="utf-8")
    organisation.write_text(text + setting + "\n", encoding="utf-8")
    handbook, report = load(project)
    assert handbook is None
    (problem,) = report.errors
    assert problem.file == "data/organisation.yml" and problem.line is not None
    assert words in problem.message


def test_every_text_is_listed_once_in_a_stable_order(project: Path) -> None:
    handbook, _ = load(project)
    assert handbook is not None
    first = [(text.context, text.text) for text in walk_all(handbook, "handbook")]
    second = [(text.context, text.text) for text in walk_all(handbook, "handbook")]
    assert first == second and len(first) > 20


def test_an_edition_is_printed_in_languages_the_handbook_is_read_in(project: Path) -> None:
    bilingual(project)
    editions = project / "data" / "editions.yml"
    text = editions.read_text(encoding="utf-8")
    editions.write_text(text.replace("    title: First days\n",
                                     "    title: First days\n    languages: [pt, fr]\n"),
                        encoding="utf-8")
    handbook, report = load(project)
    assert handbook is None
    (problem,) = report.errors
    assert problem.file == "data/editions.yml"
    assert problem.field.startswith("editions[orientation].languages")
    assert problem.line is not None and "'fr'" in problem.message and "en, pt" in problem.hint


def test_gnu_gettext_reads_the_files_it_writes_as_its_own(tmp_path: Path) -> None:
    """msgfmt, the reference reader, checks a merged file (translated, fuzzy with the text
    it was made for, new, obsolete) and counts its messages as the handbook does; a
    second update changes nothing, the `#|` line included."""
    import subprocess

    first = merge_into(None, found(("v.a.name", "Respect"), ("v.a.why", "Because \"we\".\n\nOK"),
                                   ("v.b.name", "Trust")))
    first = set_translation(first, "Respect", "Respeito")
    first = set_translation(first, 'Because "we".\n\nOK', "Porque \"nós\".\n\nOK")
    first = set_translation(first, "Trust", "Confiança")
    texts = found(("v.a.name", "Respect"), ("v.a.why", "Because we care."),
                  ("v.c.name", "Growth"))
    second = merge_into(first, texts, as_of=LATER)
    assert merge_into(second, texts, as_of=LATER) == second
    path = tmp_path / "pt.po"
    path.write_bytes(second)
    checked = subprocess.run(["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(path)],
                             capture_output=True, text=True, env={"LC_ALL": "C",
                                                                 "PATH": "/usr/bin:/bin"})
    assert checked.returncode == 0, checked.stderr
    statistics = checked.stderr.strip().splitlines()[-1]  # after any header warnings
    counts = [int(number) for number in re.findall(r"\d+", statistics)]
    assert counts == [1, 1, 1]  # translated, fuzzy, untranslated
    assert '#| msgid "Because \\"we\\".\\n\\nOK"' in second.decode("utf-8")
    translated_by = second.replace(b"FULL NAME <EMAIL@ADDRESS>", b"Ana Lopes <ana@example.org>")
    assert b"Ana Lopes <ana@example.org>" in merge_into(translated_by, texts, as_of=LATER)
