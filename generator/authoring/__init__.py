"""Helping editors write data: new-story scaffolding and prompts, editor schemas, field docs."""
