"""Property-based fuzzing: whatever is in the data files, loading never raises; whatever
anyone submits, a form becomes a draft that says exactly what it means, or is refused;
whatever a spreadsheet exports, its figures are read or refused, never a crash.

Every outcome of loading random or mangled data is a report of problems (or a handbook);
an exception here is a traceback an editor would see. bench/fuzz.py and
bench/fuzz_submissions.py run the same properties for longer, outside the test suite.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.intake.forms import FORMS
from generator.sources.yaml_source import read_yaml_text

from .fuzzing import DATA_FILES, FuzzLoad, as_yaml, copy_of_shipped, documents, mutate
from .submission_fuzzing import SubmissionFuzz, exports, issue_bodies

FUZZ = settings(max_examples=120, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_of_shipped(tmp_path_factory.mktemp("fuzz"))


@FUZZ
@given(st.text(max_size=400))
def test_any_text_reads_without_raising(text: str) -> None:
    doc = read_yaml_text(text, Path("x.yml"), "x.yml")
    assert doc.usable or doc.problems
    for problem in doc.problems:
        assert problem.file == "x.yml" and problem.message


@FUZZ
@given(st.binary(max_size=300))
def test_any_bytes_in_a_data_file_are_reported(shipped: Path, fuzz_load: FuzzLoad,
                                               content: bytes) -> None:
    fuzz_load(shipped, "data/organisation.yml", content)


@FUZZ
@given(st.sampled_from(DATA_FILES), documents)
def test_random_documents_in_any_data_file(shipped: Path, fuzz_load: FuzzLoad, relative: str,
                                           document: object) -> None:
    report = fuzz_load(shipped, relative, as_yaml(document))
    assert all(problem.file.startswith("data/") for problem in report.problems)


@FUZZ
@given(st.sampled_from(DATA_FILES), st.integers(0, 2**32), st.integers(1, 4))
def test_mangled_shipped_data(shipped: Path, fuzz_load: FuzzLoad, relative: str, seed: int,
                              edits: int) -> None:
    rng = random.Random(seed)
    text = (shipped / relative).read_text(encoding="utf-8")
    for _ in range(edits):
        text = mutate(text, rng)
    fuzz_load(shipped, relative, text)


@FUZZ
@given(st.data())
def test_any_submitted_form_is_refused_or_drafted_exactly(
        fuzz_submissions: SubmissionFuzz, data: st.DataObject) -> None:
    form = data.draw(st.sampled_from(FORMS))
    body = data.draw(issue_bodies(form, fuzz_submissions.handbook))
    _, failure = fuzz_submissions.body(form, body)
    assert failure is None


@FUZZ
@given(exports)
def test_any_results_export_is_read_or_refused_without_raising(
        fuzz_submissions: SubmissionFuzz, text: str) -> None:
    assert fuzz_submissions.export(text) is None
