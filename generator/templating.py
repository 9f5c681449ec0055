"""Jinja environments, searched overrides-first, shared by the site pages and the PDFs.

The package ships every template. A company changes one by putting a file with the same
name in `overrides/generator/<kind>/` (next to Material's own overrides); everything it
does not override keeps working and keeps receiving fixes.
"""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .errors import HandbookError
from .schema.icons import icon_file
from .schema.registry import Registry
from .sources.project import OVERRIDES_SUBFOLDER
from .text import html_paragraphs, inline, inline_sentence, paragraphs, people_line
from .wording import Wording


def make_environment(
    kind: str, overrides_dir: Path | None, words: Wording, registry: Registry,
) -> jinja2.Environment:
    """An environment for `kind` templates (`pages` for Markdown, `print` for HTML), in the
    handbook's language (`words`), knowing the build's kinds (`registry`): the templates
    of the kinds it adds are found after the organisation's overrides."""
    loaders: list[jinja2.BaseLoader] = []
    if overrides_dir is not None:
        loaders.append(jinja2.FileSystemLoader(overrides_dir / OVERRIDES_SUBFOLDER / kind))
    loaders += [jinja2.FileSystemLoader(folder / kind) for folder in registry.template_folders]
    loaders.append(jinja2.PackageLoader("generator", f"templates/{kind}"))
    markdown = kind == "pages"
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        # In Markdown output every `{{ value }}` is made inert for Markdown as well as HTML;
        # templates mark trusted output (links, rendered blocks) as Markup.
        finalize=_markdown_inert if markdown else None,
        undefined=jinja2.StrictUndefined,
        # Each build makes its own environment, so templates are compiled once per build
        # and never checked again for changes (10,000 pages, 10,000 fewer file checks).
        auto_reload=False,
        bytecode_cache=compiled_templates(kind),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(inline=inline, paragraphs=paragraphs, html_paragraphs=html_paragraphs,
                       long_date=words.long_date, day_and_month=words.day_and_month,
                       people=people_line)
    env.filters["title_of"] = registry.title_of
    env.filters["web_address"] = web_address
    env.filters["icon"] = icon_html
    env.globals.update(words=words, month_name=words.month_name, registry=registry)
    # A sentence of the catalogue with a link or emphasis inside it (`{foundation}, then
    # read the {behaviours}`): its words made inert, its marked-up parts kept.
    env.globals["sentence"] = lambda key, **parts: inline_sentence(words(key), parts,
                                                                   markdown=markdown)
    env.globals["markdown_link"] = markdown_link
    return env


def markdown_link(text: object, address: object) -> Markup:
    """`[text](address)`: a link inside a sentence of the catalogue, its text made inert;
    the address is one the templates made (`link(...)`), which is Markup already."""
    target = address if isinstance(address, Markup) else web_address(str(address))
    return Markup("[") + inline(text) + Markup("](") + target + Markup(")")


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept for as long as the process lives, by name and source text
    (Jinja checks the source's checksum before using one). A `handbook serve` reload makes
    a new environment; compiling every template again took it 0.6 s."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED: dict[str, _CompiledTemplates] = {}


def compiled_templates(kind: str) -> jinja2.BytecodeCache:
    """The store of compiled templates for one kind (`pages`, `print`, or the site theme's
    `theme`): environments of different kinds compile differently."""
    return _COMPILED.setdefault(kind, _CompiledTemplates())


def render(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    """Render one template; a template mistake becomes a HandbookError naming file and line."""
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as error:
        where = f"{error.filename or error.name}:{error.lineno}"
        raise HandbookError(f"{where}: template syntax error: {error.message}") from None
    except jinja2.TemplateNotFound as error:
        raise HandbookError(f"template '{error.name}' not found (needed for {name})") from None
    except Exception as error:  # an undefined name or a failing filter inside a template
        raise HandbookError(f"{_template_frame(error, name)}: {error}") from None


def web_address(address: str) -> Markup:
    """A checked web address (no spaces, quotes or angle brackets: see `WebAddress`), as
    the destination of a Markdown link: left as it is but for the brackets, which would
    end the link early."""
    return Markup(str(address).replace("(", "%28").replace(")", "%29"))


def icon_html(icon: str | None) -> Markup:
    """An entry's icon as inline markup for the site and for print: a Material icon's SVG
    drawn in the text's colour, or an emoji the stylesheets draw in an emoji font.
    Hidden from screen readers: the name beside it says the same."""
    if not icon:
        return Markup("")
    file = icon_file(icon)
    if file is None:
        # Drawn by the stylesheet from the attribute, so the emoji is not part of the text:
        # a heading's entry in the contents, the search index and a copied name stay the
        # name alone.
        return Markup('<span class="hb-icon hb-icon--emoji" data-icon="{}" aria-hidden="true">'
                      '</span>').format(icon)
    # The SVG is Material's own file, checked to exist when the data was validated.
    svg = file.read_text(encoding="utf-8").strip()
    return Markup('<span class="hb-icon hb-icon--svg" aria-hidden="true">{}</span>'
                  ).format(Markup(svg))


def _markdown_inert(value: Any) -> Any:
    if value is None or isinstance(value, (Markup, jinja2.Undefined)):
        return value
    return inline(value)


def _template_frame(error: Exception, fallback: str) -> str:
    """`overrides/generator/pages/value.md.jinja:12`: the template line that failed."""
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        # Jinja runs a template as code whose "file" is the template; Python files are ours.
        if not frame.filename.endswith(".py") and not frame.filename.startswith("<"):
            return f"{frame.filename}:{frame.lineno}"
    return fallback
