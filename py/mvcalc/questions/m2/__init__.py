"""Module 2, Multivariate calculus: one file of templates per exercise set."""
