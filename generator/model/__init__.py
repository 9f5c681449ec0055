"""The handbook in memory, where each entry lives on the site, and its history (pure functions)."""
