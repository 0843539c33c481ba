"""Module 4: Taylor series and linearisation."""
