"""Module 6, Regression: one file of templates per exercise set."""
