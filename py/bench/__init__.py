"""The speed benchmark: ``python3 py/make.py bench`` (see run.py and README's "Speed")."""
