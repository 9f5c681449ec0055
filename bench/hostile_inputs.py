"""How fast, and in how much memory, `handbook check` refuses the inputs built to hurt it:
a 100 MB data file, an alias bomb ("billion laughs"), nesting thousands deep, a line of a
million characters. Each runs in a fresh process, so its peak memory is its own.

Run:  .venv/bin/python bench/hostile_inputs.py [--repeat 5]

Prints, for each input, the median wall time and the peak resident memory of the check
process, next to the same figures for the small fixture unchanged (the baseline).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HANDBOOK = Path(sys.executable).with_name("handbook")
STORY = "data/stories/hostile.yml"


def huge_file(project: Path) -> None:
    with (project / STORY).open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: 100 MB that costs no disk


def alias_bomb(project: Path) -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, 10):  # ten to the tenth values, if anything expanded them
        previous = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([previous] * 10)}]")
    (project / STORY).write_text("\n".join(lines) + "\n", encoding="utf-8")


def deep_nesting(project: Path) -> None:
    (project / STORY).write_text("title: " + "[" * 50_000 + "]" * 50_000 + "\n",
                                 encoding="utf-8")


def long_line(project: Path) -> None:
    (project / STORY).write_text("title: " + "A" * 1_000_000 + "\n", encoding="utf-8")


def nothing(project: Path) -> None:
    """The baseline: the small fixture as it is."""


INPUTS: dict[str, Callable[[Path], None]] = {
    "small fixture, unchanged": nothing,
    "100 MB file": huge_file,
    "alias bomb (10^10 values)": alias_bomb,
    "nesting 50,000 deep": deep_nesting,
    "one line of 1,000,000 characters": long_line,
}


def run_one(name: str, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "project"
        shutil.copytree(REPO / "tests/fixtures/small/data", project / "data")
        shutil.copytree(REPO / "tests/fixtures/small/handbook", project / "handbook")
        shutil.copytree(REPO / "overrides", project / "overrides")
        shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
        INPUTS[name](project)
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            done = subprocess.run([str(HANDBOOK), "check"], cwd=project, capture_output=True,
                                  check=False)
            times.append(time.perf_counter() - started)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        first_line = done.stderr.decode().splitlines()[1:2] or ["(no problems)"]
        print(f"| {name} | {statistics.median(times):.2f} s | {peak_mb:.0f} MB | "
              f"{done.returncode} | {first_line[0].split(': ', 1)[-1][:70]} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", help=argparse.SUPPRESS)  # one input, in a child process
    args = parser.parse_args()
    if args.only:
        run_one(args.only, args.repeat)
        return
    print("| input | median time | peak memory | exit | message |")
    print("|---|---|---|---|---|")
    for name in INPUTS:
        # A process per input: the peak memory of children only ever grows within one.
        subprocess.run([sys.executable, __file__, "--only", name, "--repeat", str(args.repeat)],
                       check=True)


if __name__ == "__main__":
    main()
