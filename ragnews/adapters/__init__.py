"""Adapters: the only modules that import chromadb, openai or llama-index."""
