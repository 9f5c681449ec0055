"""Everything that reaches HTML is escaped exactly once.

Two kinds of template print values. Material's theme templates (and our layer of them,
`generator/theme/`) run with no autoescaping: every value they print must be escaped by hand, so
the lint below fails on a `{{ value }}` without `| e`. The generator's own templates
(`generator/templates/`, and company overrides of them) run with autoescaping on: the lint
fails on anything that turns it off. The build test then reads a site made from names full
of `& " < > '` and finds each written once, never as `&amp;amp;`.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pytest
from jinja2 import nodes

from generator.kinds import BUILT_IN
from generator.sources.project import OVERRIDES_SUBFOLDER
from generator.templating import make_environment

from .helpers import REPO, BuildSite

THEME_OVERRIDES = REPO / "generator" / "theme"
GENERATOR_TEMPLATES = REPO / "generator/templates"
ESCAPING_FILTERS = {"e", "escape", "tojson"}
TRUSTED = {
    "config.copyright": "Material's convention: HTML from mkdocs.yml; organisation.yml's "
                        "notice is escaped by the plugin (apply_organisation)",
}
"""Values printed as they are on purpose, and why."""


def _theme_templates() -> list[Path]:
    return sorted(path for path in THEME_OVERRIDES.rglob("*.html")
                  if OVERRIDES_SUBFOLDER not in path.relative_to(THEME_OVERRIDES).parts)


def _generator_templates() -> list[Path]:
    return sorted([*GENERATOR_TEMPLATES.rglob("*.jinja"),
                   *(REPO / "generator" / "kinds").rglob("*.jinja"),
                   *(THEME_OVERRIDES / OVERRIDES_SUBFOLDER).rglob("*.jinja")])


def _printed(template: nodes.Template) -> list[nodes.Expr]:
    """Every expression a template prints (`{{ ... }}`), wherever it is."""
    return [child for output in template.find_all(nodes.Output) for child in output.nodes
            if not isinstance(child, nodes.TemplateData)]


def _dotted(node: nodes.Node) -> str:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_dotted(node.node)}.{node.attr}"
    return type(node).__name__


def _is_escaped(node: nodes.Expr) -> bool:
    if isinstance(node, nodes.Call):  # `{{ super() }}`: the theme's own block, as it is
        return isinstance(node.node, nodes.Name) and node.node.name == "super"
    if isinstance(node, nodes.Filter):
        return node.name in ESCAPING_FILTERS or (
            node.name == "url" and isinstance(node.node, nodes.Const))  # a literal address
    return isinstance(node, nodes.Const) and isinstance(node.value, (str, int))


def _unescaped(path: Path, base: Path = REPO) -> list[str]:
    template = jinja2.Environment().parse(path.read_text(encoding="utf-8"))
    return [f"{path.relative_to(base)}:{node.lineno}: {_dotted(node)}"
            for node in _printed(template)
            if not _is_escaped(node) and _dotted(node) not in TRUSTED]


def test_the_lint_finds_an_unescaped_value(tmp_path: Path) -> None:
    sample = tmp_path / "sample.html"
    sample.write_text('<a title="{{ page.title }}">{{ page.url | e }} {{ "x" }}</a>\n'
                      "{{ config.copyright }} {{ 'a.xml' | url }}\n{{ page.next_page.url | url }}")
    assert _unescaped(sample, tmp_path) == ["sample.html:1: page.title",
                                            "sample.html:3: Filter"]


@pytest.mark.parametrize("path", _theme_templates(), ids=lambda p: str(p.relative_to(REPO)))
def test_theme_overrides_escape_every_value(path: Path) -> None:
    assert _unescaped(path) == [], "add `| e` (the theme does not escape), or list it in TRUSTED"


@pytest.mark.parametrize("path", _generator_templates(),
                         ids=lambda p: str(p.relative_to(REPO)))
def test_generator_templates_never_turn_escaping_off(path: Path) -> None:
    template = jinja2.Environment().parse(path.read_text(encoding="utf-8"))
    unsafe = [f"line {node.lineno}: | safe" for node in template.find_all(nodes.Filter)
              if node.name == "safe"]
    unsafe += [f"line {node.lineno}: autoescape off"
               for node in template.find_all(nodes.ScopedEvalContextModifier)
               if any(option.key == "autoescape" for option in node.options)]
    assert unsafe == [], "mark trusted output as Markup in Python, where it can be reviewed"


@pytest.mark.parametrize("kind", ["pages", "print"])
def test_generator_environments_escape(kind: str) -> None:
    env = make_environment(kind, None, BUILT_IN.catalogue("en"), BUILT_IN)
    assert env.autoescape is True
    shown = env.from_string("{{ x }}").render(x='<b title="x">&')
    assert "<b" not in shown and '"' not in shown and "&lt;b" in shown


class _Reader(HTMLParser):
    """What a browser reads from a page: attribute values and text, entities resolved."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_script = tag in ("script", "style")
        self.attributes += [value for _, value in attrs if value]

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if not self._in_script:
            self.text.append(data)


NAME = """Tom & "Jerry's" <Books>"""
VALUE = """Care & "craft" <always>"""


def test_names_with_markup_characters_are_escaped_exactly_once(
        project: Path, build_site: BuildSite) -> None:
    organisation = project / "data/organisation.yml"
    lines = organisation.read_text(encoding="utf-8").splitlines()
    # JSON strings are YAML strings: the quotes inside need no further thought.
    lines = [f"name: {json.dumps(NAME)}" if line.startswith("name:") else line
             for line in lines if not line.startswith("copyright:")]
    organisation.write_text("\n".join([*lines, f"copyright: {json.dumps(NAME)}"]) + "\n",
                            encoding="utf-8")
    values = project / "data/values.yml"
    text = values.read_text(encoding="utf-8")
    first_name = next(line for line in text.splitlines() if line.startswith("    name:"))
    values.write_text(text.replace(first_name, f"    name: {json.dumps(VALUE)}", 1),
                      encoding="utf-8")

    site = build_site(project, strict=False)

    reader = _Reader()
    for page in site.rglob("*.html"):
        reader.feed(page.read_text(encoding="utf-8"))
    read = reader.attributes + reader.text
    twice = [text for text in read if any(entity in text for entity in (
        "&amp;", "&quot;", "&lt;", "&gt;", "&#39;", "&#34;"))]
    assert twice == [], "escaped twice: the reader sees the entity itself"
    # Once, in text and in attributes alike (the logo's tooltip, the footer's "Next:").
    for name in (NAME, VALUE):
        assert any(name in text for text in reader.text), name
        assert any(name in value for value in reader.attributes), name
