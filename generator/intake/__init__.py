"""The ways colleagues share a story or an idea: the issue forms and the e-mail fallback."""
