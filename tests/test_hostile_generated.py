"""Generated hostile input, end to end: whatever names and text a pull request brings, the
tool either refuses it clearly or builds a site where none of it runs.

Hypothesis writes hostile text (markup, script, template syntax, quotes, angle brackets,
bidi controls, lookalike letters, invisible and control characters) into the organisation's
name, a value, a story and its people, and hostile names into the folder and file of a
hand-written page and the folder of a story. Each handbook is checked, built and opened in
Chromium, page by page: no dialog opens, no element carries an event handler or a
`javascript:` address, and nothing the data tried to add to a page is there.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, event, example, given, settings
from hypothesis import strategies as st

from generator.schema.common import slug_problem

from .browser import DESKTOP, serve_folder
from .commands import RunHandbook
from .helpers import make_project

MARKER = "hb-injected"
"""Every payload that adds an element marks it, so finding one is a plain query."""
PAYLOADS = [
    f"<{MARKER}>tag</{MARKER}>",
    f'<img {MARKER} src=x onerror="window.__pwned=1;alert(1)">',
    f'"><svg {MARKER} onload=alert(2)>',
    f"' autofocus onfocus='alert(3)' {MARKER}='",
    '" autofocus onfocus="alert(4)" x="',
    "</title><script>alert(5)</script>",
    "</textarea><script>alert(6)</script>",
    "[a link](javascript:alert(7))",
    f'<a {MARKER} href="javascript:alert(8)">a</a>',
    f"<details {MARKER} open ontoggle=alert(9)>x</details>",
    "{{ config.site_name }}{% raw %}{{ 7*7 }}",
    "&lt;script&gt;alert(10)&lt;/script&gt; &amp; &#60;b&#62;",
    "`<script>alert(11)</script>`",
    "<!-- a comment --> <![CDATA[ x ]]>",
]
SPICE = [
    "\u202e", "\u2066", "\u200f", "\u200b", "\u00ad",  # direction, zero-width, soft hyphen
    "\u0430", "\u03bf", "\u0422", "\uff20",  # lookalikes of a, o, T and @
    "&", '"', "'", "<", ">", "\\", "%", "#", "`", " ",
]
CONTROLS = ["", "", "", "", "\x07", "\x1b[31m", "\x00", "\ufffe"]
"""Refused wherever they are; mostly absent, so that most handbooks get as far as a build."""
WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzÉéßøçñ", min_size=1, max_size=8)

hostile_text = st.lists(st.one_of(st.sampled_from(PAYLOADS), st.sampled_from(SPICE), WORDS),
                        min_size=1, max_size=6).map(lambda parts: "A " + " ".join(parts))
# A name on disk cannot hold "/" or NUL; everything else can.
hostile_name = st.lists(
    st.one_of(st.sampled_from([p.replace("/", "") for p in PAYLOADS]),
              st.sampled_from(SPICE), WORDS),
    min_size=1, max_size=3,
).map(lambda parts: "".join(parts)[:100].strip(". ") or "x")


def _set_yaml_line(path: Path, key: str, value: str, *, occurrence_of: str | None = None) -> None:
    """Give the first line starting with `key:` (after `occurrence_of`) a new value."""
    text = path.read_text(encoding="utf-8")
    start = text.index(occurrence_of) if occurrence_of else 0
    begin = text.index(f"{key}: ", start)
    end = text.index("\n", begin)
    # A JSON string is a YAML string: quotes, backslashes and controls come out escaped.
    new = f"{key}: {json.dumps(value, ensure_ascii=False)}"
    path.write_text(text[:begin] + new + text[end:], encoding="utf-8")


def _make_hostile_project(where: Path, text: list[str], control: str, page_folder: str,
                          page_name: str, story_folder: str) -> Path:
    project = make_project(where)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      data_dir: data\n", "      data_dir: data\n      pdf: false\n"), encoding="utf-8")
    organisation = project / "data/organisation.yml"
    _set_yaml_line(organisation, "name", text[0])
    with organisation.open("a", encoding="utf-8") as settings_file:  # canonical links too
        settings_file.write("site_url: https://handbook.example.org/\n")
    _set_yaml_line(project / "data/values.yml", "name", text[1], occurrence_of="- id:")
    _set_yaml_line(project / "data/values.yml", "statement", text[2])
    story = project / "data/stories/signed-copy-found.yml"
    _set_yaml_line(story, "title", text[3])
    _set_yaml_line(story, "situation", text[4] + control + " and then some more words")
    _set_yaml_line(story, "team", text[5])
    moved = project / "data/stories" / story_folder
    moved.mkdir(parents=True, exist_ok=True)
    shutil.move(story, moved / story.name)
    page = project / "handbook" / page_folder / f"{page_name}.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    # Its text is the editor's own Markdown, where HTML is allowed: only its name is hostile.
    page.write_text("# A page\n\nA page with an odd name.\n", encoding="utf-8")
    return project


FIND_WHAT_RUNS = f"""() => {{
    const all = [...document.querySelectorAll('*')];
    return {{
        handlers: all.flatMap(el => [...el.attributes].filter(a => /^on/i.test(a.name))
                                          .map(a => el.tagName + ' ' + a.name)),
        injected: document.querySelectorAll('{MARKER}, [{MARKER}]').length,
        scripted_links: all.filter(el => /^\\s*javascript:/i.test(
            el.getAttribute('href') || el.getAttribute('src') || '')).length,
        pwned: window.__pwned === undefined ? null : String(window.__pwned),
    }};
}}"""


def _open_every_page(browser: Any, site: Path) -> list[str]:
    """What ran or was injected, page by page; empty when nothing was."""
    found: list[str] = []
    with serve_folder(site) as url:
        context = browser.new_context(viewport=DESKTOP)
        page = context.new_page()
        page.on("dialog", lambda dialog: (found.append(f"dialog: {dialog.message}"),
                                          dialog.dismiss()))
        for html in sorted(site.rglob("*.html")):
            address = url + html.relative_to(site).as_posix()
            page.goto(address, wait_until="load")
            page.mouse.move(300, 300)
            page.keyboard.press("Tab")  # focus wakes autofocus/onfocus tricks, if any got in
            seen = page.evaluate(FIND_WHAT_RUNS)
            if seen["handlers"] or seen["injected"] or seen["scripted_links"] or seen["pwned"]:
                found.append(f"{html.relative_to(site)}: {seen}")
        context.close()
    return found


# Derandomized: the same handbooks on every run and every day. Not shrunk: each example is
# a build and a browser session, and the failing example is printed whole all the same.
@settings(max_examples=12, deadline=None, database=None, derandomize=True,
          phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
@given(text=st.lists(hostile_text, min_size=6, max_size=6), control=st.sampled_from(CONTROLS),
       page_folder=hostile_name, page_name=hostile_name,
       story_folder=st.one_of(hostile_name, st.just("2026")))
@example(  # every payload at once, in names that build: the site is always opened
    text=[" ".join(["A", *PAYLOADS, *SPICE])[:290]] * 6, control="",
    page_folder=PAYLOADS[1].replace("/", ""), page_name=PAYLOADS[2], story_folder="2026",
)
def test_hostile_names_and_text_never_run_in_the_browser(
        browser: Any, run_handbook: RunHandbook, text: list[str], control: str,
        page_folder: str, page_name: str, story_folder: str,
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        project = _make_hostile_project(Path(folder) / "project", text, control, page_folder,
                                        page_name, story_folder)
        checked = run_handbook(project, "check")
        assert "Traceback" not in checked.stderr
        if checked.returncode != 0:
            # Refused: clearly, with the file it is about, and nothing was built.
            assert checked.returncode == 1 and checked.stderr.startswith("Error: ")
            assert "data/" in checked.stderr or "handbook/" in checked.stderr
            if slug_problem(story_folder) is not None:
                assert "the folder name cannot hold stories" in checked.stderr
            assert not (project / "site").exists()
            event("refused by check")
            return
        event("built and opened in Chromium")
        built = run_handbook(project, "build", "--no-strict")
        assert built.returncode == 0, built.stderr
        assert _open_every_page(browser, project / "site") == []
