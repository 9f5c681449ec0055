"""What each page's footer says about when what it says last changed."""

from __future__ import annotations

from typing import Any

from ..history.commits import FileDates
from ..model.handbook import Handbook


def source_stamp(handbook: Handbook, dates: FileDates, source: str) -> dict[str, Any]:
    """The date the page's source file last changed, in the handbook's language, and
    whether it has changes not committed yet (see the theme's source-file.html)."""
    changed = dates.changed.get(source)
    return {
        "changed": handbook.words.long_date(changed.date()) if changed else None,
        "uncommitted": source in dates.uncommitted,
    }
