"""The per-user cache folder (~/.cache/reportlint, or $REPORTLINT_CACHE_DIR):
data that is slow to rebuild and a pure function of its key. Anything in it
may be missing, stale or corrupt; readers fall back to the slow path.

An entry is named `<kind>.<key><suffix>`; writing one removes the other
entries of its kind, so the folder holds one per kind (the current key), not
one per jieba installation ever used."""

import os
import tempfile
from pathlib import Path


def folder() -> Path:
    custom = os.environ.get("REPORTLINT_CACHE_DIR")
    if custom:
        return Path(custom)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "reportlint"


def entry(kind: str, key: str, suffix: str) -> Path:
    return folder() / f"{kind}.{key}{suffix}"


def write(kind: str, key: str, suffix: str, data: bytes) -> None:
    """Write an entry atomically and drop the entries of its kind with other keys."""
    path = entry(kind, key, suffix)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as handle:
            handle.write(data)
        os.replace(handle.name, path)
        for old in path.parent.glob(f"{kind}.*{suffix}"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home only costs speed
