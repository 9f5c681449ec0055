"""Syntax errors from libyaml, said in an editor's words with a hint for each common slip."""

from __future__ import annotations

import yaml

_SYNTAX_HINTS: tuple[tuple[str, str, str], ...] = (
    ("while scanning a quoted scalar", "a quoted text is never closed",
     "add the closing quote; the text starts at the line shown"),
    ("while parsing a flow sequence", "a list in [brackets] is never closed",
     "add the closing ']'; the list starts at the line shown"),
    ("while parsing a flow mapping", "a mapping in {braces} is never closed",
     "add the closing '}'; the mapping starts at the line shown"),
    ("mapping values are not allowed", "a colon (:) appears where YAML does not expect one",
     "put text that contains ': ' in quotes, or fix the indentation of this line"),
    ("did not find expected key", "the indentation does not line up",
     "entries of the same mapping or list must start at the same column"),
    ("expected <block end>", "the indentation does not line up",
     "entries of the same mapping or list must start at the same column"),
    ("did not find expected '-' indicator", "a list entry is not indented like the others",
     "start every entry of a list with '- ' at the same column"),
    ("found undefined alias", "an alias (*name) refers to an anchor (&name) that does not exist",
     "define the anchor first, or write the value out"),
    ("expected a single document", "the file holds more than one YAML document ('---')",
     "keep one document per file: remove the extra '---' line"),
    ("found unknown escape character", "a backslash in double quotes starts an unknown escape",
     "use single quotes around text with backslashes, or write \\\\"),
    ("found unexpected end of stream", "the file ends in the middle of a value",
     "close the open quote, bracket or brace"),
)


_TAB_MESSAGE = "a tab character is used where YAML expects spaces"
_TAB_HINT = "indent with spaces only; set your editor to insert spaces for Tab in YAML files"


def _char_at(text: str, mark: yaml.Mark) -> str:
    # libyaml's marks carry no buffer, so the character is looked up by line and column.
    lines = text.split("\n", mark.line + 1)
    if mark.line < len(lines) and mark.column < len(lines[mark.line]):
        return lines[mark.line][mark.column]
    return ""


def describe_syntax_error(
    error: yaml.MarkedYAMLError, text: str
) -> tuple[tuple[int, int] | None, str, str]:
    context = error.context or ""
    problem = error.problem or ""
    combined = f"{context} {problem}"
    mark = error.problem_mark or error.context_mark
    if mark is not None and _char_at(text, mark) == "\t":
        return (mark.line + 1, mark.column + 1), _TAB_MESSAGE, _TAB_HINT
    known = next((entry for entry in _SYNTAX_HINTS if entry[0] in combined), None)
    if known is None:
        message = f"is not valid YAML: {problem or context}"
        hint = "check the YAML syntax on this line and the one before it"
    else:
        needle, message, hint = known
        # For something never closed, the useful place is where it opened.
        if needle.startswith("while ") and error.context_mark is not None:
            mark = error.context_mark
    where = (mark.line + 1, mark.column + 1) if mark is not None else None
    return where, message, hint
