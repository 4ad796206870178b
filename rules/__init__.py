"""Shipped rule packs (YAML), installed as linter.packs."""
