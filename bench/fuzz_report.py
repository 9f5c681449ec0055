"""How a fuzz run ends: its figures, the first few failures, and an exit status that a
script or CI can act on (1 when anything failed)."""

from __future__ import annotations


def finish(summary: str, noun: str, failures: list[str]) -> None:
    print(summary)
    print(f"{noun}: {len(failures)}")
    for failure in failures[:5]:
        print(failure)
    raise SystemExit(1 if failures else 0)
