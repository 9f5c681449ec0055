"""`handbook check` remembers parsed files between runs, is never wrong because of it, and
trusts nothing it finds in its cache.

Each step changes the small fixture's data the way editors do (an edit, a rename, a
deletion, a broken file and its fix, a value renamed, a file saved unchanged) and then
checks twice: with the cache the last check left, and from nothing. Both must say the
same, to the letter, with the same exit code.

The cache is derived state, and derived state is input: what a pull request can plant (a
pickle, a link, a pipe, a folder named like the cache) is never run, followed or emptied.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

from generator.loading.check_cache import (
    FORMAT,
    ParsedYamlMemory,
    generator_fingerprint,
    keep_memory,
    restore_memory,
)
from generator.loading.loader import LoadStats, load_handbook
from generator.loading.parse_ahead import parse_ahead
from generator.loading.parsed_files import ParsedFiles
from generator.sources.caches import CACHE_ENV

from .commands import RunHandbook, clean_env, commit_all, git
from .helpers import cache_of, weaken_a_story

STORIES = "data/stories"


def _check_twice(
    project: Path, run_handbook: RunHandbook
) -> tuple[tuple[int, str, str], tuple[int, str, str]]:
    """The check with the cache as it is, then with no cache at all."""
    warm = run_handbook(project, "check", "--today", "2026-10-20")
    shutil.rmtree(cache_of(project, clean_env(project)))
    cold = run_handbook(project, "check", "--today", "2026-10-20")
    return ((warm.returncode, warm.stdout, warm.stderr),
            (cold.returncode, cold.stdout, cold.stderr))


def _replace(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _first_story(project: Path) -> Path:
    return sorted((project / STORIES).glob("*.yml"))[0]


STEPS: list[tuple[str, Callable[[Path], None]]] = [
    ("nothing changed", lambda project: None),
    ("a story edited", lambda project: _replace(
        project, f"{STORIES}/{_first_story(project).name}", "title: ", "title: Edited: ")),
    ("a story given a customer's phone number", lambda project: _replace(
        project, f"{STORIES}/{_first_story(project).name}", "tip: ",
        "tip: Ring them on 0161 496 0018. ")),
    ("the phone number taken out", lambda project: _replace(
        project, f"{STORIES}/{_first_story(project).name}", "Ring them on 0161 496 0018. ", "")),
    ("a story renamed", lambda project: _first_story(project).rename(
        project / STORIES / "renamed-story.yml")),
    ("a story broken", lambda project: (project / STORIES / "broken.yml").write_text(
        "title: [unclosed\n", encoding="utf-8")),
    ("the broken story mended", lambda project: (project / STORIES / "broken.yml").unlink()),
    ("a story deleted", lambda project: (project / STORIES / "renamed-story.yml").unlink()),
    ("a value renamed, every story naming it checked again", lambda project: _replace(
        project, "data/values.yml", "id: respect", "id: respected")),
    ("a file saved as it was", lambda project: (project / "data/values.yml").write_bytes(
        (project / "data/values.yml").read_bytes())),
]


def test_a_check_with_the_cache_says_what_a_check_without_it_says(
        project: Path, run_handbook: RunHandbook) -> None:
    run_handbook(project, "check")  # leaves the cache the first step starts from
    assert any(cache_of(project, clean_env(project)).rglob("*.json"))
    outcomes = set()
    for name, change in STEPS:
        change(project)
        warm, cold = _check_twice(project, run_handbook)
        assert warm == cold, name
        assert "Traceback" not in warm[2], name
        outcomes.add(warm[0])
    assert outcomes == {0, 1}, "the steps include a failing check and a passing one"


def _load(project: Path, stats: LoadStats) -> ParsedYamlMemory:
    memory = restore_memory(project)
    load_handbook(project / "data", project / "handbook", root=project,
                  parsed=ParsedFiles(memory), stats=stats)
    keep_memory(memory)
    return memory


def _shards(project: Path) -> list[Path]:
    return sorted((cache_of(project) / "check" / generator_fingerprint()).glob("*.json"))


def test_an_unchanged_file_is_not_parsed_again_and_an_edited_one_is(project: Path) -> None:
    files = len(list((project / "data").rglob("*.yml")))
    first = _load(project, LoadStats())
    assert (first.added, first.recalled) == (files, 0)
    story = _first_story(project)
    story.write_text(story.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    second = _load(project, LoadStats())
    assert (second.added, second.recalled) == (1, files - 1)
    (project / "data/values.yml").touch()  # a new time, the same content
    third = _load(project, LoadStats())
    assert (third.added, third.recalled) == (0, files)
    assert len(restore_memory(project)) == files, "the edited story's old values are gone"


def _problems(project: Path) -> tuple[str, ParsedYamlMemory]:
    memory = restore_memory(project)
    _, report = load_handbook(project / "data", project / "handbook", root=project,
                              parsed=ParsedFiles(memory), today=date(2026, 10, 20))
    keep_memory(memory)
    return report.format(), memory


def test_what_was_worked_out_comes_back_for_its_own_file_only(project: Path) -> None:
    story = weaken_a_story(project)  # a quality warning, worked out from the story alone
    cold, _ = _problems(project)
    assert f"{story.relative_to(project)}:" in cold and "quality:" in cold
    warm, memory = _problems(project)
    assert warm == cold and memory.recalled > 0

    # The same text under another name: the warning names the file it is in now.
    renamed = story.with_name("renamed-story.yml")
    story.rename(renamed)
    moved, _ = _problems(project)
    assert f"{renamed.relative_to(project)}:" in moved and f"{story.name}:" not in moved

    # Results of the wrong shape are worked out again, never trusted.
    for shard in _shards(project):
        record = json.loads(shard.read_text(encoding="utf-8"))
        for kept in record["worked"].values():
            kept["results"] = {"quality": {"problems": [{"file": kept["file"]}]}}
        shard.write_text(json.dumps(record), encoding="utf-8")
    again, _ = _problems(project)
    assert again == moved


def test_the_cache_is_outside_the_project_and_plain_data(project: Path) -> None:
    _load(project, LoadStats())
    assert not (project / ".cache").exists()
    assert not cache_of(project).is_relative_to(project)
    assert _shards(project)
    for shard in _shards(project):
        record = json.loads(shard.read_text(encoding="utf-8"))
        assert record["format"] == FORMAT and isinstance(record["files"], dict)
        assert isinstance(record["worked"], dict)


def test_a_damaged_or_foreign_shard_is_ignored(project: Path) -> None:
    _load(project, LoadStats())
    shards = _shards(project)
    shards[0].write_bytes(shards[0].read_bytes()[:20])  # cut short, as by a full disk
    shards[1].write_text(json.dumps({"format": FORMAT, "files": {"not-a-hash": {}, "0" * 64: 5},
                                     "worked": {}}))
    shards[2].write_text("[1, 2, 3]")
    shards[3].unlink()
    os.mkfifo(shards[3])  # a pipe where a shard was: read without waiting for a writer
    memory = restore_memory(project)
    kept = {digest for shard in shards[4:]
            for digest in json.loads(shard.read_text())["files"]}
    assert len(memory) == len(kept) + 1  # the all-zero digest's (never a file's) is plain data
    again = _load(project, LoadStats())
    assert again.added + again.recalled == len(list((project / "data").rglob("*.yml")))
    assert len(restore_memory(project)) == len(list((project / "data").rglob("*.yml")))


def test_a_pipe_in_the_cache_never_hangs_the_check(project: Path,
                                                   run_handbook: RunHandbook) -> None:
    run_handbook(project, "check")
    folder = cache_of(project, clean_env(project)) / "check" / generator_fingerprint()
    shard = sorted(folder.glob("*.json"))[0]
    shard.unlink()
    os.mkfifo(shard)
    result = run_handbook(project, "check", timeout=60)
    assert result.returncode == 0, result.stderr
    assert "is valid" in result.stdout


class _Planted:
    """What a planted pickle would run: it leaves a file behind."""

    def __init__(self, proof: Path) -> None:
        self.proof = proof

    def __reduce__(self) -> tuple[object, tuple[str, ...]]:
        return (os.system, (f"touch {self.proof}",))


def _fingerprint_of_the_pickling_cache() -> str:
    """The folder name the check cache had when it kept pickles (before December 2026):
    a pickle planted there ran on every check."""
    import hashlib
    import sys
    from importlib.metadata import version

    digest = hashlib.sha256()
    for name in ("pyyaml", "pydantic", "pydantic-core"):
        digest.update(f"{name} {version(name)}\n".encode())
    digest.update(sys.version.encode())
    package = Path(__file__).resolve().parents[1] / "generator"
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def test_a_planted_pickle_never_runs(project: Path, tmp_path: Path,
                                     run_handbook: RunHandbook) -> None:
    proof = tmp_path / "the-pickle-ran"
    assert run_handbook(project, "check").returncode == 0  # the cache as the tool makes it
    shards = cache_of(project, clean_env(project)) / "check" / generator_fingerprint()
    # Where the cache used to be, committed as a pull request could (`git add -f`), and in
    # the cache folder itself under every name a shard can have.
    for folder, names in [
            (project / ".cache/handbook/check" / _fingerprint_of_the_pickling_cache(),
             [f"{index:02d}.pickle" for index in range(64)]),
            (shards, [f"{index:02d}.json" for index in range(64)])]:
        folder.mkdir(parents=True, exist_ok=True)
        for name in names:
            (folder / name).write_bytes(pickle.dumps({"x": _Planted(proof)}))
    commit_all(project)
    result = run_handbook(project, "check")
    assert not proof.exists()
    assert result.returncode == 0, result.stderr
    assert "is valid" in result.stdout


def test_a_linked_cache_folder_is_refused_and_nothing_behind_it_is_touched(
        project: Path, tmp_path: Path, run_handbook: RunHandbook) -> None:
    # The attack on the old cache: `.cache/handbook/check` committed as a link to the
    # folder above the project, whose other folders were removed as "other generators'".
    sibling = tmp_path / "sibling-project"
    (sibling / "src").mkdir(parents=True)
    (sibling / "src/main.py").write_text("print('mine')\n")
    (project / ".cache/handbook").mkdir(parents=True)
    (project / ".cache/handbook/check").symlink_to("../../..")
    commit_all(project)
    assert run_handbook(project, "check").returncode == 0
    assert (sibling / "src/main.py").read_text() == "print('mine')\n"

    # The project's own cache folder replaced by a link: refused by name.
    env = clean_env(project)
    cache = cache_of(project, env)
    shutil.rmtree(cache)
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.symlink_to(sibling)
    result = run_handbook(project, "check")
    assert result.returncode == 1
    assert result.stderr == (f"Error: the cache folder {cache} is a link; the tool keeps its "
                             "cache only in real folders it made: remove the link\n")
    assert sorted(p.name for p in sibling.rglob("*")) == ["main.py", "src"]


def test_a_cache_folder_in_the_project_must_be_real_and_untracked(
        project: Path, run_handbook: RunHandbook) -> None:
    # CI keeps its cache in the project where a pipeline's cache must be (GitLab's), named
    # by HANDBOOK_CACHE_DIR: a pull request must not be able to commit one in its place.
    base = project / ".cache/culture-handbook"
    assert run_handbook(project, "check", **{CACHE_ENV: str(base)}).returncode == 0
    commit_all(project)  # the fixture has no .gitignore: the cache goes in with the rest
    result = run_handbook(project, "check", **{CACHE_ENV: str(base)})
    assert result.returncode == 1
    assert result.stderr.startswith(f"Error: the cache folder {base} holds files that git "
                                    "tracks (such as .cache/culture-handbook/")
    assert result.stderr.count("\n") == 1

    git(project, "rm", "-r", "-q", "--cached", ".cache")
    shutil.rmtree(project / ".cache")
    (project / "elsewhere").mkdir()
    (project / ".cache").symlink_to("elsewhere")
    result = run_handbook(project, "check", **{CACHE_ENV: str(base)})
    assert result.returncode == 1
    assert result.stderr == (f"Error: the cache folder {base} is reached through a link "
                             f"({project / '.cache'}); the tool keeps its cache only in real "
                             f"folders: remove the link, or set {CACHE_ENV} to a folder "
                             "outside the project\n")
    assert list((project / "elsewhere").iterdir()) == []


def test_a_folder_the_tool_did_not_make_is_not_written_into(
        project: Path, run_handbook: RunHandbook) -> None:
    env = clean_env(project)
    cache = cache_of(project, env)
    (cache / "check").mkdir(parents=True)
    (cache / "check/notes.txt").write_text("someone else's")
    result = run_handbook(project, "check")
    assert result.returncode == 1
    assert result.stderr.startswith(f"Error: {cache} is where the tool keeps its cache, but "
                                    "the tool did not make it")
    assert sorted(p.name for p in cache.rglob("*")) == ["check", "notes.txt"]


def _report_without_memory(project: Path) -> str:
    _, report = load_handbook(project / "data", project / "handbook", root=project,
                              today=date(2026, 10, 20))
    return report.format()


def test_files_parsed_ahead_on_two_cores_are_what_the_loader_would_parse(
        project: Path) -> None:
    broken = project / STORIES / "broken.yml"
    broken.write_text("title: [unclosed\n", encoding="utf-8")
    doubled = project / STORIES / "doubled.yml"
    doubled.write_text(_first_story(project).read_text(encoding="utf-8")
                       + "title: Twice\n", encoding="utf-8")
    files = len(list((project / "data").rglob("*.yml")))
    memory = ParsedYamlMemory(None)
    offered = parse_ahead(memory, project / "data", cores=2, at_least=1)
    assert offered == files - 2, "every clean file, and neither of the two with a problem"
    _, report = load_handbook(project / "data", project / "handbook", root=project,
                              parsed=ParsedFiles(memory), today=date(2026, 10, 20))
    assert memory.recalled == files - 2, "the loader parsed only the files with problems"
    assert report.format() == _report_without_memory(project)
    assert "broken.yml:1" in report.format() and "doubled.yml" in report.format()


def test_parsing_ahead_reads_nothing_through_a_link_and_skips_a_known_handbook(
        project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yml"
    outside.write_text("title: Not part of the handbook\n", encoding="utf-8")
    (project / STORIES / "leak.yml").symlink_to(outside)
    memory = ParsedYamlMemory(None)
    parse_ahead(memory, project / "data", cores=2, at_least=1)
    assert not memory.holds(hashlib.sha256(outside.read_bytes()).hexdigest())
    assert memory.added == len(list((project / "data").rglob("*.yml"))) - 1

    linked = tmp_path / "linked-data"
    linked.symlink_to(project / "data")
    assert parse_ahead(ParsedYamlMemory(None), linked, cores=2, at_least=1) == 0

    (project / STORIES / "leak.yml").unlink()
    known = _load(project, LoadStats())  # a check that remembers every file
    assert parse_ahead(known, project / "data", cores=2, at_least=1) == 0
