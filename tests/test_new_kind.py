"""The README's recipe for adding a kind of data, followed to the letter: write one
folder, name it in mkdocs.yml.

Two kinds the generator has never heard of live in folders outside the package
(tests/fixtures/kinds/): team rituals (a page per ritual, its own page template, printed
in an edition) and questions and answers (called by their question, shown by the generic
section page). Nothing of the generator knows about them, yet they are loaded and checked
with file and line, refer to other kinds, get pages, nav, search and print, an editor
schema and a field reference.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.authoring.editor_schemas import render_schemas
from generator.authoring.fielddocs import render_field_tables
from generator.errors import HandbookError
from generator.kinds import BEHAVIOUR, BUILT_IN
from generator.loading.kind_folders import registry_for
from generator.site.pages import plan_site

from .helpers import FIXTURES, REPO, BuildSite, load, make_project, write
from .pdfs import page_texts
from .test_golden import FACTS, GENERIC_SECTION

KINDS = FIXTURES / "kinds"


def test_the_readme_s_kind_is_the_one_tested() -> None:
    """The README's example `kind.py` is the FAQ folder's, word for word, and its
    mkdocs.yml line is the one `add_kind` writes."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Adding a kind of data"):]
    start = section.index("```python\n") + len("```python\n")
    assert section[start:section.index("```", start)] in (
        KINDS / "faq" / "kind.py").read_text(encoding="utf-8")
    assert "      kinds: [kinds/faq]\n" in section


def add_kind(project: Path, name: str) -> None:
    """The README's two steps: the kind's folder into the project, its name in mkdocs.yml."""
    shutil.copytree(KINDS / name, project / "kinds" / name)
    settings = project / "mkdocs.yml"
    text = settings.read_text(encoding="utf-8")
    plugin = re.search(r"^( *)- handbook:\n( *)", text, re.M)
    assert plugin, "mkdocs.yml configures the handbook plugin"
    at = plugin.end() - len(plugin.group(2))
    settings.write_text(text[:at] + f"{plugin.group(2)}kinds: [kinds/{name}]\n" + text[at:],
                        encoding="utf-8")


@pytest.fixture
def ritualised(tmp_path: Path) -> Path:
    """The small fixture with the rituals kind, two rituals and an edition printing them."""
    project = make_project(tmp_path / "project")
    add_kind(project, "rituals")
    shutil.copy(KINDS / "rituals.yml", project / "data" / "rituals.yml")
    shutil.copy(KINDS / "rituals-editions.yml", project / "data" / "editions.yml")
    return project


def test_a_new_kind_is_loaded_and_related(ritualised: Path) -> None:
    handbook, report = load(ritualised)
    assert handbook is not None, report.format()
    ritual = handbook.registry.kind["ritual"]
    assert [r.id for r in handbook.of(ritual)] == ["morning-huddle", "open-door-hour"]
    assert handbook.find_named("ritual", "morning-huddle").minutes == 10  # type: ignore[union-attr]
    behaviour = handbook.find(BEHAVIOUR, "return-calls")
    assert behaviour is not None
    assert [r.id for r in handbook.referrers(behaviour)["ritual"]] == [  # type: ignore[attr-defined]
        "morning-huddle", "open-door-hour"]
    planned = {page.path: page.template for page in plan_site(handbook, FACTS)}
    assert planned["rituals/index.md"] == GENERIC_SECTION
    assert planned["rituals/morning-huddle.md"] == "ritual.md.jinja"
    assert handbook.section_title("rituals") == "How we meet"  # from the folder's en.yml


def test_a_kind_is_the_build_s_own_never_everyone_s(ritualised: Path) -> None:
    handbook, _ = load(ritualised)
    assert handbook is not None and "ritual" in handbook.registry.kind
    assert "ritual" not in BUILT_IN.kind and "rituals" not in BUILT_IN.section
    plain, _ = load(make_project(ritualised.parent / "plain"))
    assert plain is not None and "ritual" not in plain.registry.kind


def test_a_new_kind_s_references_are_checked_with_file_and_line(ritualised: Path) -> None:
    path = ritualised / "data" / "rituals.yml"
    text = path.read_text(encoding="utf-8")
    write(ritualised, "data/rituals.yml",
          text.replace("[help-a-colleague, return-calls]", "[help-a-colleage, return-calls]")
          .replace("id: open-door-hour", "id: morning-huddle"))
    _, report = load(ritualised)
    lines = report.format().splitlines()
    line_of = {key: n for n, line in enumerate(text.splitlines(), 1)
               for key in ("id: open-door-hour", "behaviours: [help") if key in line}
    assert any(line.startswith(f"data/rituals.yml:{line_of['behaviours: [help']}:")
               and "unknown behaviour 'help-a-colleage'" in line for line in lines), lines
    assert any(line.startswith(f"data/rituals.yml:{line_of['id: open-door-hour']}:")
               and "'morning-huddle' is used twice" in line for line in lines), lines


