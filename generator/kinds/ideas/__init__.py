"""Ideas, issues and weaknesses colleagues raised, and what changed because of them."""
