"""The `handbook` command: one module per group of commands, all on the group in app.py.

`app.py`: the group, its shared options and error reporting; `data.py`: check, report,
schema, new story; `building.py`: build, serve, pdf; `starting.py`: init;
`intake.py`: forms, and stories from submitted forms; `translating.py`: translations
update.
"""

from . import building, data, intake, starting, translating  # noqa: F401  (each registers its commands on the group)
from .app import cli, main

__all__ = ["cli", "main"]
