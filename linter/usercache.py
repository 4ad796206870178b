"""The per-user cache folder (~/.cache/reportlint, or $REPORTLINT_CACHE_DIR):
data that is slow to rebuild and a pure function of its key. Anything in it
may be missing, stale or corrupt; readers fall back to the slow path.

An entry is named `<kind>.<key><suffix>`; writing one removes all but the
newest few other entries of its kind, so the folder holds one per jieba
installation in use (a project's virtual environment and pre-commit's own
each have one), not one per installation ever used. Entries derived from an
installed file (jieba's dictionary) are keyed on its content (`content_key`),
so installations of the same version share them."""

import os
from pathlib import Path


def folder() -> Path:
    custom = os.environ.get("REPORTLINT_CACHE_DIR")
    if custom:
        return Path(custom)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "reportlint"


def entry(kind: str, key: str, suffix: str) -> Path:
    return folder() / f"{kind}.{key}{suffix}"


# How many entries of a kind are kept: alternating between installations with
# one entry each would rebuild it on every run.
KEPT_PER_KIND = 3


def write(kind: str, key: str, suffix: str, data: bytes) -> None:
    """Write an entry atomically and drop the older entries of its kind beyond KEPT_PER_KIND."""
    path = entry(kind, key, suffix)
    if not write_file(path, data):
        return
    try:
        others = sorted((p for p in path.parent.glob(f"{kind}.*{suffix}") if p != path), key=_age)
        for old in others[KEPT_PER_KIND - 1:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


def write_file(path: Path, data: bytes) -> bool:
    """Replace a file atomically (of this folder, or the result cache's); False
    when it cannot be written (a read-only home only costs speed)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        import tempfile  # imported only to write (with shutil and random: 5 ms of start-up)

        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as handle:
            handle.write(data)
        os.replace(handle.name, path)
        return True
    except OSError:
        return False


def _age(path: Path) -> float:
    """Newest first."""
    try:
        return -path.stat().st_mtime
    except OSError:
        return 0.0


# What `content_key` remembers: a file's digest per version of the file (its
# path, size, time and inode), one line each, the newest DIGESTS_KEPT.
DIGESTS = "file-digests.txt"
DIGESTS_KEPT = 64


def content_key(path: Path) -> str:
    """`<size>-<digest>` of a file's content. Virtual environments installing the
    same jieba get the same key though their dict.txt times differ; hashing its
    5 MB takes about 15 ms, so it is done once per version of the file and
    remembered in DIGESTS (a line lost to a concurrent write is computed again)."""
    import hashlib

    stat = path.stat()
    version = f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0{stat.st_ino}".encode("utf-8", "surrogateescape")
    seen = hashlib.blake2b(version, digest_size=12).hexdigest()
    index = folder() / DIGESTS
    try:
        lines = index.read_text("ascii").splitlines()
    except (OSError, ValueError):
        lines = []
    for line in lines:
        known, _, key = line.partition(" ")
        size, _, digest = key.partition("-")
        if known == seen and size == str(stat.st_size) and len(digest) == 24:
            return key
    key = f"{stat.st_size}-{hashlib.blake2b(path.read_bytes(), digest_size=12).hexdigest()}"
    lines = [line for line in lines if not line.startswith(seen)][-(DIGESTS_KEPT - 1):] + [f"{seen} {key}"]
    write_file(index, "".join(line + "\n" for line in lines).encode("ascii"))
    return key
