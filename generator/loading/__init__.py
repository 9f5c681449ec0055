"""Reading the data folder into a checked Handbook: parse, validate, check, remember."""
