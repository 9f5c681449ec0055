"""Running the `handbook` command and git as real processes, with nothing inherited.

The environment is built from scratch so that no test depends on the machine's own
settings (a `SOURCE_DATE_EPOCH` left in the shell, a git identity, a locale).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from generator.sources.caches import CACHE_ENV

HANDBOOK = str(Path(sys.executable).with_name("handbook"))
FAKETIME = shutil.which("faketime")
COMMIT_TIME = "2026-10-01T09:00:00+00:00"
"""When the commits that tests make were made: a fixed moment, never the test's own day."""


def clean_env(project: Path, **extra: str) -> dict[str, str]:
    """A command's whole environment. Its caches are kept beside the project, never in it
    (where a commit of everything would take them in) nor in the user's cache folder."""
    return {"PATH": "/usr/bin:/bin", "HOME": str(project), "LC_ALL": "C.UTF-8",
            "TZ": "UTC", "NO_MKDOCS_2_WARNING": "1",
            CACHE_ENV: str(project.parent / "handbook-cache"), **extra}


def handbook(
    project: Path, *args: str, clock: str | None = None, timeout: float = 300, **env: str
) -> subprocess.CompletedProcess[str]:
    """`handbook ARGS` in `project`; with `clock`, under faketime (`'+400 days'`, a date)."""
    command = [HANDBOOK, *args]
    if clock is not None:
        assert FAKETIME, "faketime is installed by .ci/system-packages"
        command = [FAKETIME, clock, *command]
    return subprocess.run(command, cwd=project, capture_output=True, text=True,
                          timeout=timeout, env=clean_env(project, **env))


RunHandbook = Callable[..., subprocess.CompletedProcess[str]]
"""What the `run_handbook` fixture gives: `handbook` itself, taken through the fixture."""


def git(project: Path, *args: str, when: str = COMMIT_TIME) -> str:
    return subprocess.run(
        ["git", "-C", str(project), "-c", "user.name=Editor", "-c", "user.email=e@example.org",
         "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
        capture_output=True, text=True, check=True,
        env={"PATH": "/usr/bin:/bin", "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_DATE": when},
    ).stdout.strip()


def commit_all(project: Path, message: str = "Handbook", when: str = COMMIT_TIME) -> str:
    """Make `project` a repository (if it is not one) and commit everything in it."""
    if not (project / ".git").exists():
        git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", message, when=when)
    return git(project, "rev-parse", "HEAD")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Serving:
    """A `handbook serve` running in a project, with what it has said so far."""

    process: subprocess.Popen[bytes]
    log: Path
    url: str

    def said(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_for(self, text: str, seconds: float = 120, after: int = 0) -> str:
        """What it has said, once `text` appears (past the first `after` characters)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            said = self.said()
            if text in said[after:]:
                return said
            assert self.process.poll() is None, said
            time.sleep(0.2)
        raise AssertionError(f"'{text}' never appeared:\n{self.said()}")


@contextmanager
def serving(project: Path, command: Path | str = HANDBOOK) -> Iterator[Serving]:
    """`handbook serve` (or the `handbook` at `command`, with only its own folder on PATH)
    in `project` on a free port, stopped when the block ends. A test that uses it takes
    `run_handbook`, as every test that runs the command does."""
    port = free_port()
    log = project.parent / "serve.log"
    env = clean_env(project)
    if command != HANDBOOK:
        env["PATH"] = f"{Path(command).parent}:{env['PATH']}"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [str(command), "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=project,
            env=env, stdout=output, stderr=subprocess.STDOUT)
        try:
            yield Serving(process, log, f"http://127.0.0.1:{port}/")
        finally:
            process.terminate()
            process.wait(timeout=30)
