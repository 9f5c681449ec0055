"""The behaviour expected toward customers and coworkers, by theme."""
