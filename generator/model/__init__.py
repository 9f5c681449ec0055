"""The handbook in memory and where each entry lives on the site: pure functions, no I/O."""
