"""The MkDocs plugin: a thin adapter that puts the generated handbook pages into a build.

It loads the data once per build (`on_config`), adds the rendered pages as generated
files (`on_files`: nothing is written into the docs folder, so `mkdocs serve` does not
rebuild forever), points "edit this page" at the data file a page comes from, and
stamps the build's commit into the templates. Everything else lives in the core.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from .editions.scratch import scratch_folder
from .errors import DataError, HandbookError, counted
from .history.commits import Changelog, FileDates, file_dates, read_changelog
from .loading.kind_folders import registry_for
from .loading.loader import LoadStats, ParsedFiles, load_handbook
from .model.handbook import Handbook
from .model.links import FEED
from .site.build import check_replaceable
from .site.feed import atom_feed
from .site.language_builds import handbook_for_build, translated_page
from .site.languages import with_page_links, with_page_notices
from .site.nav import add_entry_pages, with_present_sections, without_absent_sections
from .site.organisation_settings import URL_SAFE, apply_organisation, edit_url
from .site.outputs import check_outputs, planned_outputs, printed_files, theme_outputs
from .site.page import BuildFacts, SitePage
from .site.page_answers import with_answers
from .site.page_dates import source_stamp
from .site.pages import CHANGELOG_LIMIT, plan_site, render_site
from .site.pdf_files import PdfSettings, add_pdf_files
from .site.preview import (
    CollectorPause,
    PreviewFile,
    PreviewInputs,
    PreviewMemory,
    preview_render,
)
from .site.redirects import redirect_pages
from .site.search_index import SearchAnswers
from .site.search_worker import search_worker_file
from .site.share_block import with_share_block
from .site.theme_layer import (
    BRAND_STYLESHEET,
    add_brand_stylesheet,
    add_groups_script,
    add_orientation_script,
    add_theme_layer,
    brand_stylesheet,
    drop_template_overrides,
    emoji_font_file,
)
from .site.translated_sites import build_translated_sites
from .sources.clock import EPOCH_VARIABLE
from .sources.gitinfo import BuildInfo, read_build_info
from .sources.options import HandbookConfig
from .sources.owned_folders import SITE
from .sources.project import check_source_places
from .templating import compiled_templates, make_environment
from .text import description, first_paragraph, theme_text
from .translation.translate import Translation
from .wording import wording

log = get_plugin_logger("handbook")


class HandbookPlugin(BasePlugin[HandbookConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.handbook: Handbook | None = None
        # Parsed data files, kept while this plugin lives: a `serve` reload reads only
        # the files that changed.
        self.parsed_files = ParsedFiles()
        self.pages: list[SitePage] = []
        self.sources: dict[str, str | None] = {}
        self.build_info: BuildInfo | None = None
        self.root = Path.cwd()
        self.serving = False
        # `handbook serve` previews a dirty build: a reload redoes only what changed.
        self.dirty_preview = False
        self.preview = PreviewMemory()
        self.collector = CollectorPause()
        self.changed_files: set[str] = set()
        self.search_answers = SearchAnswers()
        self.dates = FileDates(available=False)
        self.changelog = Changelog(available=False)
        self.facts: BuildFacts | None = None
        self._epoch_set = False
        self.pdf_folder: tempfile.TemporaryDirectory[str] | None = None
        self.language: str | None = None
        """The language this build makes, when it is not the one the handbook is written
        in (the `build_language` option, which the build of the source language sets for
        the builds it starts: see site/translated_sites.py)."""
        self.languages: list[str] = []
        self.translations: list[Translation] = []
        """How far each other language's translation has come: for the curators' page."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty_preview = self.serving and dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.dirty_preview:
            self.collector.pause()  # resumed when the build ends (_clean_up)
        self.root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        self.language = self.config.build_language
        data_dir = (self.root / self.config.data_dir).resolve()
        custom_dir = config.theme.custom_dir
        try:  # `handbook build` checks these before it starts; `mkdocs build` does not
            check_source_places(self.root, docs_dir=Path(config.docs_dir), data_dir=data_dir,
                                overrides_dir=Path(custom_dir) if custom_dir else None)
            if not self.serving:  # `mkdocs serve` builds into a temporary folder of its own
                check_replaceable(Path(config.site_dir))
            registry = registry_for(self.root, self.config.kinds)  # the build's kinds
        except HandbookError as error:
            raise PluginError(str(error)) from None
        # `mkdocs serve` reloads on data edits, and on edits to the kinds the handbook adds.
        for folder in [data_dir, *registry.added_folders]:
            if str(folder) not in config.watch:
                config.watch.append(str(folder))
        sources = [data_dir, Path(config.docs_dir)]
        add_theme_layer(config)
        self.build_info = read_build_info(self.root, sources)
        as_of = self.build_info.as_of
        log.debug(f"built as of {as_of.moment:%Y-%m-%d %H:%M:%S} UTC (from the {as_of.source})")
        # MkDocs dates the sitemap from this variable, else from the wall clock.
        self._epoch_set = _set_source_date_epoch(as_of.epoch)
        stats = LoadStats()
        handbook, report = load_handbook(
            data_dir, Path(config.docs_dir), root=self.root, today=as_of.day,
            built_as_of=as_of.day, stats=stats, lives_until_exit=not self.serving,
            parsed=self.parsed_files, theme_dir=_theme_dir(config), registry=registry)
        _log_load(stats, serving=self.serving)
        # Gathered until pages are rendered: a reload that stops at a mistake in one file
        # must not lose another file saved meanwhile.
        self.changed_files |= stats.changed
        # Every data problem, strict warnings included, stops the build here: before any
        # page is rendered or PDF laid out, not after minutes of work.
        if handbook is None or report.fails(strict=config.strict):
            advice = "" if handbook is None else (
                "\nFix the warnings, or build with --no-strict to publish all the same.")
            raise PluginError(str(DataError(report, strict=config.strict)) + advice)
        for problem in report.warnings:
            log.warning(problem.format(show_severity=False))
        for problem in report.advice:  # reminders: shown, never counted as warnings
            log.info(problem.format())
        self.languages = handbook.organisation.all_languages
        try:  # the handbook in this build's language; each translation checked first
            handbook, self.translations = handbook_for_build(
                self.root, handbook, self.language, config, log, serving=self.serving)
        except HandbookError as error:
            raise PluginError(str(error)) from None
        self.handbook = handbook
        self.dates = file_dates(self.root, sources)
        self.changelog = read_changelog(self.root, data_dir, limit=CHANGELOG_LIMIT,
                                        starts=handbook.organisation.history_starts,
                                        registry=handbook.registry)
        _warn_about_git(self.build_info, self.dates, self.changelog, strict=config.strict)
        self.facts = BuildFacts(today=as_of.day, changelog=self.changelog,
                                build=self.build_info, translations=self.translations)
        self.pages = plan_site(handbook, self.facts)
        self.sources = {page.path: page.source for page in self.pages}
        if self.config.organisation_settings:
            apply_organisation(config, handbook, self.root)
        without_absent_sections(config.nav, handbook)
        with_present_sections(config.nav, handbook)
        add_entry_pages(config.nav, handbook)
        add_brand_stylesheet(config, handbook.organisation.colours)
        add_groups_script(config, list(handbook.organisation.groups))
        add_orientation_script(config)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.handbook is not None and self.facts is not None
        custom_dir = config.theme.custom_dir
        overrides = Path(custom_dir) if custom_dir else None
        drop_template_overrides(files, overrides)
        redirects = redirect_pages(self.handbook, directory_urls=config.use_directory_urls)
        planned = planned_outputs(self.handbook, self.pages, redirects,
                                  pdf_names=self._pdf_names())
        check_outputs(files, [*planned, *theme_outputs(config)], config)  # before the PDFs
        try:
            facts = self._make_pdfs(files, config)
            if facts is not self.facts:  # the editions page and digests link the new PDFs
                self.facts = facts
                self.pages = plan_site(self.handbook, facts)
            environment = make_environment("pages", overrides, self.handbook.words,
                                           self.handbook.registry)
            rendered, new = self._render(environment, config)
            rendered = with_page_notices(self.handbook, self.pages, rendered)
        except HandbookError as error:
            raise PluginError(str(error)) from None
        self.sources = {page.path: page.source for page in self.pages}
        for page in self.pages:
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            file = PreviewFile.generated(
                config, page.path, content=rendered[page.path], inclusion=inclusion)
            assert isinstance(file, PreviewFile)
            file.unchanged, file.written = page.path not in new, self.preview.written_before
            files.append(file)
        files.append(File.generated(config, FEED, content=atom_feed(self.handbook)))
        files.append(emoji_font_file(config))
        files.append(search_worker_file(config, files))
        colours = self.handbook.organisation.colours
        if colours is not None:
            files.append(File.generated(config, BRAND_STYLESHEET,
                                        content=brand_stylesheet(colours)))
        for redirect in redirects:
            files.append(File.generated(config, redirect.path, content=redirect.html))
        return files

    def _render(
        self, environment: Any, config: MkDocsConfig
    ) -> tuple[dict[str, str], set[str]]:
        """Every generated page's Markdown, and the paths of those MkDocs must build: all
        of them, except in a preview reload (see site/preview.py)."""
        assert self.handbook is not None and self.facts is not None
        if not self.dirty_preview:
            rendered = render_site(self.handbook, environment, self.pages)
            return rendered, set(rendered)
        data_dir = (self.root / self.config.data_dir).resolve()
        custom_dir = config.theme.custom_dir
        watched = [data_dir, Path(config.docs_dir), *([Path(custom_dir)] if custom_dir else []),
                   *self.handbook.registry.added_folders,
                   Path(config.config_file_path or "mkdocs.yml")]
        made = preview_render(self.preview, self.handbook, environment, self.pages,
                              PreviewInputs(self.facts, self.changed_files, watched, data_dir),
                              site_dir=config.site_dir, progress=log.info)
        self.changed_files = set()
        return made

    def _pdf_names(self) -> list[str]:
        """The files `_make_pdfs` will add to `editions/`, known before any is made."""
        assert self.handbook is not None
        return printed_files(self.handbook) if self._making_pdfs() else []

    def _making_pdfs(self) -> bool:
        return self.config.pdf and not self.serving

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        return with_page_links(output, page.url) if len(self.languages) > 1 else output

    @event_priority(-50)  # after Material's search has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        self.preview.written = True  # every page of this build is on disk
        self.search_answers.write_into(site)
        if not self.serving and not SITE.is_on(site):
            SITE.write(site)  # a later build may replace this folder: it is the tool's
        try:
            if self.language is None and len(self.languages) > 1 and not self.serving:
                build_translated_sites(config, self, self.languages, log.info)
        finally:
            self._clean_up()

    def on_build_error(self, *, error: Exception) -> None:
        self._clean_up()

    def on_shutdown(self) -> None:
        self._clean_up()

    def _clean_up(self) -> None:
        self.collector.resume()
        if self.pdf_folder is not None:
            self.pdf_folder.cleanup()
            self.pdf_folder = None
        if self._epoch_set:  # leave the process as it was found (tests build in-process)
            os.environ.pop(EPOCH_VARIABLE, None)
            self._epoch_set = False

    def _make_pdfs(self, files: Files, config: MkDocsConfig) -> BuildFacts:
        """The PDF editions and this month's notice board (see site/pdf_files.py); none
        during `mkdocs serve` or with `pdf: false`."""
        assert self.handbook is not None and self.build_info is not None
        assert self.facts is not None
        if not self._making_pdfs():
            return self.facts
        self.pdf_folder = scratch_folder()
        return add_pdf_files(
            self.handbook, self.facts, files, config, Path(self.pdf_folder.name),
            PdfSettings(root=self.root, data_dir=(self.root / self.config.data_dir).resolve(),
                        build=self.build_info, paper=self.config.paper,
                        since=self.config.since, dates=self.dates, language=self.language),
            log)

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if page.file.generated_by is None and self.language is not None:
            markdown = translated_page(self.handbook, page, markdown)
        # A generated page's title is escaped in its front matter (see site/pages.py); as
        # `Markup`, Material's attributes that escape it again (the footer's "Next: ...")
        # leave it as it is.
        title = page.meta.get("title")
        if page.file.generated_by is not None and isinstance(title, str):
            page.meta["title"] = Markup(title)
        if page.file.generated_by is None and self.handbook is not None:
            markdown = with_share_block(markdown, self.handbook)
            markdown = with_answers(markdown, page.meta)
        if page.file.generated_by is None and "description" not in page.meta:
            # A hand-written page is described by its first paragraph, so a link to it
            # (a search result, a chat preview) says what it is about.
            first = first_paragraph(markdown)
            if first:
                page.meta["description"] = theme_text(description(first))
        return markdown

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        # A generated page is edited in the data file it comes from, not in Markdown.
        if self.handbook is None:
            return context
        if page.file.generated_by is not None:
            source = self.sources.get(page.file.src_uri)
            page.edit_url = edit_url(self.handbook, source) if source else None
        else:
            docs = Path(config.docs_dir).resolve().relative_to(self.root).as_posix()
            source = f"{docs}/{page.file.src_uri}"
            if page.edit_url:
                # MkDocs joins the file's path into the address as it is, and Material
                # prints it into href="..." unescaped: a page named `"><svg onload=...>.md`
                # would write its own markup. Quoted, every name is just an address.
                page.edit_url = quote(page.edit_url, safe=URL_SAFE)
        if source:
            page.meta["handbook_source"] = source_stamp(self.handbook, self.dates, source)
        return context

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files
                        ) -> str:
        # A print-only passage is hidden on the site; search must not find it either.
        return self.search_answers.take(_PRINT_ONLY.sub(r'\1 data-search-exclude', html), page.url)

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        env.bytecode_cache = compiled_templates("theme")  # a reload compiles none again
        env.globals["handbook_build"] = self.build_info
        if self.handbook is not None and self.build_info is not None:
            # The footer's date, in the handbook's language: what readers are told.
            env.globals["handbook_as_of"] = self.handbook.words.long_date(
                self.build_info.as_of.day)
        # The frame's own words, in the handbook's language.
        env.globals["handbook_words"] = self.handbook.words if self.handbook else wording()
        if self.handbook is not None:  # who to ask, for the page of a missing address
            words = self.handbook.words
            env.globals.update(handbook_contacts=self.handbook.organisation.contacts,
                               handbook_contacts_heading=words("contacts.heading"),
                               handbook_contacts_more=words("contacts.more"))
        return env


