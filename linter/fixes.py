"""Fixes: what a rule's `fix:` writes in place of a finding, applying fixes to a
document's text until nothing fixable is left, and writing the result back to
the file exactly as it was stored.

A rule's fix is a replacement template (`replace: "……"`, filled in with the
hit's message fields like the message; without it, `{expected}`, the value the
rule type computes) or a character mapping (`translate: {",": "，"}`). It is
`safe` (applied by --fix) or not (applied only with --unsafe-fixes too).

A fix is never written when in doubt: an edit that spans or inserts a line
break, touches text the reader hides (front matter, fenced code) or cannot be
encoded in the file's encoding is dropped; a file whose bytes are not what was
linted (changed since, mixed line endings), that has other hard links, or
that is not a .txt or .md file is not written at all.
"""

import os
import stat
import string
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from linter.document import Document
from linter.engine import lint_document, render_message
from linter.readers import parse_text, reader_for
from linter.rule_types import SAME_LINE

IN_PLACE_READERS = ("text", "markdown")  # documents whose text is the file's own: .txt and .md
MAX_PASSES = 10  # a fix can uncover another (a bracket's inner comma): fix again, up to this often
_ASCII_CONTEXT = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/")


@dataclass(frozen=True)
class Edit:
    """Replace source[start:end] by `content`; line and columns are the span's 1-based position."""

    start: int
    end: int
    content: str
    line: int
    column: int
    end_line: int
    end_column: int

    def to_dict(self) -> dict:
        return {"line": self.line, "column": self.column, "end_line": self.end_line, "end_column": self.end_column, "content": self.content}


@dataclass(frozen=True)
class Fix:
    safe: bool
    edits: Tuple[Edit, ...]
    # Whether --fix can write it into the file: the document is a .txt or .md
    # file's own text. A Word or PDF document's fix is for its text version.
    in_place: bool = True

    def to_dict(self) -> dict:
        return {"safe": self.safe, "in_place": self.in_place, "edits": [edit.to_dict() for edit in self.edits]}

    def to_cache(self) -> dict:
        return {"safe": self.safe, "in_place": self.in_place, "edits": [[e.start, e.end, e.content, e.line, e.column, e.end_line, e.end_column] for e in self.edits]}

    @classmethod
    def from_cache(cls, data: Optional[dict]) -> Optional["Fix"]:
        if data is None:
            return None
        return cls(data["safe"], tuple(Edit(*edit) for edit in data["edits"]), data["in_place"])


class FixSpec:
    """A rule's `fix:` as loaded from its rule file."""

    def __init__(self, options: dict, gives_expected: bool, error):
        self.safe = options["safe"]
        self.translate: Optional[Dict[str, str]] = options.get("translate")
        self.template: Optional[str] = options.get("replace")
        if self.translate is not None:
            if "replace" in options:
                raise error("fix", "give `replace` or `translate`, not both")
            bad = [key for key in self.translate if len(key) != 1]
            if bad:
                raise error("fix", f"translate maps single characters; {bad[0]!r} is not one")
        elif self.template is None:
            if not gives_expected:
                raise error("fix", "this rule type computes no `expected` value: give `replace` (a template) or `translate`")
            self.template = "{expected}"
        if self.template is not None:
            try:
                self.fields = [name for _, name, _, _ in string.Formatter().parse(self.template) if name is not None]
            except ValueError as exc:
                raise error("fix", f"replace {self.template!r} is not a valid template: {exc}")

    def fix_for(self, doc: Document, hit) -> Optional[Fix]:
        """The fix of a hit (and of the hits grouped with it), or None when there is none to make."""
        edits = []
        for part in (hit, *hit.fields.get(SAME_LINE, ())):
            content = self._content(doc, part)
            original = doc.source[part.start:part.end]
            if content is None or content == original or not _editable(doc, part.start, part.end, content):
                continue
            line, column = doc.position(part.start)
            end_line, end_column = doc.position(part.end)
            edits.append(Edit(part.start, part.end, content, line, column, end_line, end_column))
        if not edits:
            return None
        reader = reader_for(doc.path)
        in_place = reader is not None and reader.NAME in IN_PLACE_READERS and doc.reader in IN_PLACE_READERS
        return Fix(self.safe, tuple(edits), in_place)

    def _content(self, doc: Document, hit) -> Optional[str]:
        if self.translate is not None:
            return _translate(doc.source, hit.start, hit.end, self.translate)
        groups = hit.fields.get("groups") or ()
        for name in self.fields:
            missing = name not in hit.fields if not name.isdigit() else int(name) > len(groups)
            if name and missing:
                return None  # this hit lacks a value the template needs: no fix rather than a wrong one
        return render_message(self.template, hit.fields)


