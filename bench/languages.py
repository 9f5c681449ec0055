"""What a second language costs the site build.

The same handbook built read in one language and in two (`languages: [en-GB, pt-PT]`, the
Portuguese PO file written by `handbook translations update`, nothing in it translated:
looking a text up costs the same whether it is translated or not), PDFs left out. The
synthetic handbooks of bench/synthetic.py at each size, and the shipped handbook with its
own translation. Builds alternate between the two, and the median of each is printed.

    .venv/bin/python bench/languages.py                # 100 and 1,000 stories, the sample
    .venv/bin/python bench/languages.py --sizes 10000 --runs 1
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.scale import QUIET, run
from bench.synthetic import REPO, make_project

BIN = Path(sys.executable).parent


def commit(project: Path, message: str) -> None:
    for command in (["git", "add", "-A"],
                    ["git", "-c", "user.name=Bench", "-c", "user.email=bench@example.invalid",
                     "commit", "-q", "--allow-empty", "-m", message]):
        subprocess.run(command, cwd=project, env=QUIET, check=True)


def without_pdfs(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace(
        "      data_dir: data\n", "      data_dir: data\n      pdf: false\n"))


def set_languages(project: Path, languages: list[str]) -> None:
    path = project / "data" / "organisation.yml"
    organisation = yaml.safe_load(path.read_text(encoding="utf-8"))
    organisation.pop("languages", None)
    if len(languages) > 1:
        organisation["languages"] = languages
    path.write_text(yaml.safe_dump(organisation, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")


def pair(project: Path, runs: int) -> tuple[float, float, int]:
    """Median build seconds with one language and with two, and the pages per site."""
    one, two = project.with_name(project.name + "-one"), project
    shutil.copytree(project, one)
    set_languages(one, ["en-GB"])
    commit(one, "One language")
    timings: dict[Path, list[float]] = {one: [], two: []}
    for _ in range(runs):
        for side in (one, two):
            timings[side].append(run([str(BIN / "mkdocs"), "build", "--strict", "-q"],
                                     side)[0].seconds)
    pages = sum(1 for _ in (one / "site").rglob("index.html"))
    return statistics.median(timings[one]), statistics.median(timings[two]), pages


def synthetic(folder: Path, stories: int) -> Path:
    project = make_project(folder / f"synthetic-{stories}", stories=stories,
                           languages=("en-GB", "pt-PT"))
    without_pdfs(project)
    subprocess.run(["git", "init", "-q"], cwd=project, env=QUIET, check=True)
    commit(project, "Synthetic handbook")
    subprocess.run([str(BIN / "handbook"), "translations", "update"], cwd=project, env=QUIET,
                   check=True, capture_output=True)
    commit(project, "Its translation")
    return project


def shipped(folder: Path) -> Path:
    project = folder / "shipped"
    for name in ("data", "handbook", "translations", "overrides"):
        shutil.copytree(REPO / name, project / name)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    without_pdfs(project)
    subprocess.run(["git", "init", "-q"], cwd=project, env=QUIET, check=True)
    commit(project, "The shipped handbook")
    return project


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print("| handbook | pages per site | one language | two languages | two / one |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        projects = [(f"{size:,} stories", synthetic(folder, size)) for size in args.sizes]
        projects.append(("the shipped handbook", shipped(folder)))
        for name, project in projects:
            one, two, pages = pair(project, args.runs)
            print(f"| {name} | {pages:,} | {one:.1f} s | {two:.1f} s | {two / one:.2f} |",
                  flush=True)


if __name__ == "__main__":
    main()
