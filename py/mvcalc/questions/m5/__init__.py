"""Module 5 exercise sets: Newton-Raphson, checking it, Lagrange multipliers, scenarios."""
