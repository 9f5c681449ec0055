"""Every measure's results file, read and checked against its measure.

A measure without a file has no figures yet (the report says so); a file without a measure
is an error, since its figures would be shown nowhere.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import Problem
from ..kinds import MEASURE
from ..sources.results_csv import RESULTS_FOLDER, MeasureRules, Result, read_results
from .references import LoadedData, entries_of


def load_results(
    data: LoadedData, data_dir: Path, shown_folder: str,
) -> tuple[dict[str, list[Result]], list[Problem]]:
    """The results of every measure that has a file, by measure id, and the problems."""
    folder = data_dir / RESULTS_FOLDER
    measures = {measure.id: measure for measure in entries_of(data, MEASURE)}
    results: dict[str, list[Result]] = {}
    problems: list[Problem] = []
    if folder.is_symlink():
        # Figures are read from a real folder only: a linked one could lead out of the
        # repository, and a build would publish whatever it found there.
        return results, [Problem(
            f"{shown_folder}/{RESULTS_FOLDER}/", None, None, "", "the folder is a link",
            "move the results files into a real folder here instead of linking to them")]
    files = sorted(folder.iterdir()) if folder.is_dir() else []
    for path in files:
        shown_as = f"{shown_folder}/{RESULTS_FOLDER}/{path.name}"
        if path.name.startswith("."):
            continue
        if path.is_dir() and not path.is_symlink():
            if path.suffix.lower() == ".csv":  # else a measure silently loses its figures
                problems.append(Problem(shown_as + "/", None, None, "",
                                        "is a folder, not a CSV file",
                                        "a measure's results are one CSV file: move the file "
                                        "out of the folder and remove the folder"))
            continue
        if path.suffix.lower() != ".csv":
            problems.append(Problem(shown_as, None, None, "", "is not a CSV file",
                                    "results are CSV files named after their measure: "
                                    "results/<measure id>.csv"))
            continue
        measure = measures.get(path.stem)
        if measure is None and path.stem in data.known_ids.get("measures", []):
            continue  # the measure is written but not valid: its own problem is reported
        if measure is None:
            known = ", ".join(measures) or "none yet"
            problems.append(Problem(
                shown_as, None, None, "", f"no measure has the id '{path.stem}'",
                f"name the file after a measure in measures.yml (ids: {known}), or add "
                "the measure"))
            continue
        rows, found = read_results(path, shown_as, MeasureRules(
            measure.id, measure.unit, tuple(measure.teams)), data_dir=data_dir)
        problems.extend(found)
        results[measure.id] = rows
    return results, problems
