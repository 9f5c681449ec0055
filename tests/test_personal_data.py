"""Personal data and names are found however they are written, and prose is left alone.

The corpus (tests/bad_inputs/51, 52, 60-64) shows the errors an editor sees; these tests
pin down what the search itself finds, including what it must not.
"""

# ruff: noqa: RUF001 (lookalike letters are what this is about)

from __future__ import annotations

import pytest

from generator.checks.personal_data import fold, name_in, personal_data


@pytest.mark.parametrize("text, written", [
    ("write to jo.bloggs@example.com today", "jo.bloggs@example.com"),
    ("write to jo＠example.com today", "jo＠example.com"),  # full-width at sign
    ("write to jo﹫example.com today", "jo﹫example.com"),  # small at sign
    ("write to jo [at] example [dot] com today", "jo [at] example [dot] com"),
    ("write to jo(at)example.co.uk today", "jo(at)example.co.uk"),
    ("write to jo AT example DOT com today", "jo AT example DOT com"),
    ("write to jo {at} example {dot} org", "jo {at} example {dot} org"),
])
def test_email_addresses_in_any_form(text: str, written: str) -> None:
    assert [(f.what, f.written) for f in personal_data(text)] == [
        ("an email address", written)]


@pytest.mark.parametrize("text", [
    "We met at noon. Then we rode home.",
    "She ordered at bramblecote.example and collected it at the shop.",
    "Arrived at 9.30 and left at 17.00.",
    "A 100-mile ride on 2026-09-20 with 2,000 riders and order #12345.",
    "The dot at the end of the line dot matters.",
    "Ｆｕｌｌ-width letters are still just words.",
])
def test_prose_is_not_personal_data(text: str) -> None:
    assert list(personal_data(text)) == []


def test_numbers_hidden_behind_full_width_digits_are_found() -> None:
    found = list(personal_data("Her card: ４１１１ １１１１ １１１１ １１１１."))
    assert [f.what for f in found] == ["a payment card number"]
    assert found[0].written == "４１１１ １１１１ １１１１ １１１１"


@pytest.mark.parametrize("text, written", [
    ("Our assistant Tom called.", "Tom"),
    ("Our assistant To\u00adm called.", "To\u00adm"),  # soft hyphen
    ("Our assistant T\u200bom called.", "T\u200bom"),  # zero-width space
    ("Our assistant Tоm called.", "Tоm"),  # Cyrillic o
    ("Our assistant Τom called.", "Τom"),  # Greek capital tau
    ("Our assistant ＴＯＭ called.", None),  # other letters, other case: not the name
    ("Our assistant Tommy called.", None),  # a whole word only
])
def test_names_are_found_however_they_are_written(text: str, written: str | None) -> None:
    found = name_in(text, ["Tom Achebe", "Tom", "Achebe"])
    assert (found.written if found else None) == written
    if found:
        assert found.what == "Tom"


def test_a_name_written_in_another_script_still_matches_itself() -> None:
    found = name_in("Наш консультант Олег позвонил.", ["Олег"])
    assert found is not None and found.written == "Олег"


def test_the_longest_name_is_reported() -> None:
    found = name_in("It was Tom Achebe who called.", ["Tom Achebe", "Tom", "Achebe"])
    assert found is not None and found.what == "Tom Achebe"


def test_folding_keeps_plain_text_as_it_is() -> None:
    assert fold("plain ASCII text").origins is None
    folded = fold("a\u00adb＠c")
    assert folded.text == "ab@c"
    assert folded.written("a\u00adb＠c", 0, 4) == "a\u00adb＠c"


@pytest.mark.parametrize(("text", "written"), [
    ("Will you call back before noon?", None),
    ('"May I help?" she asked.', None),
    ("It rained. Mark the parcel as urgent.", None),
    ("We thanked Will for staying late.", "Will"),
    ("It was Mark. Mark said no.", "Mark"),
    ("Will Turner stayed late.", "Will Turner"),
])
def test_a_name_that_is_an_everyday_word_is_not_found_where_it_starts_a_sentence(
        text: str, written: str | None) -> None:
    """A colleague called Will, Mark or May: the sentence-opening word is not the name."""
    found = name_in(text, ["Will Turner", "Will", "Turner", "Mark", "May"])
    assert (found.written if found else None) == written
