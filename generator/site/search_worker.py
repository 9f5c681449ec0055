"""The site's search, made to answer questions: Material's own engine, started by a small
worker of the handbook's that passes on each question as the words that would answer it.

Why it is needed: Material adds a trailing wildcard to every word typed, and lunr runs no
stemmer or stop-word list on a word with a wildcard. So "emails" found no page about email
and "I", "do" or "about" each matched every word that starts with them: a question's filler
outweighed its point, and "who do I ask about pay" ranked the contacts 20th of 22. The
index now holds its words stemmed (search_index.py); the worker drops the stop words of the
question and stems the rest, with the stemmer and stop words of the site's search language,
before the engine sees it. The wildcard still finds a word being typed ("escal"). Results
come back with the words as typed, so "Missing: ..." and the suggestions never show a stem.
A query in lunr's own syntax (`+word`, `"a phrase"`, `title:word`) is passed on untouched.

The worker is written into the build beside Material's (whose file name carries a hash
of its version), and each page's settings name it instead of Material's.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

SEARCH_WORKER = "assets/javascripts/workers/handbook-search.js"
"""Beside Material's worker, whose own files (the stemmers) it finds relative to itself."""
_ENGINE = re.compile(r"assets/javascripts/workers/(search\.[0-9a-f]+\.min\.js)")
_SOURCE = Path(__file__).with_name("search_worker.js")


def search_worker_file(config: MkDocsConfig, files: Files) -> File:
    """The handbook's worker, naming Material's worker of this build."""
    engines = [match.group(1) for file in files
               if (match := _ENGINE.fullmatch(file.src_uri)) is not None]
    if len(engines) != 1:  # a Material release that moved its worker: say so, loudly
        raise PluginError(f"expected one search worker of the theme under "
                          f"assets/javascripts/workers/, found {len(engines)}")
    script = _SOURCE.read_text(encoding="utf-8").replace("__ENGINE__", engines[0])
    return File.generated(config, SEARCH_WORKER, content=script)
