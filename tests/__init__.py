"""ragnews tests."""
