"""Checking the data: validation problems, references between entries, the stories' rules."""
