"""`handbook report`'s part on translations: per language, what still reads in the
source language, the longest waiting first, with the day its source text changed."""

from __future__ import annotations

from datetime import date

from .lookup import State
from .translate import Translation, Waiting

LISTED = 15
"""Texts listed per language and state; the rest are counted."""


def translations_report(translations: list[Translation]) -> str:
    lines = ["Translations"]
    for translation in translations:
        lines.append(f"  {translation.language} ({translation.file}): "
                     f"{translation.translated:,} of {translation.total:,} texts translated.")
        if translation.out_of_date:
            lines.append("    The file is out of date with the source: run `handbook "
                         "translations update`.")
        for state, heading in ((State.STALE, "Changed in the source since translated"),
                               (State.MISSING, "Not translated yet")):
            waiting = sorted((text for text in translation.waiting if text.state == state),
                             key=_oldest_first)
            if not waiting:
                continue
            lines.append(f"    {heading} ({len(waiting):,}), oldest first:")
            lines += [f"      {_line(text)}" for text in waiting[:LISTED]]
            if len(waiting) > LISTED:
                lines.append(f"      ... and {len(waiting) - LISTED:,} more")
        if not translation.waiting:
            lines.append("    Everything is translated.")
    return "\n".join(lines)


def _oldest_first(text: Waiting) -> tuple[date, str]:
    return text.changed or date.max, text.context


def _line(text: Waiting) -> str:
    changed = text.changed.isoformat() if text.changed else "not yet listed"
    source = " ".join(text.source.split())
    shown = source if len(source) <= 60 else source[:57] + "..."
    where = f" ({text.file})" if text.file else ""
    return f"{changed}  {text.context}{where}: \"{shown}\""
