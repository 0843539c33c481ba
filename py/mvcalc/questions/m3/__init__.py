"""Module 3, The multivariate chain rule and neural networks: one file of templates per exercise set."""
