"""Who behaviour and service are owed to: the audiences behaviours.yml declares (by default
customers and coworkers), which behaviours (`audience`) and measures (`owed_to`) name."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..errors import Problem
from ..kinds.behaviours.kind import BOTH, BOTH_MEANS, DEFAULT_AUDIENCES
from .validation import suggestions

if TYPE_CHECKING:
    from .references import LoadedData


def check_audiences(data: LoadedData) -> Iterator[Problem]:
    """A behaviour, and the service a measure counts, are owed to audiences behaviours.yml
    declares (by default customers and coworkers)."""
    known = data.known_ids.get("audiences")
    if known is None:
        if "audiences" in data.list_files:
            return  # written but unreadable: its own error says so
        known = [audience.id for audience in DEFAULT_AUDIENCES]
    for behaviour in data.entries["behaviours"]:
        given = behaviour.audience if isinstance(behaviour.audience, list) else [
            behaviour.audience]
        for index, audience in enumerate(given):
            loc: tuple[str | int, ...] = (
                ("audience", index) if isinstance(behaviour.audience, list) else ("audience",))
            wanted = BOTH_MEANS if audience == BOTH else (audience,)
            missing = [name for name in wanted if name not in known]
            if not missing:
                continue
            if audience == BOTH:
                yield data.problem(
                    behaviour, loc, f"'both' means customers and coworkers, and "
                    f"'{missing[0]}' is not among the audiences",
                    f"name the audiences it is owed to instead, like `audience: "
                    f"[{', '.join(known[:2])}]` (the audiences are {', '.join(known)})")
                continue
            yield data.problem(behaviour, loc, f"unknown audience '{audience}'",
                               suggestions(audience, known, label="audiences"))
    for measure in data.entries.get("measures", []):
        if measure.owed_to not in known:
            yield data.problem(measure, ("owed_to",), f"unknown audience '{measure.owed_to}'",
                               suggestions(measure.owed_to, known, label="audiences"))
