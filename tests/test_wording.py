"""The wording catalogue: every key the code and templates ask for is in English, the
catalogue every other language falls back on."""

from __future__ import annotations

import re
from datetime import date

import pytest

from generator.intake.forms import FORMS
from generator.kinds import BUILT_IN
from generator.model.measures import MADE_KEYS
from generator.schema import section_names
from generator.schema.orientation import TARGET_KINDS
from generator.wording import _merged, wording

from .helpers import REPO

ENGLISH = BUILT_IN.catalogue("en")
ASKED = re.compile(r"""\bwords\(\s*["']([^"'{}]+)["']""")


def _asked_for() -> set[str]:
    sources = [*(REPO / "generator").rglob("*.py"), *(REPO / "generator").rglob("*.jinja")]
    return {key for path in sources for key in ASKED.findall(path.read_text(encoding="utf-8"))}


def test_every_key_asked_for_by_name_is_in_english() -> None:
    asked = _asked_for()
    assert "feed.subtitle" in asked, "the scan finds the keys"
    assert [key for key in sorted(asked) if not ENGLISH.has(key)] == []


def test_every_key_made_from_data_is_in_english() -> None:
    made = [f"sections.{name}" for name in section_names(BUILT_IN)]
    made += list(MADE_KEYS)
    made += [f"readings.{kind}" for kind in TARGET_KINDS if kind not in ("page", "section")]
    made += [f"kinds.{kind.name}" for kind in BUILT_IN.followed]
    made += [f"{form.words}.{key}" for form in FORMS
             for key in ("form", "email", "curator", "print form", "print email")]
    made += [f"fields.{name}" for kind in BUILT_IN.followed for name in kind.model.reader_fields]
    assert [key for key in made if not ENGLISH.has(key)] == []


def test_dates_months_and_lists() -> None:
    assert ENGLISH.long_date(date(2026, 3, 14)) == "14 March 2026"
    assert ENGLISH.month_name("2026-11") == "November 2026"
    # The language's own order and names, from CLDR, not an English pattern.
    assert wording("en-US").long_date(date(2026, 8, 3)) == "August 3, 2026"
    assert wording("en-GB").long_date(date(2026, 8, 3)) == "3 August 2026"
    assert "agosto" in wording("pt").long_date(date(2026, 8, 3))
    assert wording("de").month_name("2026-03").startswith("März")
    assert ENGLISH.and_list(["a"]) == "a"
    assert ENGLISH.and_list(["a", "b", "c"]) == "a, b and c"


def test_a_language_without_a_catalogue_reads_in_english() -> None:
    for code in ("en-GB", "xx"):
        words = BUILT_IN.catalogue(code)
        assert words.language == code
        assert words("sections.values") == ENGLISH("sections.values")


def test_a_catalogue_overrides_only_what_it_says() -> None:
    merged = _merged({"a": {"b": "1", "c": "2"}, "d": "3"}, {"a": {"b": "uno"}})
    assert merged == {"a": {"b": "uno", "c": "2"}, "d": "3"}


def test_an_unknown_key_is_an_error_not_a_blank() -> None:
    with pytest.raises(KeyError):
        ENGLISH("sections.nowhere")


@pytest.mark.parametrize("count", [0, 1, 2, 1000])
def test_a_count_takes_the_plural_form_of_its_language(count: int) -> None:
    said = ENGLISH("counts.stories", count=count)
    assert said == (f"{count:,} story" if count == 1 else f"{count:,} stories")


def test_every_counting_text_has_the_form_every_language_falls_back_on() -> None:
    every_key = ENGLISH.keys()  # a list of dotted keys (the catalogue is not a dict)
    counting = {key.rpartition(".")[0] for key in every_key
                if "count" in ENGLISH.fields_of(key)}
    assert counting, "the catalogue has counting texts"
    assert [key for key in sorted(counting) if not ENGLISH.has(f"{key}.other")] == []
