"""A longer fuzz run than the test suite's: random and mangled data files, loaded again and
again; any exception is a crash. Prints the number of inputs and of crashes.

Run:  .venv/bin/python bench/fuzz.py [--inputs 20000] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.fuzz_report import finish
from tests.fuzzing import (
    DATA_FILES,
    as_yaml,
    copy_of_shipped,
    documents,
    load_with,
    mutate,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    crashes: list[str] = []
    counted = {"mangled": 0, "generated": 0}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        project = copy_of_shipped(Path(folder))

        def attempt(kind: str, relative: str, content: str) -> None:
            counted[kind] += 1
            try:
                load_with(project, relative, content)
            except Exception:  # every exception is what we are looking for
                crashes.append(f"{kind} {relative}:\n{traceback.format_exc()}")

        rng = random.Random(args.seed)
        half = args.inputs // 2
        for _ in range(half):
            relative = rng.choice(DATA_FILES)
            text = (project / relative).read_text(encoding="utf-8")
            for _ in range(rng.randint(1, 5)):
                text = mutate(text, rng)
            attempt("mangled", relative, text)

        @settings(max_examples=args.inputs - half, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(st.sampled_from(DATA_FILES), documents)
        def generated(relative: str, document: object) -> None:
            attempt("generated", relative, as_yaml(document))

        generated()
    seconds = time.perf_counter() - started
    total = sum(counted.values())
    finish(f"inputs: {total:,} ({counted['mangled']:,} mangled shipped files, "
           f"{counted['generated']:,} generated documents) in {seconds:.0f} s",
           "crashes", crashes)

if __name__ == "__main__":
    main()
