"""The ways to use a form colleagues fill in without git, where a page asks for them (a
form's marker, or the ideas page): the form, an e-mail with the form's questions, and who
curates. A colleague is never sent to the command line or to git."""

from __future__ import annotations

from ..intake.forms import FORMS, STORY_FORM, Form, form_address, mail_address
from ..model.handbook import Handbook
from ..text import inline


def with_share_block(markdown: str, handbook: Handbook) -> str:
    for form in FORMS:
        if form.marker in markdown:
            markdown = markdown.replace(form.marker, share_block(handbook, form))
    return markdown


def share_block(handbook: Handbook, form: Form = STORY_FORM) -> str:
    def say(key: str, **fields: str) -> str:  # the form's own wording (`share.form`)
        return handbook.words(f"{form.words}.{key}", **fields)

    address, mail = form_address(handbook, form), mail_address(handbook, form)
    buttons = []
    if address:
        buttons.append(f"[{say('form')}]({address}){{ .md-button .md-button--primary }}")
    if mail:
        buttons.append(f"[{say('email')}](<{mail}>){{ .md-button }}")
    curator = handbook.organisation.story_curator
    lines = ['<div class="hb-share" markdown>', ""]
    if buttons:
        lines += [" ".join(buttons), ""]
    if curator:
        lines += [inline(say("curator", curator=curator)), ""]
    return "\n".join([*lines, "</div>"]) if len(lines) > 2 else ""

