"""`data/organisation.yml`: who the handbook belongs to and where it is published."""

from __future__ import annotations

from pydantic import Field

from .common import DataModel, Line, PathInProject, Text, WebAddress


class Organisation(DataModel):

    name: Line
    """The organisation's name, as readers know it (`Bramblecote Cycles`)."""
    handbook_title: Line | None = None
    """The handbook's title in the site header and on PDF covers; default `<name> handbook`."""
    tagline: Text
    """One sentence under the title on the home page: what the organisation is for."""
    site_url: WebAddress | None = None
    """Where the handbook is published (`https://handbook.example.org/`); used for links."""
    repository_url: WebAddress | None = None
    """The git repository holding this handbook; enables "edit this page" links."""
    branch: PathInProject = "main"
    """The branch edits are proposed against; used by the "edit this page" links."""
    logo: PathInProject | None = None
    """Path of a logo image inside `handbook/` (for example `assets/logo.svg`); optional."""
    language: Line = Field(default="en", pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$")
    """Language code of the handbook's text (`en`, `en-GB`, `pt`)."""
    copyright: Line | None = None
    """Footer notice such as `© 2026 Bramblecote Cycles`; optional."""

    @property
    def title(self) -> str:
        return self.handbook_title or f"{self.name} handbook"
