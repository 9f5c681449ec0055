"""The package as users install it: its runtime imports are its runtime dependencies, the
lock files agree with pyproject.toml, and an installation without the test extras prints a
long edition on two cores."""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
import urllib.request
import zipfile
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .commands import RunHandbook, serving
from .helpers import REPO

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
RUNTIME_LOCK = REPO / "requirements" / "runtime.lock"
DEV_LOCK = REPO / "requirements" / "dev.lock"


def _imported_modules(folder: Path) -> set[str]:
    """Top-level names of every absolute import in `folder`, wherever it stands (lazy
    imports inside functions count: they run too)."""
    names = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names


def _requirements(entries: list[str]) -> dict[str, Requirement]:
    return {canonicalize_name(r.name): r for r in map(Requirement, entries)}


def _locked(lock: Path) -> dict[str, str]:
    pins = re.findall(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)", lock.read_text(encoding="utf-8"), re.M)
    return {canonicalize_name(name): version for name, version in pins}


def test_every_runtime_import_is_a_runtime_dependency() -> None:
    # ProperDocs is imported only when it is the engine chosen: its extra counts.
    runtime = _requirements(PYPROJECT["dependencies"]
                            + PYPROJECT["optional-dependencies"]["properdocs"])
    provided = packages_distributions()
    third_party = {name for name in _imported_modules(REPO / "generator")
                   if name not in sys.stdlib_module_names and name != "generator"}
    assert third_party, "the scan finds the generator's imports"
    missing = {}
    for module in sorted(third_party):
        distributions = {canonicalize_name(d) for d in provided.get(module, [])}
        if not distributions & runtime.keys():
            missing[module] = sorted(distributions)
    assert missing == {}, "imported by generator/ but not in [project] dependencies"


@pytest.mark.parametrize("lock, extras", [(RUNTIME_LOCK, ()), (DEV_LOCK, ("test",))])
def test_the_lock_pins_what_pyproject_asks_for(lock: Path, extras: tuple[str, ...]) -> None:
    wanted = _requirements(PYPROJECT["dependencies"] + [
        entry for extra in extras for entry in PYPROJECT["optional-dependencies"][extra]])
    pins = _locked(lock)
    assert "--hash=sha256:" in lock.read_text(encoding="utf-8")
    stale = {name: pins.get(name) for name, req in wanted.items()
             if name not in pins or pins[name] not in req.specifier}
    assert stale == {}, f"{lock.name} is out of step with pyproject.toml: run `make lock`"


@pytest.mark.parametrize("name", ["install", "installer.lock", "runtime.lock"])
def test_a_new_handbook_installs_as_the_repository_does(name: str) -> None:
    """`handbook init` copies these from the package; `make lock` keeps them in step."""
    starter = REPO / "generator/authoring/starter/requirements" / name
    assert starter.read_bytes() == (REPO / "requirements" / name).read_bytes(), (
        f"the starter's {name} differs from requirements/{name}: run `make lock`")


def _outputs_and_environments(folder: str, names: list[str]) -> set[str]:
    at_top = {".git", ".venv", "site", "site-offline", "build", "editions"} if Path(folder) == REPO else set()
    return {name for name in names if name in at_top or name in {"node_modules", "__pycache__"}
            or name.endswith(".egg-info")}


INSTALL = REPO / "requirements" / "install"
INSTALLER_LOCK = REPO / "requirements" / "installer.lock"


def _newer_release_on_the_index(folder: Path) -> dict[str, str]:
    """An index (a folder of wheels) that holds a release of fonttools newer than the lock's,
    with the `woff` extra WeasyPrint asks for: the case that made Python's bundled pip
    refuse the lock (it resolves an extra's requirement apart from the pin). The settings
    that make pip and uv look there as well as at the real index."""
    folder.mkdir(parents=True, exist_ok=True)
    name = "fonttools-99.0.0"
    files = {f"{name}.dist-info/METADATA": "Metadata-Version: 2.1\nName: fonttools\n"
                                            "Version: 99.0.0\nProvides-Extra: woff\n",
             f"{name}.dist-info/WHEEL": "Wheel-Version: 1.0\nGenerator: test\n"
                                         "Root-Is-Purelib: true\nTag: py3-none-any\n"}
    with zipfile.ZipFile(folder / f"{name}-py3-none-any.whl", "w") as wheel:
        for path, text in files.items():
            wheel.writestr(path, text)
        wheel.writestr(f"{name}.dist-info/RECORD", "".join(f"{path},,\n" for path in
                                                             [*files, f"{name}.dist-info/RECORD"]))
    return {"PIP_FIND_LINKS": str(folder), "UV_FIND_LINKS": str(folder)}


def _installed_with_bundled_pip(tmp_path: Path, lock: Path) -> Path:
    """A new virtual environment, made as a fresh clone makes it (`python3 -m venv`, so with
    the pip Python brought), holding `lock` through requirements/install, with a newer
    release of a locked package on the index; then the package itself, as a user installs
    it (not editable) from a copy of the repository. Its `bin/` folder."""
    venv = tmp_path / "venv"
    env = {**os.environ, **_newer_release_on_the_index(tmp_path / "index")}
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(INSTALL), str(venv), str(lock)], check=True, env=env)
    installed = _versions(venv / "bin" / "python")
    expected = {**_locked_for_this_machine(lock), **_locked_for_this_machine(INSTALLER_LOCK)}
    assert {name: installed.get(name) for name in expected} == expected
    assert set(installed) - set(expected) <= {"pip"}, "nothing but the lock (and pip)"
    # A copy of the package, so the build leaves nothing in the repository.
    source = tmp_path / "source"
    shutil.copytree(REPO, source, ignore=_outputs_and_environments)
    subprocess.run([str(venv / "bin" / "uv"), "pip", "install", "--quiet", "--python",
                    str(venv / "bin" / "python"), "--no-deps", "--no-build-isolation",
                    str(source)], check=True, env=env)
    return venv / "bin"