_PRINT_ONLY = re.compile(r'(<[a-z]+ class="print-only")')


def _theme_dir(config: MkDocsConfig) -> Path | None:
    custom_dir = config.theme.custom_dir
    return Path(custom_dir) if custom_dir else None


def _set_source_date_epoch(epoch: int) -> bool:
    """Hand the build's date to MkDocs; True when this set it (and must take it back)."""
    if os.environ.get(EPOCH_VARIABLE):
        return False
    os.environ[EPOCH_VARIABLE] = str(epoch)
    return True


def _log_load(stats: LoadStats, *, serving: bool) -> None:
    """While serving, say what a reload re-read (saving one story reads one file)."""
    unchanged = f", {stats.files_unchanged:,} unchanged" if stats.files_unchanged else ""
    log.log(logging.INFO if serving else logging.DEBUG,
            f"data loaded in {stats.seconds:.2f} s: {counted(stats.files_read, 'file')} "
            f"read{unchanged}")


def _warn_about_git(*answers: BuildInfo | FileDates | Changelog, strict: bool) -> None:
    """Inside a repository, a failed git command leaves the site without dates or a
    changelog: the editor hears what failed, instead of readers being told "nothing has
    changed". A strict build stops here, before any PDF is laid out."""
    failures = list(dict.fromkeys(answer.failure for answer in answers if answer.failure))
    if strict and failures:
        raise PluginError("git failed, and a strict build does not publish without the "
                          "history:\n" + "\n".join(f"  {failure}" for failure in failures))
    for failure in failures:
        log.warning(failure)
