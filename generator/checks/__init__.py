"""Loading the data folder and checking it: validation, references, the stories' rules."""
