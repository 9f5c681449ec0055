"""The foundation of the service culture: its layers, and the elements of each."""
