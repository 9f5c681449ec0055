"""Splitting one line of a CSV file into its values, with the column each starts at.

Python's csv module does not say where a value starts, and lets a stray quote through
as text (`North "office"`): a results file's problems are told at their line and column,
and a stray quote is nearly always a broken export. So lines are split here, by CSV's
rules, and anything the rules do not allow is refused with the column it is at.
"""

from __future__ import annotations


class Unreadable(Exception):
    """A line whose quotes do not pair up, at `column` (1-based)."""

    def __init__(self, column: int, message: str, hint: str) -> None:
        super().__init__(message)
        self.column, self.message, self.hint = column, message, hint


_QUOTE_HINT = ('put the whole value in double quotes, and double each quote inside it: '
               '"The ""north"" office"')


def split_line(line: str) -> list[tuple[str, int]]:
    """Each value of a line and the 1-based column it starts at, by CSV's rules: commas
    separate values; a value in double quotes may hold commas, and `""` for a quote.
    One reading for the header and every row, so values and columns always pair up."""
    cells: list[tuple[str, int]] = []
    at, end = 0, len(line)
    while True:
        start = at
        lead = len(line[at:]) - len(line[at:].lstrip(" "))  # `a, "b, c"` as typed by hand
        if at + lead < end and line[at + lead] == '"':
            value, at = quoted_cell(line, at + lead)
            while at < end and line[at] == " ":
                at += 1
            if at < end and line[at] != ",":
                raise Unreadable(at + 1, "text follows a closing quote", _QUOTE_HINT)
        else:
            comma = line.find(",", at)
            stop = end if comma < 0 else comma
            value = line[at:stop]
            if '"' in value:
                raise Unreadable(at + value.index('"') + 1,
                                  "a quote inside a value that does not start with one",
                                  _QUOTE_HINT)
            at = stop
        cells.append((value, start + 1))
        if at >= end:
            return cells
        at += 1  # past the comma


def quoted_cell(line: str, at: int) -> tuple[str, int]:
    """The value of the quoted field starting at `at`, and where it ends."""
    parts, index = [], at + 1
    while True:
        close = line.find('"', index)
        if close < 0:
            raise Unreadable(at + 1, "a quote opens a value but does not close it",
                              _QUOTE_HINT)
        parts.append(line[index:close])
        if close + 1 < len(line) and line[close + 1] == '"':
            parts.append('"')
            index = close + 2
            continue
        return "".join(parts), close + 1
