"""What a rule's fix writes in place of a finding: the `Fix` a violation
carries (its `Edit`s) and the `FixSpec` a rule's `fix:` is loaded into. The
engine builds fixes with these; applying them to files is linter/fixes.py.

A rule's fix is a replacement template (`replace: "……"`, filled in with the
hit's message fields like the message; without it, `{expected}`, the value the
rule type computes) or a character mapping (`translate: {",": "，"}`). It is
`safe` (applied by --fix) or not (applied only with --unsafe-fixes too).

A fix is never made when in doubt: an edit that spans or inserts a line
break, touches text the reader hides (front matter, fenced code) or cannot be
encoded in the file's encoding is dropped.
"""

import string
from dataclasses import dataclass
from typing import Dict, Optional, Tuple

from linter.document import Document
from linter.readers import reader_for
from linter.rule_types import SAME_LINE, render_message

# documents --fix writes: .txt and .md (their text is the file's own), .docx (as tracked changes)
IN_PLACE_READERS = ("text", "markdown", "docx")
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
    # file's own text, or a .docx (a tracked change). A PDF's fix, or a .doc's
    # (read through a conversion), is for its text version.
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

    def __init__(self, options: dict, error):
        self.safe = options["safe"]
        self.translate: Optional[Dict[str, str]] = options.get("translate")
        self.template: Optional[str] = options.get("replace")
        if self.translate is not None:
            if "replace" in options:
                raise error("fix", "give `replace` or `translate`, not both")
            bad = [key for key in self.translate if len(key) != 1]
            if bad:
                raise error("fix", f"translate maps single characters; {bad[0]!r} is not one")
        elif self.template is None:  # the value the rule type computes (loading checks that it has one)
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


def applicable(fix: Optional[Fix], unsafe: bool) -> bool:
    """Whether this run applies (or counts as available) the fix: a safe one, or any with --unsafe-fixes."""
    return fix is not None and (fix.safe or unsafe)
