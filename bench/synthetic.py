"""Deterministic synthetic handbooks for benchmarks: any number of stories, valid data.

`make_project(folder, stories=1000)` writes a whole project (data, pages, mkdocs.yml,
overrides) whose stories, values and behaviours are made from a fixed seed, so every run
of a benchmark measures the same input. Values and behaviours grow with the stories (one
value per 100 stories, two behaviours per 100), as a large organisation's would.
"""

from __future__ import annotations

import random
import shutil
from datetime import date, timedelta
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]

_VOCABULARY = """
customer colleague bike wheel repair order delivery call email promise shop workshop
warehouse support team manager rider battery frame brake chain saddle fitting service
answer question problem solution weekend morning evening deadline replacement warranty
part courier invoice refund stock van route school club race tour commute family city
quickly carefully honestly together clearly kindly early late again still always never
checked called explained offered arranged fixed rebuilt delivered listened noticed asked
waited promised kept shared learned taught trusted helped found sent booked tested rode
7am 10km 24-hour 30-minute 48-hour 100-mile
"""
WORDS = tuple(_VOCABULARY.split())


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng, rng.randint(8, 16)) for _ in range(sentences))


def make_project(folder: Path, *, stories: int, seed: int = 7,
                 languages: tuple[str, ...] = ()) -> Path:
    """The handbook written in the shipped one's language alone, or read in `languages`
    (the one it is written in first; its PO files are then for the caller to write)."""
    rng = random.Random(seed)
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(REPO / "handbook", folder / "handbook")
    shutil.copytree(REPO / "overrides", folder / "overrides")
    shutil.copy(REPO / "mkdocs.yml", folder / "mkdocs.yml")
    data = folder / "data"
    # The shipped stories come along (the orientation path links some of them); synthetic
    # ones make up the rest of the count.
    shutil.copytree(REPO / "data/stories", data / "stories")
    shutil.copy(REPO / "data/foundation.yml", data / "foundation.yml")
    _write_organisation(data, languages)
    _write_editions(data, languages)
    _write_orientation(data)
    value_ids = _write_values(data, rng, max(8, stories // 100))
    behaviour_ids = _write_behaviours(data, rng, max(19, stories // 50), value_ids)
    shipped = len(list((data / "stories").glob("*.yml")))
    _write_stories(data, rng, max(0, stories - shipped), value_ids, behaviour_ids)
    _write_ideas(data, rng, max(2, stories // 100), value_ids)
    return folder


def _write_organisation(data: Path, languages: tuple[str, ...]) -> None:
    organisation = yaml.safe_load((REPO / "data/organisation.yml").read_text(encoding="utf-8"))
    organisation.pop("languages", None)
    if languages:
        organisation["language"], organisation["languages"] = languages[0], list(languages)
    (data / "organisation.yml").write_text(
        yaml.safe_dump(organisation, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _write_editions(data: Path, languages: tuple[str, ...]) -> None:
    """The shipped editions, each printed in those of its languages this handbook is read
    in; one printed in none of them (the shipped Portuguese booklet) is left out."""
    shipped = yaml.safe_load((REPO / "data/editions.yml").read_text(encoding="utf-8"))
    read_in = set(languages) or {_shipped_source_language()}
    kept = []
    for edition in shipped.get("editions", []):
        if "languages" in edition:
            edition["languages"] = [name for name in edition["languages"] if name in read_in]
            if not edition["languages"]:
                continue
        kept.append(edition)
    shipped["editions"] = kept
    (data / "editions.yml").write_text(
        yaml.safe_dump(shipped, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _shipped_source_language() -> str:
    organisation = yaml.safe_load((REPO / "data/organisation.yml").read_text(encoding="utf-8"))
    return str(organisation.get("languages", [organisation.get("language", "en-GB")])[0])


def _write_orientation(data: Path) -> None:
    """The shipped orientation, reading the values where it reads the measures: a
    synthetic handbook has no measures, so that section has no page to read."""
    measures, values = {"section": "measures"}, {"section": "values"}
    orientation = yaml.safe_load((REPO / "data/orientation.yml").read_text(encoding="utf-8"))
    for field in ("steps", "role_steps"):
        for step in orientation.get(field, []):
            read = [values if reading == measures else reading for reading in step["read"]]
            step["read"] = [reading for index, reading in enumerate(read)
                            if reading not in read[:index]]
    for question in orientation.get("questions", []):
        if question.get("teaches") == measures:
            question["teaches"] = values
    (data / "orientation.yml").write_text(
        yaml.safe_dump(orientation, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _write_ideas(data: Path, rng: random.Random, count: int, values: list[str]) -> None:
    """One published idea per 100 stories (the shipped pages link the ideas page)."""
    (data / "ideas").mkdir()
    start = date(2020, 1, 1)
    for number in range(count):
        raised = start + timedelta(days=rng.randint(0, 6 * 365))
        text = "\n".join([
            f"title: {sentence(rng, 8)[:-1]} {number}",
            f"kind: {rng.choice(['idea', 'issue', 'weakness'])}",
            f"date: {raised.isoformat()}",
            "status: published",
            f"published: {(raised + timedelta(days=40)).isoformat()}",
            f"curated_by: Manager {rng.randint(1, 60)}",
            f"raised: {paragraph(rng, 3)}",
            f"changed: {paragraph(rng, 3)}",
            f"changed_on: {(raised + timedelta(days=30)).isoformat()}",
            f"values: [{rng.choice(values)}]",
        ])
        (data / "ideas" / f"idea-{number:04d}.yml").write_text(text + "\n")


def _write_values(data: Path, rng: random.Random, count: int) -> list[str]:
    shipped = (REPO / "data/values.yml").read_text()
    ids = [line.split(": ", 1)[1] for line in shipped.splitlines() if line.startswith("  - id: ")]
    lines = [shipped.rstrip()]
    for number in range(len(ids), count):
        value_id = f"value-{number:03d}"
        ids.append(value_id)
        lines += [
            f"  - id: {value_id}",
            f"    name: Value {number}",
            f"    statement: {sentence(rng, 14)}",
            f"    why: {paragraph(rng, 3)}",
            "    in_practice:",
            *(f"      - {sentence(rng, 10)}" for _ in range(3)),
        ]
    (data / "values.yml").write_text("\n".join(lines) + "\n")
    return ids


def _write_behaviours(data: Path, rng: random.Random, count: int, values: list[str]) -> list[str]:
    shipped = (REPO / "data/behaviours.yml").read_text()
    ids = [line.split(": ", 1)[1] for line in shipped.splitlines() if line.startswith("  - id: ")]
    themes = ["responsive", "focused-on-the-important", "accountable", "positive-attitude",
              "fair-to-everyone"]
    behaviour_ids = [i for i in ids if i not in themes]
    lines = [shipped.rstrip()]
    for number in range(len(behaviour_ids), count):
        behaviour_id = f"behaviour-{number:04d}"
        behaviour_ids.append(behaviour_id)
        lines += [
            f"  - id: {behaviour_id}",
            f"    name: Behaviour {number}",
            f"    theme: {rng.choice(themes)}",
            f"    audience: {rng.choice(['customers', 'coworkers', 'both'])}",
            f"    statement: {sentence(rng, 18)}",
            f"    values: [{', '.join(rng.sample(values, 2))}]",
            f"    do: [{sentence(rng, 9)}]",
            f"    dont: [{sentence(rng, 9)}]",
        ]
    (data / "behaviours.yml").write_text("\n".join(lines) + "\n")
    return behaviour_ids


def _write_stories(
    data: Path, rng: random.Random, count: int, values: list[str], behaviours: list[str]
) -> None:
    start = date(2020, 1, 1)
    for number in range(count):
        happened = start + timedelta(days=rng.randint(0, 6 * 365))
        story_values = [values[number % len(values)], rng.choice(values)]
        text = "\n".join([
            f"title: {sentence(rng, 8)[:-1]} {number}",
            f"date: {happened.isoformat()}",
            "status: published",
            f"published: {(happened + timedelta(days=9)).isoformat()}",
            f"curated_by: Manager {rng.randint(1, 60)}",
            f"featured: {'true' if number % 97 == 0 else 'false'}",
            "people:",
            f"  - name: Person {rng.randint(1, 999)}",
            f"    team: Team {rng.randint(1, 40)}",
            f"    consent: {(happened + timedelta(days=7)).isoformat()}",
            f"situation: {paragraph(rng, 4)}",
            f"action: {paragraph(rng, 8)}",
            f"outcome: {paragraph(rng, 3)}",
            f"tip: {paragraph(rng, 3)}",
            f"values: [{', '.join(dict.fromkeys(story_values))}]",
            f"behaviours: [{rng.choice(behaviours)}]",
        ])
        (data / "stories" / f"story-{number:05d}.yml").write_text(text + "\n")
