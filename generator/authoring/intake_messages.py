"""What `handbook intake` writes for the people around a submission: the draft pull
request's description, with the curator's checklist, and the comment that tells the issue
what stopped it. These are read by curators and submitters on the tracker, so they name
files and commands."""

from __future__ import annotations

import re

CHECKLISTS = {
    "story": (
        "Everyone named has agreed to be named (record the day as `consent:`), or the story "
        "is anonymised",
        "The wording is plain and the four parts read well",
        "The values and behaviours fit",
        "`published:` and `curated_by:` are filled in",
    ),
    "idea": (
        "Whoever can act on it has seen it",
        "`changed:` says what we do differently now, and `changed_on:` when",
        "Anyone named has agreed (`consent:`), or only their team is given",
        "`published:` and `curated_by:` are filled in",
    ),
}
"""What a curator confirms before publishing, consent first."""


def pull_request_body(kind: str, number: str, written: str, said: str) -> str:
    """The description of the draft pull request that brings a submission in."""
    checklist = "\n".join(f"- [ ] {item}" for item in CHECKLISTS[kind])
    return (
        f"A draft {kind} from #{number}, written by `handbook new {kind} --from-issue`: "
        f"`{written}`.\n\n"
        "It is published only when a curator sets `status: published` in this pull "
        "request.\n\n"
        f"Before publishing:\n\n{checklist}\n\n"
        f"What the form said: {said}\n\n"
        f"Closes #{number}\n")


def what_the_form_said(kind: str, *, consent_given: bool, names_someone: bool) -> str:
    if kind == "story":
        return ("the submitter confirmed that everyone named agreed; ask them anyway."
                if consent_given else
                "the submitter did not confirm that everyone named agreed.")
    if consent_given and names_someone:
        return ("the submitter agreed to be thanked by name; confirm it and record the day "
                "as `consent:`.")
    return "the submitter did not ask to be named, so the draft names nobody."


def issue_comment(kind: str, problems: str) -> str:
    """The comment that tells the issue why no draft was made, and how to try again."""
    return (f"The {kind} could not be turned into a draft yet:\n\n"
            f"{fenced(problems.rstrip())}\n\n"
            f"Edit the issue to fix this, then remove and add the `approved-{kind}` label "
            "again.\n")


def fenced(text: str) -> str:
    """`text` as a code block it cannot end early. The problems quote the submitter's own
    words, which may hold backticks: the fence is longer than any run of them in the text
    (a fence closes only on one at least as long), so nothing after it turns into links,
    mentions or markup in the tracker's comment."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text}\n{fence}"
