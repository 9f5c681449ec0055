"""The edit -> commit -> published loop: CI workflow, pre-commit, editor schemas."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.authoring.editor_schemas import SCHEMA_FOLDER, render_schemas
from generator.kinds import BUILT_IN
from generator.schema.registry import DataFile
from generator.sources.yaml_source import read_yaml

from .commands import RunHandbook
from .helpers import REPO, make_shipped_project, problems_text

BIN = Path(sys.executable).parent
WORKFLOW = REPO / ".github/workflows/handbook.yml"


def _workflow() -> dict:
    doc = read_yaml(WORKFLOW, "handbook.yml")  # YAML 1.2: `on:` stays a key, not True
    assert doc.problems == []
    return doc.data


def _steps(job: dict) -> list[dict]:
    return job["steps"]


def check_jsonschema(*args: str) -> subprocess.CompletedProcess[str]:
    """`check-jsonschema ARGS`, the schema checker that knows nothing of the generator, run
    in this process: started as a process, its imports took most of each test's time."""
    from check_jsonschema import main

    stdout, stderr = io.StringIO(), io.StringIO()
    returncode = 0
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            main(list(args))
        except SystemExit as exited:  # as the command ends: None and 0 are success
            code = exited.code
            returncode = code if isinstance(code, int) else int(code is not None)
    return subprocess.CompletedProcess(["check-jsonschema", *args], returncode,
                                       stdout.getvalue(), stderr.getvalue())


