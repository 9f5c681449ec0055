"""Random submissions and exports: shared by the fuzz tests and bench/fuzz_submissions.py.

Two properties, for whatever anyone can submit:
- an issue body (story or idea form) is refused with a HandbookError, or becomes a draft
  whose written YAML reads back as exactly the draft meant, with no field it did not mean
  (and, for an idea whose submitter did not agree to be named, nobody named);
- a results CSV file gives rows and problems, never an exception; every figure read is an
  ordinary number, every problem has its line, and a file lists a bounded number of them.
A broken property comes back as a description; an exception as its traceback.
"""

from __future__ import annotations

import math
import random
import traceback
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from generator.authoring.idea_draft import render_idea_file
from generator.authoring.issue_body import read_idea_submission, read_submission
from generator.authoring.scaffold import QUESTIONS as STORY_PARTS
from generator.authoring.scaffold import render_story_file
from generator.errors import HandbookError
from generator.intake.forms import Form, options
from generator.model.handbook import Handbook
from generator.sources.results_csv import MAX_PROBLEMS, MeasureRules, read_results
from generator.sources.yaml_source import read_yaml_text

TODAY = date(2026, 11, 20)
PIECES = ["", "_No response_", "### Headline", "### Tell us more", "```", "````", "<!--",
          "-->", "\u2028", "\u0085", "\u2029", "\u202e", "\u2066", "\ufeff", "\u200b",
          "- [X] ", "- [ ] ", "people:", "consent: 2026-01-01", "published: 2026-01-02",
          "\n", "\r\n", ": ", "#", "'", '"', "|", ">", "{{ x }}", "<script>", "@everyone",
          "\t", "\x00", "\x1b[2J", "\u00e9", "\u65e5\u672c", "\U0001f6b2", "Priya Nair, Shop",
          "---", "...", "&a", "*a", "!!python/object:os.system", "\\", "%2C", "  - "]
WORDS = ["A", "customer", "rang", "the", "shop", "on", "Sunday", "and", "Priya", "found",
         "it", "in", "our", "other", "branch", "before", "nine", "thanks", "to", "a", "call"]
wild = st.lists(st.one_of(st.text(max_size=24), st.sampled_from(PIECES)), max_size=8).map(
    "".join)
plain = st.lists(st.sampled_from(WORDS), min_size=1, max_size=14).map(" ".join)
trapped = st.tuples(plain, st.sampled_from(PIECES), plain).map("".join)
answers = st.one_of(plain, trapped, wild)
person = st.tuples(plain, st.just(", "), plain).map("".join)


def _answer(draw: st.DrawFn, rng: random.Random) -> str:
    """Mostly words as people write them (the body is drafted, and they go in as they
    are), often with one trap inside, sometimes anything at all."""
    chance = rng.random()
    return draw(plain if chance < 0.6 else trapped if chance < 0.9 else wild)


def _people(draw: st.DrawFn, rng: random.Random) -> str:
    return "\n".join(draw(person) if rng.random() < 0.9 else _answer(draw, rng)
                     for _ in range(rng.randint(1, 3)))


@st.composite
def issue_bodies(draw: st.DrawFn, form: Form, handbook: Handbook) -> str:
    """A body laid out as GitHub writes a form's answers, its answers random: mostly words
    with a trap or two, sometimes anything; now and then a question left out, the order
    changed, boxes from elsewhere ticked. (How often is decided by a plain random number:
    hypothesis would otherwise try the rare cases first, and nearly every body would be
    refused before its words were ever written into a draft.)"""
    rng = random.Random(draw(st.integers(0, 2**32)))  # uniform, whatever hypothesis draws
    questions = list(form.questions)
    if rng.random() < 0.2:
        rng.shuffle(questions)
    parts = []
    for question in questions:
        if rng.random() < 1 / 60:
            continue
        if question.kind == "checkboxes":
            labels = options(handbook, question)
            most = 2 if question.id != "kind" or rng.random() < 0.2 else 1
            ticked = rng.sample(labels, rng.randint(1, min(most, len(labels)))) if labels else []
            if rng.random() < 0.1:
                labels = [*labels, _answer(draw, rng)]
            answer = "\n".join(f"- [{'X' if label in ticked else ' '}] {label}"
                                for label in labels)
        elif question.id == "people":
            answer = _people(draw, rng)
        elif question.id == "date":
            answer = "2026-10-04" if rng.random() < 0.8 else _answer(draw, rng)
        else:
            answer = _answer(draw, rng)
        parts.append(f"### {question.label}\n\n{answer}\n")
    if rng.random() < 0.1:
        parts.insert(0, _answer(draw, rng))
    return "\n".join(parts)


