"""A GitHub issue form's YAML drawn as a plain HTML page, roughly as GitHub shows it, so a
test (and a person) can look at the story form without GitHub."""

from __future__ import annotations

from html import escape
from typing import Any


def form_page(form: dict[str, Any]) -> str:
    parts = [f"<h1>{escape(form['name'])}</h1>", f"<p>{escape(form['description'])}</p>",
             '<form class="issue-form">',
             f'<label>Title <input name="title" value="{escape(form["title"])}"></label>']
    for item in form["body"]:
        attributes = item["attributes"]
        if item["type"] == "markdown":
            parts.append(f'<div class="note">{escape(attributes["value"])}</div>')
            continue
        required = " *" if item.get("validations", {}).get("required") else ""
        parts.append(f'<fieldset id="{escape(item["id"])}"><legend>'
                     f'{escape(attributes["label"])}{required}</legend>'
                     f'<p class="help">{escape(attributes.get("description", ""))}</p>')
        if item["type"] == "input":
            parts.append(f'<input name="{escape(item["id"])}">')
        elif item["type"] == "textarea":
            parts.append(f'<textarea name="{escape(item["id"])}" rows="4"></textarea>')
        else:
            parts += [f'<label class="box"><input type="checkbox"> {escape(option["label"])}'
                      "</label>" for option in attributes["options"]]
        parts.append("</fieldset>")
    style = ("body{font:15px sans-serif;max-width:46rem;margin:2rem auto}fieldset{border:0;"
             "margin:1.2rem 0;padding:0}legend{font-weight:600}.help{color:#555;margin:.2rem 0}"
             "textarea,input[name]{width:100%}.box{display:block}.note{background:#f4f6f8;"
             "padding:.6rem}")
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>'
            f'{escape(form["name"])}</title><style>{style}</style></head><body>'
            + "\n".join(parts) + "</form></body></html>")
