"""The content cache (`.reportlint_cache/`): a file whose text, rules, config,
fact sheet and reportlint code are unchanged is not linted again.

An entry holds the file's violations without the path (the path is filled in
when read back). A missing, unreadable or corrupt entry is a miss, never an
error; writes are atomic, so parallel workers cannot leave half an entry.
"""

import hashlib
import json
from pathlib import Path
from typing import List, Optional

import linter
from linter import usercache
from linter.engine import Violation
from linter.edits import Fix

_FIELDS = ("line", "column", "end_line", "end_column", "rule", "category", "severity", "message")


class ResultCache:
    def __init__(self, folder: Path, fingerprint: str):
        self.folder = folder
        self.fingerprint = fingerprint

    def key(self, doc, rules=()) -> str:
        """The entry for a document's text linted with these rules (a config override may
        give the same text other rules under another path)."""
        digest = hashlib.sha256(self.fingerprint.encode())
        digest.update(" ".join(rule.id for rule in rules).encode())
        digest.update(doc.reader.encode())
        digest.update(doc.source.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def _entry(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str, path: str) -> Optional[List[Violation]]:
        try:
            rows = json.loads(self._entry(key).read_text(encoding="utf-8"))
            return [Violation(path, *(row[f] for f in _FIELDS), tuple(row["location"].items()), Fix.from_cache(row["fix"])) for row in rows]
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, violations: List[Violation]) -> None:
        entry = self._entry(key)
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# created by reportlint\n*\n", encoding="utf-8")
        except OSError:
            return  # a read-only folder only costs speed
        rows = [{**{f: getattr(v, f) for f in _FIELDS}, "location": dict(v.location), "fix": v.fix.to_cache() if v.fix else None}
                for v in violations]
        usercache.write_file(entry, json.dumps(rows, ensure_ascii=False).encode("utf-8"))


def fingerprint(rules, config) -> str:
    """Everything besides the document's own text that can change its violations:
    reportlint's code, the rule files and the chosen rules, the config's date
    the fact sheet and the config's words and knowledge."""
    digest = hashlib.sha256(linter.__version__.encode())
    package = Path(linter.__file__).parent
    # The code itself (by size and time), so a development checkout never reads stale results.
    for source in sorted(package.rglob("*.py")):
        stat = source.stat()
        digest.update(f"{source.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    files = sorted({rule.source.rsplit(":", 1)[0] for rule in rules} | ({str(config.facts)} if config.facts else set()))
    for name in files:
        digest.update(name.encode() + _read(name))
    digest.update(" ".join(rule.id for rule in rules).encode())
    digest.update(repr((config.date, config.max_file_mb, config.words, sorted(config.knowledge.items()))).encode())
    return digest.hexdigest()


def _read(name: str) -> bytes:
    try:
        return Path(name).read_bytes()
    except OSError:
        return b""
