"""Service measures and what customer feedback taught: a page per measure."""
