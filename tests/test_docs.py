"""Docs and code in step: every command and every data field is documented."""

from __future__ import annotations

from generator.authoring.fielddocs import END, START, render_field_tables
from generator.cli import cli

from .helpers import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_field_tables_match_the_models() -> None:
    block = README.split(START, 1)[1].split(END, 1)[0]
    assert block == "\n" + render_field_tables(), (
        "README's field tables differ from the models: run `python -m generator.authoring.fielddocs`"
    )
    # A line break inside a table row would end the row and print the rest as a paragraph.
    assert all(line.startswith(("| ", "*", "#")) for line in block.splitlines() if line)


def test_every_command_is_in_the_readme() -> None:
    commands = []
    for name, command in cli.commands.items():
        subcommands = getattr(command, "commands", None)
        commands += [f"handbook {name} {sub}" for sub in subcommands] if subcommands else [f"handbook {name}"]
    assert commands
    for command in commands:
        assert f"`{command}" in README, f"{command} is not described in README.md"


def test_quick_start_is_two_commands_and_ci_runs_the_test_one() -> None:
    quick = README.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in quick.strip().splitlines()]
    assert commands == ["make handbook", "make test"]
    assert "make test" in (REPO / ".ci/run").read_text()


def test_readme_says_the_organisation_is_fictional() -> None:
    assert "fictional" in README.split("## Quick start")[0]
