"""The culture handbook generator: YAML data in, a MkDocs Material site and PDF editions out.

Start at loader.py (data -> Handbook), then site/ (pages) and editions/ (PDFs); plugin.py
and cli.py are the thin adapters people run.
"""
