"""Random inputs for the loader: shared by the fuzz tests and bench/fuzz.py."""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from pathlib import Path

import yaml
from hypothesis import strategies as st

from generator.errors import ProblemReport
from generator.loading.loader import load_handbook

from .helpers import REPO

DATA_FILES = sorted(
    str(path.relative_to(REPO)) for path in (REPO / "data").rglob("*.yml")
)
TRICKY_WORDS = ["no", "yes", "on", "1.10", "2025-02-30", "~", "null", "<script>", "{{ x }}",
                "!!python/object:os.system", "&a", "*a", "<<", "- ", ": ", "#", "'", '"',
                "\t", "\u00e9", "\u202e", "\x00", "CON", "../x", "respect", "published"]

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
    st.text(max_size=40), st.sampled_from(TRICKY_WORDS),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(st.one_of(st.sampled_from(TRICKY_WORDS), st.text(max_size=12)),
                        children, max_size=6),
    ),
    max_leaves=30,
)


def mutate(text: str, rng: random.Random) -> str:
    """One random edit of the kind a hurried editor makes: cut, paste, retype, re-indent."""
    lines = text.splitlines(keepends=True) or [""]
    choice = rng.randrange(6)
    at = rng.randrange(len(lines))
    if choice == 0:
        del lines[at]
    elif choice == 1:
        lines.insert(at, lines[rng.randrange(len(lines))])
    elif choice == 2:
        lines[at] = ("  " if rng.random() < 0.5 else "\t") + lines[at]
    elif choice == 3:
        cut = rng.randrange(len(lines[at]) + 1)
        lines[at] = lines[at][:cut] + rng.choice(TRICKY_WORDS) + lines[at][cut:]
    elif choice == 4:
        lines[at] = lines[at][: rng.randrange(len(lines[at]) + 1)]
    else:
        other = rng.randrange(len(lines))
        lines[at], lines[other] = lines[other], lines[at]
    return "".join(lines)


def copy_of_shipped(where: Path) -> Path:
    for folder in ("data", "handbook"):
        shutil.copytree(REPO / folder, where / folder)
    return where


def load_with(project: Path, relative: str, content: str | bytes) -> ProblemReport:
    """Load `project` with one file replaced; return the report (raising is the failure)."""
    path = project / relative
    original = path.read_bytes()
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    try:
        handbook, report = load_handbook(project / "data", project / "handbook", root=project)
        assert (handbook is None) == bool(report.errors)
        return report
    finally:
        path.write_bytes(original)


FuzzLoad = Callable[..., ProblemReport]
"""What the `fuzz_load` fixture gives: `load_with` itself, taken through the fixture."""


def as_yaml(document: object) -> str:
    return yaml.safe_dump(document, allow_unicode=True)
