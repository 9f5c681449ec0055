"""Audiences are the organisation's: a handbook that owes its service to guests says so in
its behaviours, its measures and the sentences the generator writes about them."""

from __future__ import annotations

from pathlib import Path

from .helpers import load, rendered_pages

GUESTS = "audiences:\n  - {id: guests, name: Guests}\n  - {id: coworkers, name: Coworkers}\n"


def _owed_to_guests(project: Path) -> None:
    behaviours = project / "data" / "behaviours.yml"
    behaviours.write_text(GUESTS + behaviours.read_text(encoding="utf-8").replace(
        "audience: both", "audience: [guests, coworkers]"), encoding="utf-8")
    measures = project / "data" / "measures.yml"
    measures.write_text(measures.read_text(encoding="utf-8").replace(
        "owed_to: customers", "owed_to: guests"), encoding="utf-8")




def test_declared_audiences_are_what_the_pages_say(project: Path) -> None:
    _owed_to_guests(project)
    handbook, report = load(project)
    assert handbook is not None and not report.errors, report.format()
    pages = rendered_pages(project)
    assert "toward guests and coworkers" in pages["index.md"]
    assert "How we treat guests and coworkers" in pages["behaviours.md"]
    assert "## For guests { #guests }" in pages["measures/index.md"]
    everything = "\n".join(pages.values())
    assert "customers and coworkers" not in everything


def test_the_default_audiences_keep_the_generators_own_sentences(project: Path) -> None:
    pages = rendered_pages(project)
    assert "toward customers and coworkers" in pages["index.md"]
    assert "Coworkers are customers too" in pages["behaviours.md"]


def test_a_measure_owed_to_an_undeclared_audience_is_refused(project: Path) -> None:
    _owed_to_guests(project)
    measures = project / "data" / "measures.yml"
    measures.write_text(measures.read_text(encoding="utf-8").replace(
        "owed_to: guests", "owed_to: gusts"), encoding="utf-8")
    _, report = load(project)
    [problem] = report.errors
    assert problem.file == "data/measures.yml" and problem.field.endswith(".owed_to")
    assert "unknown audience 'gusts'" in problem.message and "guests" in problem.hint


def test_both_among_other_audiences_says_what_to_write(project: Path) -> None:
    behaviours = project / "data" / "behaviours.yml"
    behaviours.write_text(GUESTS + behaviours.read_text(encoding="utf-8"), encoding="utf-8")
    measures = project / "data" / "measures.yml"
    measures.write_text(measures.read_text(encoding="utf-8").replace(
        "owed_to: customers", "owed_to: guests"), encoding="utf-8")
    _, report = load(project)
    [problem] = report.errors
    assert "'both' means customers and coworkers" in problem.message
    assert "`audience: [guests, coworkers]`" in problem.hint
