"""Fixes: applying the fixes of a document's violations (linter/edits.py says
what a fix is) to its text until nothing fixable is left, and writing the
result back to the file exactly as it was stored.

A file whose bytes are not what was linted (changed since, mixed line
endings), that has other hard links, or that is not a .txt, .md or .docx file
is not written at all. A .docx gets its fixes as tracked changes (linter/revisions.py).
"""

import os
import stat
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

from linter.document import Document
from linter.edits import Edit, applicable
from linter.engine import lint_document
from linter.readers import READERS, Parsed, parse_text

MAX_PASSES = 10  # a fix can uncover another (a bracket's inner comma): fix again, up to this often


# -- applying fixes to text ---------------------------------------------------------------


def choose(violations) -> list:
    """The violations whose fixes can be applied together, in text order: one
    overlapping a fix taken before it waits for the next pass (it is linted again)."""
    taken: List[Edit] = []
    chosen = []
    for v in sorted(violations, key=lambda v: (v.fix.edits[0].start, v.fix.edits[0].end)):
        if not any(_overlap(edit, other) for edit in v.fix.edits for other in taken):
            taken += v.fix.edits
            chosen.append(v)
    return chosen


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    pieces, position = [], 0
    for edit in sorted(edits, key=lambda e: e.start):
        pieces += [text[position:edit.start], edit.content]
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces)


def _overlap(a: Edit, b: Edit) -> bool:
    return a.start < b.end and b.start < a.end or a.start == b.start


@dataclass
class Fixed:
    """A document after fixing: its new text and how many findings each rule had fixed."""

    doc: Document
    text: str
    by_rule: Counter
    passes: List[List[Edit]]  # the edits of each pass, in the text the pass before left (tracked changes need them)

    @property
    def count(self) -> int:
        return sum(self.by_rule.values())

    @property
    def changed(self) -> bool:
        return self.text != self.doc.source


def fix_document(doc: Document, rules: Sequence, unsafe: bool = False, violations=None, default_date=None) -> Fixed:
    """Apply the fixes of `rules` to `doc` again and again until none is left
    (at most MAX_PASSES times). `violations`: the document's findings when they
    are known already (the first pass then lints nothing); `default_date`: the
    publication date the run gives documents without one of their own."""
    fixing = [rule for rule in rules if rule.fix is not None and (rule.fix.safe or unsafe)]
    by_id = {rule.id for rule in fixing}
    current, by_rule, passes = doc, Counter(), []
    found = violations
    for _ in range(MAX_PASSES):
        if found is None:
            found = lint_document(current, fixing) if fixing else []
        chosen = choose([v for v in found if v.rule in by_id and applicable(v.fix, unsafe)])
        if not chosen:
            break
        by_rule.update(v.rule for v in chosen)
        passes.append([edit for v in chosen for edit in v.fix.edits])
        current = reread(current, apply_edits(current.source, passes[-1]), default_date)
        found = None
    return Fixed(doc, current.source, by_rule, passes)


def reread(doc: Document, text: str, default_date=None) -> Document:
    """The document with new text, read as its format again (metadata and all); a format read
    from a file only (Word) keeps its heading levels and places, the lines being the same."""
    if hasattr(READERS[doc.reader], "parse"):
        parsed = parse_text(text, doc.reader, doc.path)
        parsed.encoding = doc.encoding
    else:
        starts = [0]
        for line in text.split("\n"):
            starts.append(starts[-1] + len(line) + 1)
        places = []
        for offset, fields in doc._locations:
            line, column = doc.position(offset)
            places.append((min(starts[line - 1] + column - 1, starts[line] - 1), fields))
        parsed = Parsed(text, doc.reader, heading_levels=doc.heading_levels, locations=places)
    return Document(parsed, doc.path, default_date=default_date, factsheet=doc.factsheet)