def test_workflow_is_valid_for_github() -> None:
    result = check_jsonschema("--builtin-schema", "vendor.github-workflows", str(WORKFLOW))
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_checks_builds_keeps_and_publishes() -> None:
    workflow = _workflow()
    assert set(workflow["on"]) == {"push", "pull_request", "workflow_dispatch"}
    assert workflow["permissions"] == {"contents": "read"}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    runs = [step.get("run", "") for step in _steps(build)]
    order = [next(i for i, run in enumerate(runs) if command in run) for command in (
        "requirements/install .venv requirements/runtime.lock", "handbook check --strict", "handbook schema --check", "handbook build")]
    assert order == sorted(order)
    checkout = next(s for s in _steps(build) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    # The cache lives outside the checkout, named for the generator and kept between runs.
    assert build["env"]["HANDBOOK_CACHE_DIR"] == "~/.cache/culture-handbook"
    cache = next(s for s in _steps(build) if s.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == build["env"]["HANDBOOK_CACHE_DIR"]
    uploads = [s for s in _steps(build) if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert {s["with"]["path"] for s in uploads} == {"site/", "site/editions/"}
    pages = next(s for s in _steps(build) if "upload-pages-artifact" in s.get("uses", ""))
    default_branch_push = ("github.event_name == 'push' && "
                           "github.ref_name == github.event.repository.default_branch")
    assert pages["if"] == default_branch_push
    assert deploy["if"] == default_branch_push and deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert "actions/deploy-pages@" in deploy["steps"][0]["uses"]


def test_every_action_is_pinned_to_a_commit() -> None:
    lines = [line for line in WORKFLOW.read_text().splitlines() if "uses:" in line]
    assert len(lines) == 7
    for line in lines:
        assert re.search(r"uses: [\w-]+/[\w-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), line


def test_pre_commit_config_is_valid(run_handbook: RunHandbook) -> None:
    # Only reads the configuration, but any run of pre-commit counts as running the command
    # (its hooks do), so it takes `run_handbook` as those tests do.
    result = subprocess.run([str(BIN / "pre-commit"), "validate-config", ".pre-commit-config.yaml"],
                            cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.sample
def test_pre_commit_hook_stops_a_commit_with_broken_data(tmp_path: Path,
                                                         run_handbook: RunHandbook) -> None:
    # The hook runs `handbook check` through pre-commit, as a commit would.
    project = make_shipped_project(tmp_path / "repo")
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())
    local = [repo for repo in config["repos"] if repo["repo"] == "local"]
    # Only the local hook: the others are fetched from GitHub, which this machine cannot reach.
    (project / "local-hooks.yaml").write_text(yaml.safe_dump({"repos": local}))
    env = {"PATH": f"{BIN}:/usr/bin:/bin", "HOME": str(tmp_path), "NO_MKDOCS_2_WARNING": "1",
           "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    git = ["git", "-C", str(project), "-c", "user.name=T", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    values = project / "data/values.yml"
    values.write_text(values.read_text().replace("name: Respect", "name: Respect\n    nmae: oops"))
    subprocess.run([*git, "add", "data/values.yml"], check=True)
    hook = [str(BIN / "pre-commit"), "run", "--config", "local-hooks.yaml", "--files",
            "data/values.yml"]
    failed = subprocess.run(hook, cwd=project, capture_output=True, text=True, env=env)
    assert failed.returncode == 1
    assert "handbook check (data and pages)" in failed.stdout
    assert "data/values.yml:7:5: values[respect].nmae: unknown field 'nmae'" in failed.stdout
    values.write_text(values.read_text().replace("\n    nmae: oops", ""))
    passed = subprocess.run(hook, cwd=project, capture_output=True, text=True, env=env)
    assert passed.returncode == 0, passed.stdout


def test_committed_schemas_are_current() -> None:
    folder = REPO / "data" / SCHEMA_FOLDER
    committed = {path.name: path.read_text() for path in folder.glob("*.json")}
    assert committed == render_schemas(), "run `handbook schema` and commit the result"


@pytest.mark.sample
def test_every_data_file_names_its_schema() -> None:
    for path in sorted((REPO / "data").rglob("*.yml")):
        first = path.read_text().splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, f"{path} does not start with a schema line"
        assert (path.parent / match.group(1)).resolve().is_file(), path


# Every file the handbook has (a new handbook has no stories yet; the loader refuses a
# handbook without a required file, so its absence is not this test's to find).
@pytest.mark.parametrize("data_file", [
    data_file for data_file in BUILT_IN.files if any((REPO / "data").glob(data_file.name))
], ids=lambda data_file: data_file.name)
def test_shipped_data_passes_an_independent_schema_check(data_file: DataFile) -> None:
    schema = REPO / "data" / SCHEMA_FOLDER / data_file.schema
    files = sorted((REPO / "data").glob(data_file.name))
    assert files
    result = check_jsonschema("--schemafile", str(schema), *map(str, files))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.sample
@pytest.mark.parametrize(("change", "schema_says", "handbook_says"), [
    (("featured: true", "featured: yes"), "$.featured: 'yes' is not of type 'boolean'",
     "featured: expected true or false, got the text 'yes'"),
    (("date: 2025-06-13", "date: 2025-02-30"),
     "$.date: '2025-02-30' is not valid under any of the given schemas",
     "date: '2025-02-30' is not a real date"),
    (("status: published", "status: published\ncolour: red"),
     "$: Additional properties are not allowed ('colour' was unexpected)",
     "colour: unknown field 'colour'"),
    (("status: published", "status: publish"), "$.status: 'publish' is not one of",
     "status: the text 'publish' is not allowed here"),
    (("title: A wheel rebuilt after closing so a rider could start the coast ride", "title: 1.10"),
     "$.title: 1.1 is not of type 'string'", "title: expected text, got the number 1.1"),
])
def test_schema_and_handbook_check_agree_on_a_broken_story(
    tmp_path: Path, change: tuple[str, str], schema_says: str, handbook_says: str
) -> None:
    project = make_shipped_project(tmp_path / "p")
    story = project / "data/stories/wheel-rebuilt-before-the-coast-ride.yml"
    assert change[0] in story.read_text()
    story.write_text(story.read_text().replace(change[0], change[1], 1))
    schema = project / "data/schemas/story.schema.json"
    checked = check_jsonschema("--schemafile", str(schema), str(story))
    assert checked.returncode == 1
    assert schema_says in checked.stdout
    assert handbook_says in problems_text(project)


def test_handbook_schema_command(tmp_path: Path, run_handbook: RunHandbook) -> None:
    project = make_shipped_project(tmp_path / "p")
    handbook = str(BIN / "handbook")
    assert subprocess.run([handbook, "schema", "--check"], cwd=project).returncode == 0
    stale = project / "data/schemas/values.schema.json"
    stale.write_text("{}\n")
    result = subprocess.run([handbook, "schema", "--check"], cwd=project, capture_output=True,
                            text=True)
    assert result.returncode == 1
    assert result.stderr == ("Error: values.schema.json in data/schemas/ differ from the models; "
                             "run `handbook schema` and commit the result\n")
    wrote = subprocess.run([handbook, "schema"], cwd=project, capture_output=True, text=True)
    assert wrote.stdout == "Wrote 1 schema files to data/schemas/.\n"
    assert stale.read_text() == render_schemas()["values.schema.json"]
    shutil.rmtree(project)