def test_a_new_kind_has_its_pages_nav_and_print(ritualised: Path, build_site: BuildSite) -> None:
    site = build_site(ritualised)
    page = (site / "rituals" / "morning-huddle" / "index.html").read_text(encoding="utf-8")
    assert "The morning huddle" in page
    assert "Ten minutes before opening to share what customers are waiting for." in page
    assert 'href="../../behaviours/#return-calls"' in page  # checked by the strict build
    section = (site / "rituals" / "index.html").read_text(encoding="utf-8")
    assert "How we meet" in section
    for ritual_id in ("morning-huddle", "open-door-hour"):
        assert f'href="{ritual_id}/"' in section
    home = (site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('md-nav--primary'):]  # mkdocs.yml's nav never named them
    assert nav.index("rituals/") < nav.index("rituals/morning-huddle/") < nav.index(
        "rituals/open-door-hour/")

    printed = "\n".join(page_texts(site / "editions" / "rituals.pdf"))
    for words in ("How we meet", "The morning huddle",
                  "An hour each month when anyone can bring a colleague's request that got"):
        assert words in printed


def test_a_new_kind_has_an_editor_schema_and_a_field_reference(ritualised: Path) -> None:
    registry = registry_for(ritualised, ["kinds/rituals"])
    assert '"Ritual"' in render_schemas(registry)["rituals.schema.json"]
    tables = render_field_tables(registry)
    assert "#### Rituals: `data/rituals.yml`" in tables
    assert "| `cadence` | `daily` / `weekly` / `monthly` / `yearly` | yes |" in tables
    sections = json.loads(render_schemas(registry)["editions.schema.json"])
    assert "rituals" in json.dumps(sections)  # an edition may print the new section


def _git(project: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(project), *args], check=True, text=True,
                          capture_output=True).stdout


def test_adding_a_kind_touches_its_folder_and_one_line_of_mkdocs_yml(
        tmp_path: Path, build_site: BuildSite) -> None:
    project = make_project(tmp_path / "project")
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "x")
    add_kind(project, "faq")
    _git(project, "add", "-A")
    stat = _git(project, "diff", "--cached", "--numstat")
    changed = {line.split("\t")[2]: line.split("\t")[:2] for line in stat.splitlines()}
    assert changed.pop("mkdocs.yml") == ["1", "0"]
    assert set(changed) == {f"kinds/faq/{path.relative_to(KINDS / 'faq').as_posix()}"
                            for path in (KINDS / "faq").rglob("*") if path.is_file()}

    shutil.copy(KINDS / "faq.yml", project / "data" / "faq.yml")  # the handbook's content
    orientation = project / "data" / "orientation.yml"
    text = orientation.read_text(encoding="utf-8")
    first_reading = re.search(r"^( +)- page: .*\n", text, re.M)
    assert first_reading, "the fixture's orientation reads a page"
    orientation.write_text(text.replace(first_reading.group(0), first_reading.group(0)
                           + f"{first_reading.group(1)}- faq: lunch-break\n", 1),
                           encoding="utf-8")
    site = build_site(project)
    page = (site / "faq" / "index.html").read_text(encoding="utf-8")
    assert "Questions and answers" in page
    assert "When do I take my lunch break?" in page  # called by its question, not its id
    assert 'id="lunch-break"' in page
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="faq/"' in home[home.index('md-nav--primary'):]
    path = (site / "orientation" / "index.html").read_text(encoding="utf-8")
    assert 'href="../faq/#lunch-break"' in path  # an orientation step reads a question
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(doc["location"].startswith("faq/") and "repair" in doc["text"]
               for doc in index["docs"])

    write(project, "data/faq.yml", (KINDS / "faq.yml").read_text(encoding="utf-8")
          .replace("values: [respect]", "values: [respekt]"))
    write(project, "data/orientation.yml", orientation.read_text(encoding="utf-8")
          .replace("- faq: lunch-break", "- faq: lunch-brake"))
    _, report = load(project)
    assert "data/faq.yml:5:" in report.format() and "unknown value 'respekt'" in report.format()
    assert "unknown faq 'lunch-brake'" in report.format()
    assert '"faq"' in render_schemas(registry_for(project, ["kinds/faq"]))[
        "orientation.schema.json"]  # editors' schema lets a step read a question


