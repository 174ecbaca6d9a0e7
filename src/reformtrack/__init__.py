"""reformtrack: run a district reform plan from document to results."""

__version__ = "0.1.0"
