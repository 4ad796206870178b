"""reportlint: a linter for Chinese institutional reports."""

__version__ = "0.1.0"