def test_a_kind_s_mistakes_are_told_with_file_and_line(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    shutil.copytree(KINDS / "faq", project / "kinds" / "faq")
    declared = project / "kinds" / "faq" / "kind.py"
    lines = declared.read_text(encoding="utf-8").splitlines()
    at = next(n for n, line in enumerate(lines, 1) if "Section(" in line and "sections" in line)
    lines[at - 1] = lines[at - 1].replace("Section(", "Sectoin(")  # a typing slip
    declared.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(HandbookError, match=rf"^kinds/faq/kind\.py:{at}: NameError"):
        registry_for(project, ["kinds/faq"])
    shutil.copy(KINDS / "faq" / "kind.py", declared)  # the slip mended
    outside = tmp_path / "elsewhere.jinja"
    outside.write_text("{{ handbook }}", encoding="utf-8")
    (project / "kinds" / "faq" / "templates" / "pages").mkdir(parents=True)
    (project / "kinds" / "faq" / "templates" / "pages" / "faq.md.jinja").symlink_to(outside)
    with pytest.raises(HandbookError, match=r"faq\.md\.jinja: leads out of the kind's folder"):
        registry_for(project, ["kinds/faq"])
    with pytest.raises(HandbookError, match="outside the project folder"):
        registry_for(project, ["../elsewhere/faq"])
    with pytest.raises(HandbookError, match="neither a folder of the project nor an installed"):
        registry_for(project, ["no-such-kind"])
    with pytest.raises(HandbookError, match=r"declares the kind 'value'"):
        (project / "kinds" / "again").mkdir()
        (project / "kinds" / "again" / "kind.py").write_text(
            "from generator.kinds import VALUE\nfrom generator.schema.registry import Declaration\n"
            "declaration = Declaration(kinds=(VALUE,))\n", encoding="utf-8")
        registry_for(project, ["kinds/again"])


def test_a_kind_can_be_an_installed_package(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A kind shipped as a Python package: an entry point of `culture_handbook.kinds`
    names its module, whose words and templates are beside it."""
    installed = tmp_path / "site-packages"
    shutil.copytree(KINDS / "faq", installed / "handbook_faq")
    (installed / "handbook_faq" / "__init__.py").write_text(
        "from .kind import declaration\n", encoding="utf-8")
    info = installed / "handbook_faq-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: handbook-faq\nVersion: 1.0\n",
                                   encoding="utf-8")
    (info / "entry_points.txt").write_text("[culture_handbook.kinds]\nfaq = handbook_faq\n",
                                           encoding="utf-8")
    monkeypatch.syspath_prepend(str(installed))
    try:
        registry = registry_for(tmp_path, ["faq"])
    finally:  # the package is gone with its folder: so is its module
        for name in [name for name in sys.modules if name.startswith("handbook_faq")]:
            del sys.modules[name]
    assert "faq" in registry.kind and "faq" in registry.section
    assert registry.catalogue("en")("sections.faq") == "Questions and answers"
    assert registry.catalogue("en")("kinds.faq") == "question"  # for "What's changed"


def test_a_kind_runs_from_its_text_and_writes_nothing_beside_it(tmp_path: Path) -> None:
    """`kind.py` is compiled from what the folder shows, every time: an edit in the same
    second as the last read is seen, and no `__pycache__` is written into the handbook."""
    project = make_project(tmp_path / "project")
    shutil.copytree(KINDS / "faq", project / "kinds" / "faq")
    declared = project / "kinds" / "faq" / "kind.py"
    text = declared.read_text(encoding="utf-8")
    assert "question" in registry_for(project, ["kinds/faq"]).kind["faq"].noun
    declared.write_text(text.replace('"questions", "question"', '"questions", "questioN"'),
                        encoding="utf-8")  # the same size, within the same second
    assert registry_for(project, ["kinds/faq"]).kind["faq"].noun == "questioN"
    assert not (project / "kinds" / "faq" / "__pycache__").exists()
    declared.write_text(text.replace("class FaqFile(DataModel):", "class FaqFile(DataModel)"),
                        encoding="utf-8")
    at = next(n for n, line in enumerate(text.splitlines(), 1) if "class FaqFile" in line)
    with pytest.raises(HandbookError, match=rf"^kinds/faq/kind\.py:{at}: SyntaxError"):
        registry_for(project, ["kinds/faq"])
