"""What the data said at earlier commits, read from git, and what changed since."""
