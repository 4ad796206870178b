"""Baselines: the findings a set of documents already has, recorded so that
later runs report only new ones (adopting reportlint on an archive).

A baseline file is JSON: each entry is a finding's path (relative to the
baseline's folder), rule, message and the text of its line, with how many such
findings there are. Line numbers are not kept, so edits elsewhere in a file do
not bring old findings back. With --baseline, a finding that matches an entry
is not reported (up to the entry's count); entries of linted files that match
nothing are stale, and counted, so the baseline can be rewritten smaller.
"""

import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from linter.errors import UserError

FORMAT = "reportlint-baseline"
VERSION = 1


class Entry(NamedTuple):
    path: str
    rule: str
    message: str
    line_text: str


@dataclass
class Matched:
    hidden: int  # findings the baseline holds, not reported
    stale: int  # baseline findings of linted files that no longer occur


def _relative(path: str, folder: Path) -> str:
    return Path(os.path.relpath(Path(path).resolve(), folder.resolve())).as_posix()


def _entries(results, folder: Path):
    """(result, violation, entry) for every finding of the run."""
    for result in results:
        for v in result.violations:
            doc = result.document
            line_text = doc.source_line(v.line).strip() if doc is not None and v.line <= doc.line_count else ""
            yield result, v, Entry(_relative(result.path, folder), v.rule, v.message, line_text)


def write_baseline(path: Path, results) -> int:
    """Record the run's findings in `path`; returns how many."""
    counts = Counter(entry for _, _, entry in _entries(results, path.parent))
    findings = [{**entry._asdict(), "count": n} for entry, n in sorted(counts.items())]
    data = {"format": FORMAT, "version": VERSION, "findings": findings}
    try:
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    except OSError as error:
        raise UserError(path, f"cannot write the baseline: {error.strerror or error}")
    return sum(counts.values())


def load_baseline(path: Path) -> Counter:
    """The entries of a baseline file and their counts; UserError for a missing or malformed file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(path, "no such baseline file (write one with --write-baseline)")
    except (OSError, UnicodeDecodeError) as error:
        raise UserError(path, f"cannot read the baseline: {getattr(error, 'strerror', None) or error}")
    except ValueError as error:
        raise UserError(path, f"is not a reportlint baseline (invalid JSON: {error})")
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("findings"), list):
        raise UserError(path, f"is not a reportlint baseline (written by --write-baseline, format {FORMAT!r})")
    if data.get("version") != VERSION:
        raise UserError(path, f"baseline version {data.get('version')!r} is not supported (this reportlint writes {VERSION})")
    counts = Counter()
    for index, item in enumerate(data["findings"]):
        try:
            counts[Entry(*(str(item[key]) for key in Entry._fields))] += int(item.get("count", 1))
        except (KeyError, TypeError, ValueError):
            raise UserError(path, f"baseline entry {index + 1} needs path, rule, message and line_text")
    return counts


def apply_baseline(results, path: Path, baseline: Counter) -> Matched:
    """Drop the findings the baseline holds from `results`; count the hidden ones and the stale entries."""
    remaining = Counter(baseline)
    hidden = set()
    for _, v, entry in _entries(results, path.parent):
        if remaining[entry] > 0:
            remaining[entry] -= 1
            hidden.add(id(v))
    for result in results:
        result.violations = [v for v in result.violations if id(v) not in hidden]
    linted = {_relative(r.path, path.parent) for r in results if r.error is None}
    stale = sum(n for entry, n in remaining.items() if n > 0 and entry.path in linted)
    return Matched(len(hidden), stale)
