"""The per-user cache folder (~/.cache/reportlint, or $REPORTLINT_CACHE_DIR):
data that is slow to rebuild and a pure function of its key. Anything in it
may be missing, stale or corrupt; readers fall back to the slow path."""

import os
from pathlib import Path


def folder() -> Path:
    custom = os.environ.get("REPORTLINT_CACHE_DIR")
    if custom:
        return Path(custom)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "reportlint"
