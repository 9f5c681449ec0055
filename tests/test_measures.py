"""How we're doing: measures declared in YAML, their results read from CSV files, drawn as
charts at build time, shown on the site and in print, and reported to curators.

The bad CSV files (semicolons, decimal commas, impossible months ...) are cases of the
bad-input corpus (tests/bad_inputs/, `csv-` in their names)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from generator.drawing.charts import SITE_PAINT, _runs
from generator.drawing.measure_charts import chart
from generator.kinds import FINDING, MEASURE
from generator.model.measures import figures_of
from generator.sources.results_csv import Period

from .browser import serve_folder
from .commands import RunHandbook
from .helpers import BuildSite, load, make_project, write
from .pdfs import fold, page_texts

RESULTS = "data/results/calls-returned.csv"


def _months(*labels: str) -> list[Period]:
    return [period for label in labels if (period := Period.parse(label)) is not None]


def test_a_missing_month_is_a_warning_with_its_line_and_a_gap_in_the_chart(
        project: Path, run_handbook: RunHandbook) -> None:
    write(project, RESULTS, "period,value,team,sample\n"
          "2026-07,88.0,Front desk,40\n2026-07,90.5,Orders,35\n"
          "2026-08,91.0,Front desk,42\n"
          "2026-09,93.5,Front desk,45\n2026-09,96.0,Orders,33\n")
    checked = run_handbook(project, "check")
    assert checked.returncode == 0, checked.stderr
    assert (f"{RESULTS}:6:1: warning: period: no figure for Orders for 2026-08 (between "
            "2026-07 and 2026-09)\n    hint: add the row if the figure exists; the chart "
            "leaves a gap there") in checked.stderr
    loaded, _ = load(project)
    assert loaded is not None
    orders = [(r.period.label, r.value) for r in loaded.results["calls-returned"]
              if r.team == "Orders"]
    assert orders == [("2026-07", 90.5), ("2026-09", 96.0)]
    # Drawn as two runs, never one line joining July to September.
    july, august, september = _months("2026-07", "2026-08", "2026-09")
    runs = _runs([(july, 90.5), (september, 96.0)], {july: 0, august: 1, september: 2})
    assert runs == [[(0, 90.5)], [(2, 96.0)]]


def test_quarters_count_on_and_months_and_quarters_do_not_mix(
        project: Path, run_handbook: RunHandbook) -> None:
    assert Period.parse("2026-Q4").next().label == "2027-Q1"  # type: ignore[union-attr]
    assert Period.parse("2026-12").next().label == "2027-01"  # type: ignore[union-attr]
    assert Period.parse("2026-Q5") is None and Period.parse("2026-00") is None
    write(project, RESULTS, "period,value,team\n2026-Q3,88,Orders\n2026-10,90,Orders\n")
    checked = run_handbook(project, "check")
    assert checked.returncode == 1
    assert f"{RESULTS}:3:1: period: months and quarters are mixed" in checked.stderr


def test_the_overall_figure_weighs_teams_by_their_samples_and_adds_up_counts(
        project: Path) -> None:
    write(project, RESULTS, "period,value,team,sample\n"
          "2026-10,90,Front desk,300\n2026-10,100,Orders,100\n")
    loaded, _ = load(project)
    assert loaded is not None
    measure = loaded.find(MEASURE, "calls-returned")
    figures = figures_of(measure, loaded.results["calls-returned"])
    assert figures.latest == (Period(2026, 10), 92.5)  # (90*300 + 100*100) / 400
    assert figures.on_target() is False  # 92.5 < 95, and higher is better
    counted = measure.model_copy(update={"unit": "count", "direction": "lower", "target": 200})
    assert figures_of(counted, loaded.results["calls-returned"]).latest == (
        Period(2026, 10), 190)
    assert figures_of(counted, loaded.results["calls-returned"]).on_target() is True


def _svg_text(svg: str) -> str:
    """The words a chart shows (legend, axes), its drawing left out."""
    return " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg))


def test_no_chart_compares_a_team_with_a_target_meant_for_all(project: Path) -> None:
    write(project, RESULTS, "period,value,team,sample\n"
          "2026-09,88,Front desk,300\n2026-09,97,Orders,100\n"
          "2026-10,90,Front desk,300\n2026-10,99,Orders,100\n")
    loaded, _ = load(project)
    assert loaded is not None
    measure = loaded.find(MEASURE, "calls-returned")
    figures = figures_of(measure, loaded.results["calls-returned"])
    by_team = _svg_text(chart(figures, loaded.words, SITE_PAINT, by_team=True))
    # The overall figure is drawn among the teams', and the target says it is its.
    assert "Overall" in by_team and "Overall target: at least 95%" in by_team
    assert "Target: at least" not in by_team
    overall = _svg_text(chart(figures, loaded.words, SITE_PAINT, by_team=False))
    assert "Target: at least 95%" in overall
    # Months with their year, never "Oct 26", which reads as a day; and an axis that
    # does not start at zero says where it starts.
    assert "Oct 2026" in by_team and "Oct 26" not in by_team
    assert re.search(r"axis from \d+(\.\d+)?%", overall), overall


def test_charts_are_the_same_bytes_in_every_build(small_site: Path, tmp_path: Path,
                                                  build_site: BuildSite) -> None:
    # The run's shared build of the small fixture, and one of this test's own.
    first = small_site
    second = build_site(make_project(tmp_path / "two"))
    pages = ["measures/index.html", "measures/calls-returned/index.html"]
    for page in pages:
        charts = [re.findall(r'<svg class="hb-chart".*?</svg>', (site / page).read_text(
            encoding="utf-8"), re.S) for site in (first, second)]
        assert charts[0] and charts[0] == charts[1], page


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_chart_has_a_name_a_description_and_its_table(
        small_site: Path, browser: Any, scheme: str) -> None:
    pages = ["measures/", "measures/calls-returned/", "measures/colleague-requests/"]
    with serve_folder(small_site) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
        for address in pages:
            page.goto(base + address)
            charts = page.locator("svg.hb-chart")
            assert charts.count() >= 1, address
            for index in range(charts.count()):
                chart = charts.nth(index)
                found = chart.evaluate("""svg => {
                    const ids = svg.getAttribute('aria-labelledby').split(' ');
                    const [title, desc] = ids.map(id => document.getElementById(id));
                    const figure = svg.closest('figure');
                    let next = figure.nextElementSibling;
                    const table = next && (next.querySelector('table'));
                    const line = svg.querySelector('path[style*="hb-chart-series-1"]');
                    return {role: svg.getAttribute('role'), title: title.textContent,
                            desc: desc.textContent, inside: svg.contains(title),
                            caption: table && table.caption.textContent,
                            rows: table ? table.tBodies[0].rows.length : 0,
                            stroke: line && getComputedStyle(line).stroke,
                            background: getComputedStyle(document.body).backgroundColor};
                }""")
                assert found["role"] == "img" and found["inside"], address
                assert found["title"] and found["caption"] == found["title"], address
                assert "target" in found["desc"] and found["rows"] >= 1, address
                # The line is painted from the stylesheet, not left to a default.
                assert found["stroke"] not in (None, "", "none", found["background"])
            accessible = page.get_by_role("img", name=re.compile(".+"))
            assert accessible.count() >= charts.count()
        page.close()


def test_measures_print_with_their_chart_figures_and_findings(
        project: Path, run_handbook: RunHandbook) -> None:
    editions = project / "data/editions.yml"
    editions.write_text(editions.read_text(encoding="utf-8") + (
        "  - id: doing\n    title: How we are doing\n    audience: Everyone\n"
        "    sections: [measures, behaviours]\n    stories: none\n"), encoding="utf-8")
    result = run_handbook(project, "pdf", "-e", "doing")
    assert result.returncode == 0, result.stderr
    text = fold("\n".join(page_texts(project / "editions/doing.pdf")))
    loaded, _ = load(project)
    assert loaded is not None
    for measure in loaded.of(MEASURE):
        assert measure.name in text
    for finding in loaded.of(FINDING):
        assert finding.title in text
    assert "Overall target: at least 95%" in text  # the chart's legend, drawn as text
    assert "October 2026" in text  # the figures' table
    assert re.search(r"Return calls within a day \(p\. \d+\)", text)


def test_the_report_names_measures_off_target_or_without_recent_figures(
        project: Path, run_handbook: RunHandbook) -> None:
    write(project, RESULTS, "period,value,team,sample\n2026-10,80,Front desk,40\n"
          "2026-10,82,Orders,30\n")
    reported = run_handbook(project, "report", "--today", "2026-11-23")
    assert reported.returncode == 0, reported.stderr
    assert ("Measures not on target: 2\n  - Calls returned within a day (calls-returned): "
            "80.9% in October 2026, target at least 95%\n  - Hours to answer a colleague "
            "(colleague-requests): 4.5 hours in October 2026, target at most 4 hours\n"
            ) in reported.stdout
    assert "Measures with no recent figures: 0" in reported.stdout
    later = run_handbook(project, "report", "--today", "2027-03-01")
    assert ("Measures with no recent figures: 2\n"
            "  - Calls returned within a day (calls-returned): latest for 2026-10\n"
            "  - Hours to answer a colleague (colleague-requests): latest for 2026-10"
            ) in later.stdout


@pytest.mark.sample
def test_the_sample_measures_customers_and_colleagues_over_eighteen_months() -> None:
    from .shipped import shipped_handbook

    sample = shipped_handbook()
    measures = sample.of(MEASURE)
    assert len(measures) >= 5
    assert {m.owed_to for m in measures} == {"customers", "coworkers"}
    with_teams = [m for m in measures if len(m.teams) >= 3]
    assert with_teams
    for measure in with_teams:
        months = {r.period for r in sample.results[measure.id]}
        assert len(months) >= 18, measure.id
        assert {r.team for r in sample.results[measure.id]} == set(measure.teams)
    assert {f.question for f in sample.of(FINDING)} == {
        "satisfaction", "avoidable-mistakes", "policies", "assumptions"}


def test_a_handbook_without_measures_has_no_empty_page_for_them(
        project: Path, build_site: BuildSite) -> None:
    for name in ("measures.yml", "findings.yml"):
        (project / "data" / name).unlink()
    for path in (project / "data/results").iterdir():
        path.unlink()
    site = build_site(project)  # strict: mkdocs.yml still lists the page, which is left out
    assert not (site / "measures").exists()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "How we're doing" not in home and "measures/" not in home


def test_a_measure_without_figures_yet_says_so_and_draws_no_chart(
        project: Path, build_site: BuildSite) -> None:
    (project / "data/results/colleague-requests.csv").unlink()
    site = build_site(project)  # strict
    page = (site / "measures/colleague-requests/index.html").read_text(encoding="utf-8")
    assert "No figures yet." in page and "hb-chart" not in page
    overview = (site / "measures/index.html").read_text(encoding="utf-8")
    assert overview.count('<svg class="hb-chart"') == 1  # the other measure's
