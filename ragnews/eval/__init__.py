"""Offline evaluation of ragnews: datasets, metrics and the evaluation runner."""