cells = st.one_of(st.sampled_from(["2026-07", "2026-Q3", "0000-01", "9999-12", "88.5", "-2",
                                   "91,5", '"91,5"', "95%", "\u00b2", "\u0669\u0661", "1e400",
                                   "9" * 400, "9" * 4500, '"', '""', 'a"b', '"a"b', " ",
                                   "Front desk", "Orders", "", "nan", "inf", "\ufeff"]),
                  st.text(max_size=12))
rows = st.lists(cells, max_size=5).map(",".join)
exports = st.tuples(st.sampled_from(["period,value,team,sample", "period,value,sample",
                                     "period,value", "period;value", 'period,"value"']),
                    st.lists(rows, max_size=30)).map(lambda parts: "\n".join([parts[0],
                                                                              *parts[1]]))


@dataclass
class SubmissionFuzz:
    """Tries submissions against one handbook, in a folder of its own."""

    handbook: Handbook
    folder: Path

    def body(self, form: Form, text: str) -> tuple[bool, str | None]:
        """Whether `text`, taken as a `form`, became a draft, and what is wrong with how it
        was taken, or None."""
        path = self.folder / "body.md"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            return True, _check_draft(form, path, self.handbook)
        except HandbookError:
            return False, None  # refused, with its reasons: as it should be
        except Exception:  # every other exception is a crash
            return False, traceback.format_exc()

    def export(self, text: str) -> str | None:
        """What is wrong with how `text` was read as a results file, or None."""
        data = self.folder / "data"
        path = data / "results" / "calls-returned.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        rules = MeasureRules("calls-returned", "percent", ("Front desk", "Orders"))
        try:
            results, problems = read_results(path, "results.csv", rules, data_dir=data)
        except Exception:
            return traceback.format_exc()
        if len(problems) > MAX_PROBLEMS + 1:
            return f"{len(problems)} problems listed"
        if any(problem.line is not None and problem.line < 1 for problem in problems):
            return "a problem without a line"
        if any(not math.isfinite(result.value) for result in results):
            return "a figure that is not an ordinary number"
        return None


def _check_draft(form: Form, path: Path, handbook: Handbook) -> str | None:
    if form.kind == "story":
        story = read_submission(path, handbook, today=TODAY, display="issue #1").draft
        text = render_story_file(story)
        meant: dict[str, Any] = {
            "title": story.title, "date": story.happened.isoformat(), "status": "draft",
            "featured": story.featured,
            "people": [{"name": p.name, "team": p.team} for p in story.people],
            **{part: (story.texts.get(part) or question).strip() + "\n"
               for part, question in STORY_PARTS.items()},
            "values": story.values, "behaviours": story.behaviours}
    else:
        submission = read_idea_submission(path, handbook, today=TODAY, display="issue #1")
        idea = submission.draft
        text = render_idea_file(idea)
        meant = {"title": idea.title, "kind": idea.kind, "date": idea.happened.isoformat(),
                 "status": "draft"}
        if idea.people:
            meant["people"] = [{"name": p.name, "team": p.team} for p in idea.people]
        meant |= {"raised": idea.raised.strip() + "\n", "values": idea.values}
        if not submission.consent_given and idea.people:
            return "someone is named who did not agree to be"
    written = read_yaml_text(text, Path("draft.yml"), "draft.yml").data
    if written != meant:
        return f"the draft reads back as {written!r}, not {meant!r}"
    return None