def _locked_for_this_machine(lock: Path) -> dict[str, str]:
    """The lock's pins whose markers (`; sys_platform == 'win32'`) hold here."""
    pins = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        if re.match(r"^[A-Za-z0-9._-]+==", line):
            requirement = Requirement(line.removesuffix("\\").strip())
            if requirement.marker is None or requirement.marker.evaluate():
                pins[canonicalize_name(requirement.name)] = str(requirement.specifier)[2:]
    return pins


def _versions(python: Path) -> dict[str, str]:
    listing = subprocess.run(
        [str(python), "-c", "import importlib.metadata as m, json; print(json.dumps("
         "{d.metadata['Name']: d.version for d in m.distributions()}))"],
        capture_output=True, text=True, check=True).stdout
    return {canonicalize_name(name): version for name, version in json.loads(listing).items()}


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The runtime lock and the package, installed as a new user's machine installs them."""
    return _installed_with_bundled_pip(tmp_path_factory.mktemp("installed"), RUNTIME_LOCK)


def _run(installed: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The installed `handbook ARGS`; a test that calls it takes `run_handbook`."""
    return subprocess.run(
        [str(installed / "handbook"), *args], cwd=cwd, capture_output=True, text=True,
        timeout=600, env={"PATH": f"{installed}:/usr/bin:/bin", "HOME": str(cwd),
                          "SOURCE_DATE_EPOCH": "1790000000"})


def test_installed_it_starts_and_builds_a_handbook_of_its_own(
        installed: Path, tmp_path: Path, run_handbook: RunHandbook) -> None:
    """The package carries all a handbook folder needs: templates, fonts, its theme layer
    and the starter kit; the folder `init` makes holds no copy of any of them, and sets
    itself up the way its CI does: the pinned installer, the locked dependencies, then
    the generator from where this one came."""
    made = _run(installed, "init", "harbour", "--name", "Harbour Tools", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    folder = tmp_path / "harbour"
    assert [path.name for path in (folder / "overrides").iterdir()] == [".gitkeep"]
    subprocess.run(["bash", "requirements/install", str(tmp_path / "venv"),
                    "requirements/runtime.lock", "requirements.txt"], cwd=folder, check=True)
    own = tmp_path / "venv" / "bin"
    assert _versions(own / "python")["culture-handbook"] == PYPROJECT["version"]
    built = _run(own, "build", cwd=folder)
    assert built.returncode == 0, built.stderr
    site = folder / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Harbour Tools" in home and "assets/stylesheets/handbook.css" in home
    assert (site / "assets" / "stylesheets" / "handbook.css").is_file()
    assert (site / "editions" / "complete.pdf").is_file()
    assert 'class="hb-build-stamp"' in home  # the layer's footer template is in use


def _lock_without(lock: Path, left_out: set[str]) -> str:
    """The lock's text less the entries (pin, hashes and comments) of `left_out`."""
    kept, skipping = [], False
    for line in lock.read_text(encoding="utf-8").splitlines():
        pin = re.match(r"^([A-Za-z0-9._-]+)==", line)
        if pin:
            skipping = canonicalize_name(pin.group(1)) in left_out
        if not skipping:
            kept.append(line)
    return "\n".join(kept) + "\n"


def _lock_entry(lock: Path, name: str) -> str:
    """One entry of the lock (its pin and hashes), as a requirements file."""
    others = {canonicalize_name(n) for n in _locked(lock)} - {canonicalize_name(name)}
    return _lock_without(lock, others)


def test_installed_on_properdocs_alone_it_builds_a_handbook(tmp_path: Path,
                                                            run_handbook: RunHandbook) -> None:
    """With ProperDocs in place of MkDocs (no `mkdocs` package at all), `handbook` runs its
    builds on ProperDocs by itself."""
    lock = tmp_path / "properdocs.lock"
    lock.write_text(_lock_without(RUNTIME_LOCK, {"mkdocs"})
                    + _lock_entry(DEV_LOCK, "properdocs"), encoding="utf-8")
    bin_dir = _installed_with_bundled_pip(tmp_path, lock)
    has_mkdocs = subprocess.run([str(bin_dir / "python"), "-c", "import mkdocs"],
                                capture_output=True)
    assert has_mkdocs.returncode != 0, "MkDocs is not installed here"
    made = _run(bin_dir, "init", "harbour", "--name", "Harbour Tools", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    project = tmp_path / "harbour"
    # Every command an editor or CI runs: `check` is CI's first step and the hook's.
    # (`check` without --strict: the starter's examples are still in place, a warning.)
    for command in (["check"], ["build"],
                    ["pdf", "--edition", "complete", "--output", str(tmp_path / "pdfs")]):
        ran = _run(bin_dir, *command, cwd=project)
        assert ran.returncode == 0, f"handbook {' '.join(command)}:\n{ran.stdout}{ran.stderr}"
        assert "Traceback" not in ran.stderr
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<meta name="generator" content="[^"]*ProperDocs', home)
    assert (project / "site" / "editions" / "complete.pdf").is_file()
    assert (tmp_path / "pdfs" / "complete.pdf").read_bytes().startswith(b"%PDF-")
    with serving(project, bin_dir / "handbook") as served:
        served.wait_for("Serving on")
        with urllib.request.urlopen(served.url, timeout=30) as page:
            assert "ProperDocs" in page.read().decode("utf-8")
