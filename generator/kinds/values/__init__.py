"""The organisation's values: each with its own page, and the principles under it."""
