"""The ways to share a story, where a hand-written page asks for them (SHARE_MARKER): the
story form, an e-mail with the form's questions, and who curates. A colleague is never
sent to the command line or to git."""

from __future__ import annotations

from ..model.handbook import Handbook
from ..model.story_form import SHARE_MARKER, form_address, mail_address
from ..text import inline


def with_share_block(markdown: str, handbook: Handbook) -> str:
    if SHARE_MARKER not in markdown:
        return markdown
    return markdown.replace(SHARE_MARKER, share_block(handbook))


def share_block(handbook: Handbook) -> str:
    words = handbook.words
    form, mail = form_address(handbook), mail_address(handbook)
    buttons = []
    if form:
        buttons.append(f"[{words('share.form')}]({form}){{ .md-button .md-button--primary }}")
    if mail:
        buttons.append(f"[{words('share.email')}](<{mail}>){{ .md-button }}")
    curator = handbook.organisation.story_curator
    lines = ['<div class="hb-share" markdown>', ""]
    if buttons:
        lines += [" ".join(buttons), ""]
    if curator:
        lines += [inline(words("share.curator", curator=curator)), ""]
    return "\n".join([*lines, "</div>"]) if len(lines) > 2 else ""
