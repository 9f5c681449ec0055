"""A long fuzz run of what anyone can submit: issue bodies for the story and idea forms, and
results files as spreadsheets export them. Prints how many inputs were tried, how many
bodies became drafts and how many were refused, and the crashes and wrong drafts (drafts
whose written YAML does not read back as exactly what the draft meant), which must be 0.

Run:  .venv/bin/python bench/fuzz_submissions.py [--inputs 100000] [--seed 1]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from bench.fuzz_report import finish
from generator.intake.forms import FORMS
from tests.helpers import load, make_project
from tests.submission_fuzzing import SubmissionFuzz, exports, issue_bodies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    counted = {"drafted": 0, "refused": 0, "exports": 0}
    failures: list[str] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        handbook, report = load(make_project(Path(folder) / "project"))
        assert handbook is not None, report.format()
        fuzz = SubmissionFuzz(handbook, Path(folder))
        half = args.inputs // 2

        @seed(args.seed)
        @settings(max_examples=half, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(st.data())
        def bodies(data: st.DataObject) -> None:
            form = data.draw(st.sampled_from(FORMS))
            drafted, failure = fuzz.body(form, data.draw(issue_bodies(form, handbook)))
            counted["drafted" if drafted else "refused"] += 1
            if failure:
                failures.append(failure)

        @seed(args.seed)
        @settings(max_examples=args.inputs - half, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(exports)
        def results(text: str) -> None:
            counted["exports"] += 1
            failure = fuzz.export(text)
            if failure:
                failures.append(failure)

        bodies()
        results()
    seconds = time.perf_counter() - started
    total = sum(counted.values())
    finish(f"inputs: {total:,} in {seconds:.0f} s: {counted['drafted'] + counted['refused']:,} "
           f"issue bodies ({counted['drafted']:,} drafted, {counted['refused']:,} refused), "
           f"{counted['exports']:,} results files", "crashes and wrong drafts", failures)

if __name__ == "__main__":
    main()
