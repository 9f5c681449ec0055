"""The sites of a handbook's other languages, built after the source language's.

Each is a build of its own, MkDocs' from start to end, into its folder of the site
(`site/pt/`): the same mkdocs.yml and settings, the handbook plugin told which language to
make, Material told which language its own words and its search's stemmer are in. What
the first build was given besides mkdocs.yml (a strict build, the paper, an offline copy)
is handed on.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from .languages import site_folder


def material_language(code: str) -> str:
    """The language Material's own words come in (`pt-BR`, else `pt`, else English)."""
    import material

    folder = Path(material.__file__).parent / "templates" / "partials" / "languages"
    for candidate in (code, code.split("-")[0].lower()):
        if (folder / f"{candidate}.html").is_file():
            return candidate
    return "en"


def build_translated_sites(config: MkDocsConfig, plugin: Any, languages: list[str],
                           progress: Callable[[str], None]) -> None:
    """Build the site of every language after the first into its folder of `config`'s."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from .offline import make_offline

    # MkDocs hands every build of the process the same plugin objects, this one included,
    # and resets their options from mkdocs.yml: the language goes into the options, not
    # into the object, and what this build was given is handed on from a copy.
    options = dict(plugin.config)
    for code in languages[1:]:
        folder = site_folder(code, languages)
        nested = load_config(config.config_file_path, strict=config.strict,
                             site_dir=str(Path(config.site_dir) / folder))
        nested.use_directory_urls = config.use_directory_urls
        nested.theme["language"] = material_language(code)
        if config.site_url:
            nested.site_url = config.site_url.rstrip("/") + "/" + folder
        if "material/offline" in config.plugins:
            make_offline(nested)
        handbook_plugin = next(item for item in nested.plugins.values()
                               if type(item) is type(plugin))
        for key, value in options.items():
            handbook_plugin.config[key] = value
        handbook_plugin.config["build_language"] = code
        progress(f"Building the {code} site into {folder}")
        build(nested)