def _translate(source: str, start: int, end: int, table: Dict[str, str]) -> str:
    """The span with each mapped character replaced, except an ASCII one between two
    ASCII letters, digits or slashes (1,000, 10:30, https://): that is not Chinese text."""
    out = []
    for i in range(start, end):
        char = source[i]
        if char in table and not (char.isascii() and i > 0 and i + 1 < len(source)
                                  and source[i - 1] in _ASCII_CONTEXT and source[i + 1] in _ASCII_CONTEXT):
            out.append(table[char])
        else:
            out.append(char)
    return "".join(out)


def _editable(doc: Document, start: int, end: int, content: str) -> bool:
    original = doc.source[start:end]
    if "\n" in original or "\n" in content or "\r" in content:
        return False  # a fix never joins or splits lines
    if doc.text[start:end] != original:
        return False  # it would touch what the reader hides (front matter, fenced code)
    if doc.encoding is not None:
        try:
            content.encode(doc.encoding.codec)
        except (UnicodeEncodeError, LookupError):
            return False
    return True


# -- applying fixes to text ---------------------------------------------------------------


def applicable(fix: Optional[Fix], unsafe: bool) -> bool:
    return fix is not None and (fix.safe or unsafe)


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
    current, by_rule = doc, Counter()
    found = violations
    for _ in range(MAX_PASSES):
        if found is None:
            found = lint_document(current, fixing) if fixing else []
        chosen = choose([v for v in found if v.rule in by_id and applicable(v.fix, unsafe)])
        if not chosen:
            break
        by_rule.update(v.rule for v in chosen)
        current = reread(current, apply_edits(current.source, [edit for v in chosen for edit in v.fix.edits]), default_date)
        found = None
    return Fixed(doc, current.source, by_rule)


def reread(doc: Document, text: str, default_date=None) -> Document:
    """The document with new text, read as its format again (metadata and all)."""
    parsed = parse_text(text, doc.reader, doc.path)
    parsed.encoding = doc.encoding
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
    try:
        before = os.stat(path)
        stored = path.read_bytes()
    except OSError as error:
        return f"cannot read it again ({error.strerror or error})"
    if before.st_nlink > 1:
        return "it has other hard links, which a rename would leave with the old text"
    if stored != _encode(doc.source, encoding):
        if _decode(stored, encoding) != doc.source:
            return "it changed since it was read"
        return "its bytes would not be written back the same (mixed line endings?)"
    try:
        data = _encode(text, encoding)
    except UnicodeEncodeError:
        return f"the fixed text cannot be written in {encoding.codec}"
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
    """Fix every .txt and .md document of a run that has a fix to apply;
    `rules_for(doc)`: the rules the run lints it with."""
    outcome = RunFixes([], [])
    for result in results:
        doc = result.document
        if doc is None or result.error or not any(applicable(v.fix, unsafe) and v.fix.in_place for v in result.violations):
            continue
        fixed = fix_document(doc, rules_for(doc), unsafe, result.violations, default_date)
        if not fixed.changed:
            continue
        why = write_fixed(doc, fixed.text) if write else None
        if why:
            outcome.not_written.append((doc.path, why))
        else:
            outcome.fixed.append(fixed)
    return outcome
