"""Reading the handbook's sources: YAML data, Markdown pages, git, mkdocs.yml, the build's date."""
