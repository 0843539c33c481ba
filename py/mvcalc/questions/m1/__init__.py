"""Module 1, What is calculus?: one file of templates per exercise set."""
