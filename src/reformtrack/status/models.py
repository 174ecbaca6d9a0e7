"""Models of the status app."""
