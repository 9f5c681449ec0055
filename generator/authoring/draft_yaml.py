"""Writing a draft's YAML from someone's words: by the emitter, then read back and compared.

Drafts are written from text anyone can submit (an issue form, an e-mail). Assembled by
hand, such text can break out of its field: YAML takes U+0085, U+2028 and U+2029 for line
breaks, so an answer holding one once grew `people`, `consent` and `published` fields in a
draft that was meant to name nobody. So the fields go through PyYAML's emitter, which
quotes what needs quoting, and the text is parsed back with the reader every check uses;
a draft whose values are not exactly the ones meant is never written.

Long text is written as a literal block (`|`), which reads as the paragraphs it is; where
the emitter cannot write a value that way it chooses a quoted form itself.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ..errors import HandbookError
from ..sources.yaml_source import read_yaml_text

WIDTH = 88


class _DraftDumper(yaml.SafeDumper):
    """Block mappings, short lists on one line, paragraphs as literal blocks."""


_OTHER_BREAKS = frozenset("\r\x85\u2028\u2029")
"""What YAML takes for a line break besides \\n: written raw in a block or a plain scalar,
they would read back as \\n; in double quotes they are escaped (\\N, \\L, \\P)."""


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    if _DAY.fullmatch(text):
        # A day as editors write it (`consent: 2026-11-18`), not quoted: the handbook's
        # reader takes it as the text it is either way, and the read-back proves it.
        return dumper.represent_scalar("tag:yaml.org,2002:timestamp", text)
    if not _OTHER_BREAKS.isdisjoint(text):
        style: str | None = '"'
    else:
        style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


def _represent_list(dumper: yaml.SafeDumper, items: list[Any]) -> yaml.SequenceNode:
    flow = all(isinstance(item, str) and "\n" not in item for item in items)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=flow)


_DraftDumper.add_representer(str, _represent_text)
_DraftDumper.add_representer(list, _represent_list)


def draft_text(header: str, fields: dict[str, Any], *, display: str) -> str:
    """`header` (comment lines) and `fields` as YAML, checked to read back as `fields`.

    `fields` holds only what a data file holds as the reader gives it back: text (dates as
    `YYYY-MM-DD` text), numbers, true/false, lists and mappings. Raises HandbookError when
    the text would not read back as the very same values."""
    body = yaml.dump(fields, Dumper=_DraftDumper, allow_unicode=True, sort_keys=False,
                     width=WIDTH, default_flow_style=False)
    text = header + body
    back = read_yaml_text(text, Path(display), display)
    if back.problems or back.data != fields:
        raise HandbookError(f"{display}: the draft would not read back as what was written; "
                            "nothing was written (this is a bug in the generator: please "
                            "report it with the text that was submitted)")
    return text
