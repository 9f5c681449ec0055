"""The questions a hand-written page answers (`answers:` in its front matter), put into the
page for the site's search: hidden, under the page's title, so a search for "who do I ask
about pay" lands on the page that says it."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

_FIRST_HEADING = re.compile(r"^#\s+.*$", re.M)


def with_answers(markdown: str, meta: Mapping[str, object]) -> str:
    questions = meta.get("answers")
    if not isinstance(questions, list) or not questions:
        return markdown  # `handbook check` says what is wrong with anything else
    text = " ".join(html.escape(str(question), quote=False) for question in questions)
    hidden = f'\n\n<p class="hb-answers" hidden>{text}</p>\n'
    heading = _FIRST_HEADING.search(markdown)
    if heading is None:
        return hidden.lstrip("\n") + "\n" + markdown
    return markdown[:heading.end()] + hidden + markdown[heading.end():]
