"""Recognition stories: one file each, drafted, published and retired."""