def unified_diff(doc: Document, text: str) -> str:
    import difflib  # only for --diff

    lines = difflib.unified_diff(doc.source.splitlines(keepends=True), text.splitlines(keepends=True), f"a/{doc.path}", f"b/{doc.path}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


# -- writing a fixed file ----------------------------------------------------------------------


def write_fixed(doc: Document, text: str) -> Optional[str]:
    """Write `text` over the document's file in its own encoding, BOM, line ending
    and mode, atomically (a temporary file in the same folder, then a rename).
    Returns why nothing was written, or None."""
    encoding = doc.encoding
    if encoding is None:
        return "not read from a text file"
    path = Path(os.path.realpath(doc.path))  # through a symbolic link to the file it names
    before, stored = _read_again(path)
    if before is None:
        return stored
    if stored != _encode(doc.source, encoding):
        if _decode(stored, encoding) != doc.source:
            return "it changed since it was read"
        return "its bytes would not be written back the same (mixed line endings?)"
    try:
        data = _encode(text, encoding)
    except UnicodeEncodeError:
        return f"the fixed text cannot be written in {encoding.codec}"
    return replace_file(path, data, before)


def _read_again(path: Path):
    """(its stat, its bytes) before a file is replaced, or (None, why it must not be)."""
    try:
        before = os.stat(path)
        data = path.read_bytes()
    except OSError as error:
        return None, f"cannot read it again ({error.strerror or error})"
    if before.st_nlink > 1:
        return None, "it has other hard links, which a rename would leave with the old text"
    return before, data


def write_tracked(doc: Document, fixed: Fixed) -> Optional[str]:
    """Write the fixes of a .docx document into its file as tracked changes (linter/revisions.py),
    in place and atomically. Returns why nothing was written, or None."""
    from linter.errors import UserError
    from linter.revisions import track

    path = Path(os.path.realpath(doc.path))
    before, data = _read_again(path)
    if before is None:
        return data
    try:
        data = track(data, doc, fixed)
    except UserError as error:
        return error.message
    return replace_file(path, data, before)


def replace_file(path: Path, data: bytes, before: os.stat_result) -> Optional[str]:
    """Write `data` over the file at `path` (whose stat was `before`) atomically, keeping its mode
    and owner: a temporary file in the same folder, then a rename. Returns why not, or None."""
    try:
        import tempfile  # only when writing a fixed file

        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".reportlint")
    except OSError as error:
        return f"cannot write in its folder ({error.strerror or error})"
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, stat.S_IMODE(before.st_mode))
        if hasattr(os, "chown") and (before.st_uid, before.st_gid) != (os.getuid(), os.getgid()):
            os.chown(temporary, before.st_uid, before.st_gid)
        now = os.stat(path)
        if (now.st_ino, now.st_size, now.st_mtime_ns) != (before.st_ino, before.st_size, before.st_mtime_ns):
            raise _Changed()
        os.replace(temporary, path)
    except _Changed:
        os.unlink(temporary)
        return "it changed while the fix was written"
    except OSError as error:
        os.unlink(temporary)
        return f"cannot write it ({error.strerror or error})"
    return None


class _Changed(Exception):
    pass


def _encode(text: str, encoding) -> bytes:
    return encoding.bom + text.replace("\n", encoding.newline).encode(encoding.codec)


def _decode(data: bytes, encoding) -> str:
    if encoding.bom and data.startswith(encoding.bom):
        data = data[len(encoding.bom):]
    return data.decode(encoding.codec, errors="replace").replace("\r\n", "\n").replace("\r", "\n")


# -- a run's fixes ------------------------------------------------------------------------------


@dataclass
class RunFixes:
    fixed: List[Fixed]  # documents whose text the fixes change (written, unless only a diff was asked for)
    not_written: List[Tuple[str, str]]  # (path, why it was left as it was)

    @property
    def count(self) -> int:
        return sum(f.count for f in self.fixed)


def fix_results(results, rules_for, unsafe: bool, default_date=None, write: bool = True) -> RunFixes:
    """Fix every .txt, .md and .docx document of a run that has a fix to apply;
    `rules_for(doc)`: the rules the run lints it with."""
    outcome = RunFixes([], [])
    for result in results:
        doc = result.document
        if doc is None or result.error or not any(applicable(v.fix, unsafe) and v.fix.in_place for v in result.violations):
            continue
        fixed = fix_document(doc, rules_for(doc), unsafe, result.violations, default_date)
        if not fixed.changed:
            continue
        if not write:
            why = None
        elif doc.reader == "docx":
            why = write_tracked(doc, fixed)
        else:
            why = write_fixed(doc, fixed.text)
        if why:
            outcome.not_written.append((doc.path, why))
        else:
            outcome.fixed.append(fixed)
    return outcome
