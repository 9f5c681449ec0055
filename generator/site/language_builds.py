"""What each build of a handbook read in several languages does about translation.

The build of the source language checks every translation before any site is made (a
strict build stops at a PO file behind its source, as it does at any warning); the build
of each other language reads the handbook in that language, mkdocs.yml's titles too, and
shows each hand-written page as translated, with its notice where it is not yet.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from ..errors import HandbookError, Severity
from ..model.handbook import Handbook
from ..translation.catalogues import CatalogueProblem
from ..translation.notices import notice
from ..translation.texts import NAV, THEME, Found, settings_texts
from ..translation.translate import Translation, check_translations, in_language, own_name
from .languages import alternates, site_folder, translated_nav, under_title

Log = logging.Logger | logging.LoggerAdapter[logging.Logger]


def handbook_for_build(root: Path, handbook: Handbook, language: str | None,
                       config: MkDocsConfig, log: Log, *, serving: bool = False
                       ) -> tuple[Handbook, list[Translation]]:
    """The handbook in the language this build makes (`language`, or the source's when
    None), with the language menu set up (but in a preview of one language, where the
    others are not built); for the source language's build, each other language's
    translation, checked. Raises HandbookError for a language the handbook is not
    translated into, or a translation a strict build stops at."""
    languages = handbook.organisation.all_languages
    if language is not None and language not in languages[1:]:
        raise HandbookError(
            f"mkdocs.yml: the handbook plugin's `build_language` is '{language}', which is "
            "not one of the languages organisation.yml translates the handbook into "
            f"({', '.join(languages[1:]) or 'none'})")
    if len(languages) < 2:
        return handbook, []
    if not serving:
        config.extra["alternate"] = alternates(languages, language or languages[0],
                                               {code: own_name(code) for code in languages})
    _check_site_folders(config, languages)
    printed = language or languages[0]  # the editions printed in this build's language
    handbook = replace(handbook, editions=[
        edition for edition in handbook.editions
        if not edition.languages or printed in edition.languages])
    if language is None:
        return handbook, checked_translations(root, handbook, config, log)
    return handbook_in_language(root, handbook, language, config), []


def _check_site_folders(config: MkDocsConfig, languages: list[str]) -> None:
    """Each other language's site goes into a folder of the site: a folder of the docs
    by the same name would be overwritten by it."""
    docs = Path(config.docs_dir)
    for code in languages[1:]:
        folder = site_folder(code, languages).rstrip("/")
        if (docs / folder).exists():
            raise HandbookError(
                f"{docs.name}/{folder}/ would be replaced by the {code} site, which is built "
                f"into {folder}/: rename the folder")


def checked_translations(root: Path, handbook: Handbook, config: MkDocsConfig,
                         log: Log) -> list[Translation]:
    """Each other language's translation, its problems told: warnings (which stop a
    strict build, before any page is made), and advice (how much waits: a reminder)."""
    try:
        problems, translations = check_translations(root, handbook, _docs(root, config),
                                                    _settings(config))
    except CatalogueProblem as error:
        raise HandbookError(error.problem.format(show_severity=False)) from None
    for problem in problems:
        if problem.severity == Severity.ADVICE:
            log.info(problem.format())
    warnings = [problem for problem in problems if problem.severity != Severity.ADVICE]
    if warnings and config.strict:
        raise HandbookError("\n".join(problem.format(show_severity=False)
                                      for problem in warnings)
                            + "\nFix the warnings, or build with --no-strict to publish all "
                              "the same.")
    for problem in warnings:
        log.warning(problem.format(show_severity=False))
    return translations


def handbook_in_language(root: Path, handbook: Handbook, language: str,
                         config: MkDocsConfig) -> Handbook:
    """The handbook in `language`; mkdocs.yml's navigation titles and colour scheme
    switches in it too."""
    try:
        translated, translation = in_language(root, handbook, language, _docs(root, config),
                                              _settings(config))
    except CatalogueProblem as error:
        raise HandbookError(error.problem.format(show_severity=False)) from None
    config.nav = translated_nav(config.nav, lambda title: translation.text(NAV, title))
    for scheme in config.theme.get("palette") or []:
        toggle = scheme.get("toggle") if isinstance(scheme, dict) else None
        if isinstance(toggle, dict) and isinstance(toggle.get("name"), str):
            toggle["name"] = translation.text(THEME, toggle["name"])
    return translated


def translated_page(handbook: Handbook | None, page: Page, markdown: str) -> str:
    """A hand-written page in the build's language, with its notice where part of it is
    not translated yet; its title and description from the translation too."""
    if handbook is None or handbook.translation is None:
        return markdown
    translated = handbook.pages.get(page.file.src_uri)
    if translated is None:
        return markdown
    for key in ("title", "description"):
        if isinstance(translated.meta.get(key), str):
            page.meta[key] = translated.meta[key]
    state = handbook.translation.state_of(page.file.src_uri)
    return under_title(translated.markdown, notice(handbook, state))


def _docs(root: Path, config: MkDocsConfig) -> str:
    return Path(config.docs_dir).resolve().relative_to(root).as_posix()


def _settings(config: MkDocsConfig) -> list[Found]:
    return settings_texts({"nav": config.nav, "theme": dict(config.theme.items())})
