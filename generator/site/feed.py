"""An Atom feed of newly published stories, for feed readers and chat integrations.

Entry ids never change once published: they are made from the organisation's name and
the story's id alone, not from the site's address, so setting or moving `site_url` does
not make readers show every story again. Times are the publishing dates, so the feed is
the same for the same data. A handbook with no stories yet still has its (empty) feed,
so readers can follow it from the first day.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from xml.etree import ElementTree as ET

from ..kinds import VALUE
from ..kinds.stories.kind import Story
from ..model import links
from ..model.handbook import Handbook

ATOM = "http://www.w3.org/2005/Atom"
FEED_ENTRIES = 50
"""The newest stories in the feed; readers keep what they have already fetched."""


def atom_feed(handbook: Handbook) -> str:
    org = handbook.organisation
    site = (org.site_url or "").rstrip("/")
    stories = [s for s in handbook.published if s.published is not None][:FEED_ENTRIES]
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "id", _feed_id(org.name))
    _text(feed, "title", handbook.words("feed.title", handbook=org.title))
    _text(feed, "subtitle", handbook.words("feed.subtitle"))
    _text(feed, "updated", _timestamp(stories[0].published if stories else None))
    _link(feed, _url(site, links.FEED), "self", "application/atom+xml")
    _link(feed, _url(site, links.STORIES), "alternate", "text/html")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", org.name)
    for story in stories:
        _entry(feed, story, site, handbook)
    ET.indent(feed)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def _entry(feed: ET.Element, story: Story, site: str, handbook: Handbook) -> None:
    entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
    _text(entry, "id", _entry_id(story, handbook.organisation.name))
    _text(entry, "title", story.title)
    _text(entry, "published", _timestamp(story.published))
    _text(entry, "updated", _timestamp(story.published))
    _link(entry, _url(site, links.story_page(story.id)), "alternate", "text/html")
    for value_id in story.values:
        ET.SubElement(entry, f"{{{ATOM}}}category", term=value_id,
                      label=handbook.entry(VALUE, value_id).name)
    _text(entry, "summary", " ".join(story.situation.split()))
    body = "\n\n".join([
        ", ".join(story.shown_people), story.situation, story.action, story.outcome,
        handbook.words("feed.tip", tip=story.tip),
    ])
    content = _text(entry, "content", body)
    content.set("type", "text")


def _text(parent: ET.Element, name: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{name}")
    element.text = text
    return element


def _link(parent: ET.Element, href: str, rel: str, media_type: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}link", href=href, rel=rel, type=media_type)


def _url(site: str, docs_path: str) -> str:
    """An absolute address when the site's address is known; else one relative to the feed."""
    path = docs_path if docs_path.endswith(".xml") else links.url_of(docs_path)
    if site:
        return f"{site}/{path}"
    return "../" * links.FEED.count("/") + path


def _feed_id(organisation: str) -> str:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"handbook:{organisation}:stories").urn


def _entry_id(story: Story, organisation: str) -> str:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"handbook:{organisation}:story:{story.id}").urn


def _timestamp(day: date | None) -> str:
    when = datetime(day.year, day.month, day.day, tzinfo=UTC) if day else datetime(
        2000, 1, 1, tzinfo=UTC)
    return when.isoformat().replace("+00:00", "Z")
