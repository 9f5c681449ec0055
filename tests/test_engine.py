"""The engine seam: `handbook build` on MkDocs and on ProperDocs gives the same site.

Both engines are installed here (ProperDocs through the test extras); `HANDBOOK_ENGINE`
chooses. The only difference allowed is the page head's `generator` tag, which names the
engine. A ProperDocs-only installation is in test_packaging.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.errors import HandbookError
from generator.site import engine as engine_module

from .commands import RunHandbook, commit_all
from .helpers import make_project

GENERATOR_TAG = re.compile(rb'<meta name="generator" content="[^"]*">')


def _files(site: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site)): GENERATOR_TAG.sub(b"", path.read_bytes())
            for path in sorted(site.rglob("*")) if path.is_file()}


def test_mkdocs_and_properdocs_build_the_same_site(tmp_path: Path,
                                                   run_handbook: RunHandbook) -> None:
    project = make_project(tmp_path / "project")
    commit_all(project)
    sites = {}
    for engine in ("mkdocs", "properdocs"):
        built = run_handbook(project, "build", "--site-dir", f"site-{engine}",
                             HANDBOOK_ENGINE=engine, SOURCE_DATE_EPOCH="1790000000")
        assert built.returncode == 0, built.stderr
        assert "handbook: " in built.stderr  # the plugin's progress reaches the terminal
        sites[engine] = project / f"site-{engine}"
    home = (sites["properdocs"] / "index.html").read_text(encoding="utf-8")
    assert "ProperDocs" in GENERATOR_TAG.search(home.encode()).group().decode()  # type: ignore[union-attr]
    mkdocs, properdocs = _files(sites["mkdocs"]), _files(sites["properdocs"])
    assert list(mkdocs) == list(properdocs)
    assert any(name.endswith(".pdf") for name in mkdocs)
    differing = [name for name in mkdocs if mkdocs[name] != properdocs[name]]
    assert differing == []


def test_an_unknown_engine_is_refused_with_the_choices(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(engine_module.ENGINE_VARIABLE, "hugo")
    engine_module.engine.cache_clear()
    try:
        with pytest.raises(HandbookError) as raised:
            engine_module.engine()
    finally:
        engine_module.engine.cache_clear()
    assert "HANDBOOK_ENGINE='hugo'" in str(raised.value)
    assert "mkdocs or properdocs" in str(raised.value)


def test_mkdocs_is_the_engine_when_both_are_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(engine_module.ENGINE_VARIABLE, raising=False)
    engine_module.engine.cache_clear()
    try:
        chosen = engine_module.engine()
    finally:
        engine_module.engine.cache_clear()
    assert chosen.name == "mkdocs" and chosen.title.startswith("MkDocs ")
