"""The handbook as Markdown pages for MkDocs: which pages exist, and their text.

Modules here import `mkdocs`, which is MkDocs or, where that is what is installed,
ProperDocs answering under MkDocs' name (engine.py). The engine must be chosen before the
first such import, so importing this package chooses it: no command can reach `mkdocs`
another way round.
"""

from .engine import engine as _choose_engine

_choose_engine()
