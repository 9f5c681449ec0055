"""The handbook as Markdown pages for MkDocs: which pages exist, and their text."""
