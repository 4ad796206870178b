"""reportlint: a linter for Chinese institutional reports.

`from linter import lint_paths, lint_text` is the Python API (linter/api.py);
it is loaded on first use, so importing the package stays cheap.
"""

__version__ = "0.1.0"

_API = ("lint_paths", "lint_text", "Violation", "InputError")


def __getattr__(name):
    if name in _API:
        from linter import api

        return getattr(api, name)
    raise AttributeError(f"module 'linter' has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + list(_API))
