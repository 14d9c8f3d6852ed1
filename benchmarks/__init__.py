"""Evaluation and benchmark scripts for ragnews."""
