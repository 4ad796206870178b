"""Shared fact extraction: one module per kind of fact, computed once per document."""
