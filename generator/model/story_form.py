"""The story form colleagues fill in without git: what it asks, written out as a GitHub issue
form and a GitLab issue template (`handbook forms`), and read back from a submitted issue
(`handbook new story --from-issue`, see issue_body.py).

One list of questions drives all three, so the form, the template and the parser cannot
disagree; the value and behaviour choices come from the data, and a test fails when the
committed forms lag behind it (`handbook forms --check`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import quote

import yaml

from .handbook import Handbook

GITHUB_FORM = ".github/ISSUE_TEMPLATE/share-a-story.yml"
GITLAB_TEMPLATE = ".gitlab/issue_templates/Share a story.md"
SHARE_MARKER = "<!-- handbook: share a story -->"
"""Written on a line of its own in a hand-written page (the "Share a story" page), it is
replaced by the ways to share one: the form, e-mail, and who curates (site and print)."""
APPROVED_LABEL = "approved-story"
"""The label a curator gives a submitted story to have it turned into a pull request."""
SUBMITTED_LABEL = "story"


@dataclass(frozen=True)
class Question:
    id: str
    label: str
    """The heading GitHub prints above the answer (`### What happened`)."""
    kind: str
    """`input`, `textarea` or `checkboxes` (as GitHub's issue forms name them)."""
    help: str
    required: bool = True


QUESTIONS = (
    Question("headline", "Headline", "input",
             "One line that says what happened, like: A wheel rebuilt before the coast ride."),
    Question("situation", "What happened", "textarea",
             "What did the customer or colleague need, and what made it hard?"),
    Question("action", "What they did", "textarea",
             "What did the people you want to recognise do, step by step?"),
    Question("outcome", "What came of it", "textarea",
             "What came of it, for the customer and for us?"),
    Question("tip", "A tip for colleagues", "textarea",
             "What should a colleague who meets something like this know?", required=False),
    Question("people", "Who should be recognised", "textarea",
             "One person a line: their name, a comma, then their team. Like: Amara Okafor, "
             "Leeds workshop"),
    Question("consent", "Have they agreed?", "checkboxes",
             "Nobody is named in the handbook without agreeing to it. The curator asks them "
             "too.", required=False),
    Question("date", "When it happened", "input",
             "The day, as YYYY-MM-DD, if you know it.", required=False),
    Question("values", "Values it shows", "checkboxes", "Tick every value the story shows."),
    Question("behaviours", "Behaviours it shows", "checkboxes",
             "Tick any behaviour the story shows.", required=False),
)
CONSENT_OPTION = "Everyone I name has agreed to be named in the handbook."


def options(handbook: Handbook, question: Question) -> list[str]:
    """The boxes a checkbox question offers: the data's values or behaviours by name."""
    if question.id == "values":
        return [value.name for value in handbook.values]
    if question.id == "behaviours":
        return [behaviour.name for behaviour in handbook.behaviours]
    if question.id == "consent":
        return [CONSENT_OPTION]
    return []


def github_form(handbook: Handbook) -> str:
    """The GitHub issue form (docs.github.com: syntax for issue forms), as YAML."""
    org = handbook.organisation
    body: list[dict[str, object]] = [{"type": "markdown", "attributes": {"value": (
        f"Thank you for sharing a story about service at {org.name}. Tell it plainly, as you "
        "would over a coffee: the curator helps with the wording, checks with the people "
        "you name, and nothing is published until they have agreed.")}}]
    for question in QUESTIONS:
        attributes: dict[str, object] = {"label": question.label,
                                         "description": question.help}
        if question.kind == "checkboxes":
            attributes["options"] = [{"label": option}
                                     for option in options(handbook, question)]
        item: dict[str, object] = {"type": question.kind, "id": question.id,
                                   "attributes": attributes}
        if question.required and question.kind != "checkboxes":
            item["validations"] = {"required": True}
        body.append(item)
    form = {
        "name": "Share a service story",
        "description": "Tell us about a colleague who did it right, for the handbook.",
        "title": "Story: ",
        "labels": [SUBMITTED_LABEL],
        "body": body,
    }
    return _generated("#") + yaml.safe_dump(form, sort_keys=False, allow_unicode=True,
                                            width=100)


def plain_template(handbook: Handbook) -> str:
    """The same questions as a Markdown text: GitLab's issue template, and the layout of an
    e-mail the curator can convert the same way."""
    parts = [_generated_html()]
    for question in QUESTIONS:
        parts.append(f"### {question.label}\n\n<!-- {question.help} -->\n")
        if question.kind == "checkboxes":
            parts.append("\n".join(f"- [ ] {option}" for option in options(handbook, question))
                         + "\n")
        else:
            parts.append("_No response_\n")
    return "\n".join(parts) + f"\n/label ~{SUBMITTED_LABEL}\n"


def _generated(comment: str) -> str:
    return (f"{comment} Written by `handbook forms` from data/: edit the data and run it again,\n"
            f"{comment} not this file (a test fails when it lags behind the data).\n")


def _generated_html() -> str:
    return "<!-- Written by `handbook forms` from data/: run it again after editing the data. -->\n"


def form_address(handbook: Handbook, *, to_type: bool = False) -> str | None:
    """Where the story form is filled in: `story_form_url`, or the form of the repository's
    issue tracker on GitHub or GitLab. `to_type`: an address for print, where a reader
    types it: the tracker's page of forms, whose address names no file."""
    org = handbook.organisation
    if org.story_form_url:
        return org.story_form_url
    repository = (org.repository_url or "").rstrip("/").removesuffix(".git")
    if repository.startswith("https://github.com/"):
        return f"{repository}/issues/new" + (
            "/choose" if to_type else f"?template={PurePosixPath(GITHUB_FORM).name}")
    if repository.startswith("https://gitlab.com/"):
        template = quote(PurePosixPath(GITLAB_TEMPLATE).stem)
        return f"{repository}/-/issues/new" + (
            "" if to_type else f"?issuable_template={template}")
    return None


def mail_address(handbook: Handbook) -> str | None:
    """A `mailto:` address that opens an e-mail holding the form's questions, laid out so
    that `handbook new story --from-issue` reads the answers back."""
    email = handbook.organisation.story_email
    if not email:
        return None
    body = re.sub(r"<!--.*?-->\n?", "", plain_template(handbook), flags=re.S)
    body = body.replace("_No response_", "").replace(f"/label ~{SUBMITTED_LABEL}\n", "")
    body = re.sub(r"\n{3,}", "\n\n", body).strip() + "\n"
    return f"mailto:{email}?subject={quote('Story: ')}&body={quote(body)}"
