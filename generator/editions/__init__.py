"""Printable PDF editions: planned from the handbook model, laid out by WeasyPrint.

plan.py decides what an edition holds; markdown_pages.py renders hand-written pages as
MkDocs would; document.py writes the print HTML from templates; pdf.py turns it into a
PDF; build.py runs the steps for one or all editions, with progress and safe writing.
"""
