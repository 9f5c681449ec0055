"""A new organisation's handbook, from the README's "Starting a handbook" section to a green
CI: each command of that section run as written (the generator's address aside: a copy of
this repository's committed tree, as a git address pinned to its commit, in place of
the example's), the environment installed only from what `init` wrote, then every step
of the shipped GitHub and GitLab CI files run in order, as their runners would. Then the
usual first edit (a value renamed) and `handbook check` naming the stale form, before a
push would find it in CI.

One test, in order, as a person does it: each step needs the one before.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import yaml

from .commands import RunHandbook, commit_all, git
from .helpers import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
EXAMPLE_GENERATOR = re.compile(r"--generator (\S+)")
MACHINE_PACKAGES = re.compile(r"^\s*(sudo )?apt-get ")
"""System packages, which this machine has (.ci/system-packages installs them)."""


def _starting_commands() -> list[str]:
    section = README.split("## Starting a handbook for your organisation", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block, "the section starts with the commands to run"
    return [line for line in block.group(1).splitlines() if line.strip()]


def _environment(home: Path) -> dict[str, str]:
    """A person's shell: this machine's network settings and package caches (so nothing
    is fetched twice), a home and a handbook cache of the test's own, and none of this
    test run's own environment."""
    real_home = Path(os.environ.get("HOME", str(home)))
    inherited = {name: value for name, value in os.environ.items()
                 if name not in {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "HANDBOOK_CACHE_DIR",
                                 "HANDBOOK_ENGINE", "SOURCE_DATE_EPOCH"}}
    return {**inherited, "PATH": "/usr/bin:/bin", "HOME": str(home), "LC_ALL": "C.UTF-8",
            "TZ": "UTC", "NO_MKDOCS_2_WARNING": "1",
            "UV_CACHE_DIR": os.environ.get("UV_CACHE_DIR", str(real_home / ".cache" / "uv")),
            "PIP_CACHE_DIR": os.environ.get("PIP_CACHE_DIR",
                                            str(real_home / ".cache" / "pip"))}


def _run(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    ran = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=cwd, env=env,
                         capture_output=True, text=True, timeout=900)
    assert ran.returncode == 0, f"$ {script}\n{ran.stdout}\n{ran.stderr}"
    assert "Traceback" not in ran.stdout + ran.stderr, script
    return ran


def _without_machine_packages(script: str) -> str:
    return "\n".join(line for line in script.splitlines() if not MACHINE_PACKAGES.match(line))


def _walk_the_readme(work: Path, env: dict[str, str]) -> Path:
    """The README's commands, one by one, from a clone of the generator whose `.venv` is
    this test run's; the folder of the handbook they made."""
    generator = work / "generator"
    generator.mkdir()
    (generator / ".venv").symlink_to(Path(sys.executable).parents[1])
    published = work / "culture-handbook.git"  # the generator, as CI would fetch it
    subprocess.run(["git", "clone", "--quiet", "--bare", str(REPO), str(published)],
                   check=True, capture_output=True)
    commit = git(REPO, "rev-parse", "HEAD")
    here, made = generator, None
    for command in _starting_commands():
        given = EXAMPLE_GENERATOR.search(command)
        if given:
            command = command.replace(given.group(1), f"git+{published.as_uri()}@{commit}")
        words = shlex.split(command)
        if words[0] == "cd":
            here = (here / words[1]).resolve()
            continue
        _run(command, here, env)
        if words[1:2] == ["init"]:
            made = (here / words[2]).resolve()
    assert made is not None and made == here, "the section builds in the folder it made"
    return made


def _github_steps(handbook: Path, env: dict[str, str]) -> None:
    workflow = yaml.safe_load((handbook / ".github/workflows/handbook.yml").read_text())
    job = workflow["jobs"]["build"]
    github_path = handbook.parent / "github-path"
    github_path.write_text("", encoding="utf-8")
    step_env = {**env, "GITHUB_PATH": str(github_path),
                **{name: value.replace("~", env["HOME"], 1)
                   for name, value in job.get("env", {}).items()}}
    ran = []
    for step in job["steps"]:
        if "run" not in step:
            continue  # actions: checkout, Python, caches and artifacts are the runner's
        added = [line for line in github_path.read_text().splitlines() if line]
        path = ":".join([*reversed(added), env["PATH"]])
        _run(_without_machine_packages(step["run"]), handbook, {**step_env, "PATH": path})
        ran.append(step["name"])
    assert any("Build" in name for name in ran) and len(ran) >= 5, ran
    assert (handbook / "site" / "index.html").is_file()
    assert list((handbook / "site" / "editions").glob("*.pdf"))


def _gitlab_steps(handbook: Path, env: dict[str, str]) -> None:
    pipeline = yaml.safe_load((handbook / ".gitlab-ci.yml").read_text())
    variables = {name: str(value).replace("$CI_PROJECT_DIR", str(handbook))
                 for name, value in pipeline.get("variables", {}).items()}
    for job in ("handbook", "pages"):  # the stages in order
        lines = [*pipeline[job].get("before_script", []), *pipeline[job]["script"]]
        _run(_without_machine_packages("\n".join(lines)), handbook, {**env, **variables})
    assert (handbook / "public" / "index.html").is_file()


def test_a_new_handbook_from_the_readme_passes_its_own_ci(
        tmp_path: Path, run_handbook: RunHandbook) -> None:
    env = _environment(tmp_path / "home")
    handbook = _walk_the_readme(tmp_path, env)
    requirement = (handbook / "requirements.txt").read_text(encoding="utf-8")
    assert "file:" not in requirement.replace((tmp_path / "culture-handbook.git").as_uri(), "")
    installed = subprocess.run([str(handbook / ".venv/bin/python"), "-m", "pip", "show",
                                "culture-handbook"], capture_output=True, text=True, env=env)
    assert "Location: " + str(handbook / ".venv") in installed.stdout, "its own environment"

    commit_all(handbook, "Our handbook")  # CI checks out a commit, with its history
    _github_steps(handbook, env)
    _gitlab_steps(handbook, env)

    # The usual first edit: a value renamed. `check` names the form it made stale.
    values = handbook / "data" / "values.yml"
    values.write_text(re.sub(r"^(\s+)name: .+$", r"\1name: Warm welcome",
                             values.read_text(encoding="utf-8"), count=1, flags=re.M),
                      encoding="utf-8")
    checked = _run(".venv/bin/handbook check", handbook, env)
    assert ".github/ISSUE_TEMPLATE/share-a-story.yml" in checked.stderr
    assert "`handbook forms`" in checked.stderr
    stale = subprocess.run([str(handbook / ".venv/bin/handbook"), "forms", "--check"],
                           cwd=handbook, env=env, capture_output=True, text=True)
    assert stale.returncode == 1, "CI's step would have failed on it"
