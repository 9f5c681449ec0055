"""The forms colleagues fill in without git (a story, an idea): what each asks, written out
as a GitHub issue form and a GitLab issue template (`handbook forms`), and read back from a
submitted issue (`handbook new story|idea --from-issue`, see issue_body.py).

One list of questions per form drives all three, so the form, the template and the parser
cannot disagree; the value and behaviour choices come from the data, and a test fails when
the committed forms lag behind it (`handbook forms --check`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import quote

import yaml

from ..model.handbook import Handbook

APPROVED_LABEL = "approved-story"
"""The label a curator gives a submitted story to have it turned into a pull request."""


@dataclass(frozen=True)
class Question:
    id: str
    label: str
    """The heading GitHub prints above the answer (`### What happened`)."""
    kind: str
    """`input`, `textarea` or `checkboxes` (as GitHub's issue forms name them)."""
    help: str
    required: bool = True
    choices: tuple[str, ...] = ()
    """A checkbox question's boxes; for `values` and `behaviours`, the data's own."""


CONSENT_OPTION = "Everyone I name has agreed to be named in the handbook."
IDEA_KINDS = {
    "idea": "An idea to try",
    "issue": "Something going wrong",
    "weakness": "Something we do less well than we should",
}
"""An idea's `kind`, as the idea form offers it."""


@dataclass(frozen=True)
class Form:
    """One form colleagues fill in without git, and what becomes of a submission."""

    kind: str
    """What it submits, as `handbook new <kind> --from-issue` names it: `story`, `idea`."""
    name: str
    description: str
    title: str
    """The issue title it starts with (`Story: `)."""
    intro: str
    """The words above the questions; `{organisation}` is the organisation's name."""
    questions: tuple[Question, ...]
    github_path: str
    gitlab_path: str
    marker: str
    """Written on a line of its own in a hand-written page, it is replaced by the ways to
    use the form: its link, e-mail, and who curates (site and print)."""
    submitted_label: str
    approved_label: str
    """The label a curator gives a submission to have it turned into a pull request."""
    words: str
    """Its group of the wording catalogue (`share`): the buttons' and print's words."""

    def question(self, question_id: str) -> Question:
        return next(question for question in self.questions if question.id == question_id)


STORY_FORM = Form(
    "story", "Share a service story",
    "Tell us about a colleague who did it right, for the handbook.", "Story: ",
    "Thank you for sharing a story about service at {organisation}. Tell it plainly, as you "
    "would over a coffee: the curator helps with the wording, checks with the people you "
    "name, and nothing is published until they have agreed.",
    (
        Question("headline", "Headline", "input",
                 "One line that says what happened, like: A late order delivered by hand "
                 "before closing."),
        Question("situation", "What happened", "textarea",
                 "What did the customer or colleague need, and what made it hard?"),
        Question("action", "What they did", "textarea",
                 "What did the people you want to recognise do, step by step?"),
        Question("outcome", "What came of it", "textarea",
                 "What came of it, for the customer and for us?"),
        Question("tip", "A tip for colleagues", "textarea",
                 "What should a colleague who meets something like this know?",
                 required=False),
        Question("people", "Who should be recognised", "textarea",
                 "One person a line: their name, a comma, then their team. Like: Sam Taylor, "
                 "Customer service"),
        Question("consent", "Have they agreed?", "checkboxes",
                 "Nobody is named in the handbook without agreeing to it. The curator asks "
                 "them too.", required=False, choices=(CONSENT_OPTION,)),
        Question("date", "When it happened", "input",
                 "The day, as YYYY-MM-DD, if you know it.", required=False),
        Question("values", "Values it shows", "checkboxes", "Tick every value the story shows."),
        Question("behaviours", "Behaviours it shows", "checkboxes",
                 "Tick any behaviour the story shows.", required=False),
    ),
    ".github/ISSUE_TEMPLATE/share-a-story.yml", ".gitlab/issue_templates/Share a story.md",
    "<!-- handbook: share a story -->", "story", APPROVED_LABEL, "share",
)
IDEA_CONSENT = "I agree to be thanked by name on the ideas page."
IDEA_FORM = Form(
    "idea", "Raise an idea or an issue",
    "An idea to try, something going wrong, or something we do less well: the door is open.",
    "Idea: ",
    "Thank you for speaking up about how we work at {organisation}. Ideas, problems and "
    "weaknesses are all welcome, small or large. The curator passes it to whoever can act "
    "on it, and what changes is shown on the ideas page.",
    (
        Question("headline", "In a line", "input",
                 "What you suggest or what is wrong, in one line, like: Label the spare parts "
                 "shelves by colour."),
        Question("kind", "What is it?", "checkboxes", "Tick one.",
                 choices=tuple(IDEA_KINDS.values())),
        Question("raised", "Tell us more", "textarea",
                 "What you noticed or suggest, and why it matters for customers or colleagues."),
        Question("people", "Your name and team", "textarea",
                 "To be thanked by name: your name, a comma, then your team, like: Sam "
                 "Taylor, Customer service. Leave it empty to stay unnamed.", required=False),
        Question("consent", "May we name you?", "checkboxes",
                 "You are named only if you tick this.", required=False,
                 choices=(IDEA_CONSENT,)),
        Question("values", "Values it serves", "checkboxes", "Tick any that fit.",
                 required=False),
    ),
    ".github/ISSUE_TEMPLATE/raise-an-idea.yml", ".gitlab/issue_templates/Raise an idea.md",
    "<!-- handbook: share an idea -->", "idea", "approved-idea", "share idea",
)
FORMS = (STORY_FORM, IDEA_FORM)
# The story form's parts, by the names the story pages and tests know them.
GITHUB_FORM = STORY_FORM.github_path
GITLAB_TEMPLATE = STORY_FORM.gitlab_path
SHARE_MARKER = STORY_FORM.marker
QUESTIONS = STORY_FORM.questions


def options(handbook: Handbook, question: Question) -> list[str]:
    """The boxes a checkbox question offers: the data's values or behaviours by name."""
    if question.id == "values":
        return [value.name for value in handbook.values]
    if question.id == "behaviours":
        return [behaviour.name for behaviour in handbook.behaviours]
    return list(question.choices)


def written_forms(handbook: Handbook) -> dict[str, str]:
    """Every form's files, by their path in the repository: what `handbook forms` writes."""
    return {path: text for form in FORMS for path, text in (
        (form.github_path, github_form(handbook, form)),
        (form.gitlab_path, plain_template(handbook, form)))}


def github_form(handbook: Handbook, form: Form = STORY_FORM) -> str:
    """The GitHub issue form (docs.github.com: syntax for issue forms), as YAML."""
    body: list[dict[str, object]] = [{"type": "markdown", "attributes": {
        "value": form.intro.format(organisation=handbook.organisation.name)}}]
    for question in form.questions:
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
    written = {
        "name": form.name,
        "description": form.description,
        "title": form.title,
        "labels": [form.submitted_label],
        "body": body,
    }
    return _generated("#") + yaml.safe_dump(written, sort_keys=False, allow_unicode=True,
                                            width=100)


def plain_template(handbook: Handbook, form: Form = STORY_FORM) -> str:
    """The same questions as a Markdown text: GitLab's issue template, and the layout of an
    e-mail the curator can convert the same way."""
    parts = [_generated_html()]
    for question in form.questions:
        parts.append(f"### {question.label}\n\n<!-- {question.help} -->\n")
        if question.kind == "checkboxes":
            parts.append("\n".join(f"- [ ] {option}" for option in options(handbook, question))
                         + "\n")
        else:
            parts.append("_No response_\n")
    return "\n".join(parts) + f"\n/label ~{form.submitted_label}\n"


def _generated(comment: str) -> str:
    return (f"{comment} Written by `handbook forms` from data/: edit the data and run it again,\n"
            f"{comment} not this file (a test fails when it lags behind the data).\n")


def _generated_html() -> str:
    return "<!-- Written by `handbook forms` from data/: run it again after editing the data. -->\n"


def form_address(handbook: Handbook, form: Form = STORY_FORM, *,
                 to_type: bool = False) -> str | None:
    """Where a form is filled in: the story form's `story_form_url` (the idea form's
    `idea_form_url`), or the form of the repository's issue tracker on GitHub or GitLab.
    `to_type`: an address for print, where a reader types it: the tracker's page of forms,
    whose address names no file."""
    org = handbook.organisation
    own = org.story_form_url if form is STORY_FORM else org.idea_form_url
    if own:
        return own
    repository = (org.repository_url or "").rstrip("/").removesuffix(".git")
    if repository.startswith("https://github.com/"):
        return f"{repository}/issues/new" + (
            "/choose" if to_type else f"?template={PurePosixPath(form.github_path).name}")
    if repository.startswith("https://gitlab.com/"):
        template = quote(PurePosixPath(form.gitlab_path).stem)
        return f"{repository}/-/issues/new" + (
            "" if to_type else f"?issuable_template={template}")
    return None


MAIL_INSTRUCTION = ("Write your answers under the questions. To tick a box, put an x "
                    "between its brackets: [x]")


def mail_body(handbook: Handbook, form: Form = STORY_FORM) -> str:
    """The form's questions as a plain-text e-mail, which is what the page asks for: each
    question on a line of its own (`Headline:`), its help in brackets below it, room for
    the answer, and a checkbox question's boxes as `[ ] Respect`. `handbook new <kind>
    --from-issue` reads the answers back (authoring/issue_body.py knows this layout too)."""
    parts = [MAIL_INSTRUCTION, ""]
    for question in form.questions:
        parts += [mail_label(question), f"({question.help})"]
        if question.kind == "checkboxes":
            parts += [f"[ ] {option}" for option in options(handbook, question)]
            parts.append("")
        else:
            parts += ["", ""]
    return "\n".join(parts).rstrip() + "\n"


def mail_label(question: Question) -> str:
    """A question as the e-mail asks it: its label, with a colon unless it asks already."""
    return question.label if question.label.endswith(("?", ":")) else f"{question.label}:"


def mail_address(handbook: Handbook, form: Form = STORY_FORM) -> str | None:
    """A `mailto:` address that opens an e-mail holding the form's questions (mail_body)."""
    email = handbook.organisation.story_email
    if not email:
        return None
    body = mail_body(handbook, form)
    return f"mailto:{email}?subject={quote(form.title)}&body={quote(body)}"
