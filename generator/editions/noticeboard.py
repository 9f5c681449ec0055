"""A month's stories as a PDF for a notice board: one story per page, in large type.

It uses the editions' machinery (print templates overrides-first, shipped fonts, local
files only, atomic writing) with a template of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import HandbookError
from ..kinds import VALUE
from ..model.colours import palette
from ..model.handbook import Handbook
from ..model.links import notice_board_file
from ..templating import make_environment, render
from ..text import run_in_paragraphs
from .build import EditionJob
from .document import PAPER_SIZES, css_string, font_globals
from .pdf import Progress, html_to_pdf, write_atomically


@dataclass(frozen=True)
class NoticeBoard:
    month: str
    path: Path
    pages: int


def build_notice_board(
    handbook: Handbook, month: str, job: EditionJob, progress: Progress
) -> NoticeBoard:
    # Featured stories first, as in the month's digest; then the newest.
    stories = sorted(handbook.stories_by_month.get(month, []), key=lambda s: not s.featured)
    if not stories:
        months = ", ".join(sorted(handbook.stories_by_month, reverse=True)[:6]) or "none"
        raise HandbookError(f"no story was published in {month}; recent months with stories: "
                            f"{months}")
    progress(f"notice board {month}: writing the print HTML")
    env = make_environment("print", job.overrides_dir, handbook.words, handbook.registry)
    env.globals.update(font_globals(job.overrides_dir))
    env.filters.update(css_string=css_string, run_in=run_in_paragraphs,
                       value_name=lambda value_id: handbook.entry(VALUE, value_id).name)
    html = render(env, "noticeboard.html.jinja", {
        "handbook": handbook, "stories": stories, "month_title": handbook.words.month_name(month),
        "paper_size": PAPER_SIZES[job.paper], "colours": palette(handbook.organisation.colours),
        "created": job.build.effective_date().isoformat(),
    })
    roots = [job.docs_dir, Path(__file__).resolve().parent.parent]
    if job.overrides_dir is not None:
        roots.append(job.overrides_dir)
    pdf = html_to_pdf(html, allowed_roots=roots,
                      progress=lambda stage: progress(f"notice board {month}: {stage}"))
    target = job.output_dir / notice_board_file(month)
    write_atomically(target, pdf.data)
    return NoticeBoard(month, target, pdf.pages)
