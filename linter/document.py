"""A document as the rules see it: its text, positions in it, suppression
comments and metadata (publication date, type, organisation).

A reader (linter/readers/) turns a file into a `Parsed`; a `Document` keeps
two texts of the same length: `source` (the file's text, lines joined by
`\\n`) and `text` (the same with what the format says is not content, such as
Markdown front matter and fenced code, blanked out). Rules search `text`;
every offset in it is an offset in `source`, so findings point at the
original line and column, and `location()` adds where that is in a paged or
structured source (a PDF's page and line).
"""

import bisect
import datetime
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple, Union

from linter.errors import UserError
from linter.extract.metadata import document_type, document_types, packs_without_config, parse_iso_or_chinese_date, publication_date
from linter.readers import READERS, Parsed, convertible_error, parse_text, reader_for


class Metadata:
    """What a document says about itself: its type, organisation and publication
    date, with where each came from. The date is read from the text when it is
    first asked for: a run whose rules never ask (typography) does not read it."""

    def __init__(self, type: Optional[str] = None, type_source: str = "", org: Optional[str] = None, find_date=None):
        self.type, self.type_source, self.org = type, type_source, org
        self._find_date = find_date  # () -> (date, where from, metadata spans)
        self._date: Optional[datetime.date] = None
        self._date_source = ""
        self._spans: List[Tuple[int, int]] = []

    def _read_date(self) -> None:
        if self._find_date is not None:
            self._date, self._date_source, self._spans = self._find_date()
            self._find_date = None

    @property
    def date(self) -> Optional[datetime.date]:
        self._read_date()
        return self._date

    @property
    def date_source(self) -> str:
        self._read_date()
        return self._date_source

    @property
    def spans(self) -> List[Tuple[int, int]]:
        """Datelines and article stamps: metadata lines, not dates the document tells."""
        self._read_date()
        return self._spans

    @property
    def pack_type(self) -> Optional[str]:
        """The type whose document-type pack the file runs: one declared in front
        matter, or one read from the text whose pack needs no configuration."""
        if self.type_source == "front matter" or self.type in packs_without_config():
            return self.type
        return None


class Document:
    def __init__(self, content: Union[str, Parsed], path: str = "<text>", reader: str = "text", default_date=None, factsheet=None):
        """`content`: a reader's Parsed, or a snippet read as the text-based format `reader`."""
        parsed = content if isinstance(content, Parsed) else parse_text(content, reader, path)
        self.path = path
        self.factsheet = factsheet  # the run's FactSheet, or None
        self.reader = parsed.reader
        self.source = parsed.text
        self.encoding = parsed.encoding
        self.heading_levels = parsed.heading_levels
        self._locations = parsed.locations
        self._location_offsets = [offset for offset, _ in parsed.locations]
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.source)]
        self._memo: Dict[str, object] = {}
        self._scratch = set()
        self.text = _blank_out(self.source, parsed.hidden)
        self.suppressions = Suppressions.parse(self)
        self.metadata = self._metadata(parsed.front_matter, default_date)

    # -- positions ---------------------------------------------------------

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    def position(self, offset: int) -> Tuple[int, int]:
        """1-based (line, column) of a character offset; columns count characters."""
        offset = max(0, min(offset, len(self.source)))
        index = bisect.bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def location(self, offset: int) -> dict:
        """Where an offset is in the source file beyond line and column (a PDF's
        `page` and `page_line`, a Word file's `part`); {} for text files."""
        index = bisect.bisect_right(self._location_offsets, offset) - 1
        return dict(self._locations[index][1]) if index >= 0 else {}

    def line_span(self, line: int) -> Tuple[int, int]:
        """Offsets (start, end) of a 1-based line, without its line break."""
        start = self._line_starts[line - 1]
        end = self._line_starts[line] - 1 if line < len(self._line_starts) else len(self.source)
        return start, end

    def source_line(self, line: int) -> str:
        start, end = self.line_span(line)
        return self.source[start:end]

    def lines(self) -> List[Tuple[int, int, str]]:
        """(line number, start offset, text) for every line of the lintable text: a
        list made once (the metadata readers ask for the first lines many times)."""
        return self.memo("lines", self._split_lines, scratch=True)

    def _split_lines(self) -> List[Tuple[int, int, str]]:
        # The text keeps the source's line breaks: its lines start where the source's do.
        return list(zip(range(1, len(self._line_starts) + 1), self._line_starts, self.text.split("\n")))

    def memo(self, name: str, compute: Callable[[], object], scratch: bool = False):
        """Compute a derived structure (segmentation, dates, figures) once per document.
        A `scratch` one (large and cheap to redo, like jieba's tokens) is dropped by
        forget_scratch() once the document is linted, so big runs stay small in memory."""
        if name not in self._memo:
            self._memo[name] = compute()
            if scratch:
                self._scratch.add(name)
        return self._memo[name]

    def forget_scratch(self) -> None:
        for name in self._scratch:
            self._memo.pop(name, None)
        self._scratch.clear()

    # -- structure ---------------------------------------------------------

    @property
    def headings(self):
        from linter.extract.outline import headings  # only for rules that read headings

        return headings(self)

    def text_without_metadata(self) -> str:
        """`text` with the dateline or stamp blanked out: what the document tells, for its date facts."""
        return _blank_out(self.text, self.metadata.spans)

    def _metadata(self, front_matter: dict, default_date) -> Metadata:
        """Front matter first, then the config's date, then what the text shows (extract/metadata.py)."""
        if front_matter.get("type") is not None:
            doc_type, type_source = str(front_matter["type"]), "front matter"
        else:
            found = document_type(self)
            doc_type, type_source = (found.value, found.source) if found else (None, "")
        if front_matter.get("date") is not None:  # a bad one is the file's error now, not when a rule asks
            find_date = functools.partial(_known_date, _front_matter_date(front_matter["date"], self.path), "front matter")
        elif default_date is not None:
            find_date = functools.partial(_known_date, default_date, "config")
        else:
            find_date = functools.partial(_date_from_text, self, doc_type)
        return Metadata(doc_type, type_source, _optional_str(front_matter.get("org")), find_date)


def _known_date(date, source):
    return date, source, []


def _date_from_text(doc: "Document", doc_type: Optional[str]):
    found = publication_date(doc, document_types().get(doc_type, doc_type))
    return (found.value, found.source, [found.span] if found.span else []) if found else (None, "", [])


@dataclass(frozen=True)
class SuppressionCode:
    """One code written in a suppression comment (ALL for a comment naming none),
    with its offsets in the source."""

    start: int
    end: int
    code: str  # upper case: codes are case-insensitive
    kind: str  # disable, disable-next-line or enable


class Suppressions:
    """`<!-- reportlint-disable[-next-line] CODES -->` and `<!-- reportlint-enable CODES -->`.
    Codes are rule ids or id prefixes, in any case. Which codes suppressed a
    finding is kept (`used`), for the rule that reports unused ones."""

    ALL = "*"

    def __init__(self, ranges, codes=()):
        self.ranges = ranges  # [(first line, last line, code or ALL, index in `codes` of the code that opened it)]
        self.codes = list(codes)
        self.used = set()  # indexes into `codes`

    @classmethod
    def parse(cls, doc: Document) -> "Suppressions":
        ranges, open_since, codes = [], {}, []
        for match in _DIRECTIVE.finditer(doc.source):
            line = doc.position(match.start())[0]
            kind = match.group(1)
            written = [(m.start() + match.start(2), m.end() + match.start(2), m.group(0).upper()) for m in re.finditer(r"[^\s,]+", match.group(2))]
            for start, end, code in written or [(match.start(), match.end(), cls.ALL)]:
                index = len(codes)
                codes.append(SuppressionCode(start, end, code, kind))
                if kind == "disable-next-line":
                    ranges.append((line + 1, line + 1, code, index))
                elif kind == "disable":
                    open_since.setdefault(code, (line, index))
                elif code == cls.ALL:
                    ranges += [(first, line, c, i) for c, (first, i) in open_since.items()]
                    open_since.clear()
                elif code in open_since:
                    first, i = open_since.pop(code)
                    ranges.append((first, line, code, i))
        ranges += [(first, doc.line_count, code, i) for code, (first, i) in open_since.items()]
        return cls(ranges, codes)

    def covers(self, rule_id: str, line: int, ignoring: Optional[int] = None) -> bool:
        """Whether a finding of the rule on this line is suppressed; `ignoring`: the
        index of a code whose own ranges do not count (a finding about that code)."""
        covering = [index for first, last, code, index in self.ranges
                    if first <= line <= last and (code == self.ALL or rule_id.startswith(code)) and index != ignoring]
        self.used.update(covering)
        return bool(covering)


DEFAULT_MAX_MB = 20


def read_document(path, default_date=None, factsheet=None, max_mb=DEFAULT_MAX_MB, options=None, data=None) -> Document:
    """Read a file with the reader its suffix names (an unknown suffix is read as text).
    `options`: the config's settings for this file (its `encoding`); `data`: its
    bytes when they were read already (by file_bytes)."""
    path = Path(path)
    problem = convertible_error(path)
    if problem:
        raise problem
    if data is None:
        data = file_bytes(path, max_mb)
    return document_from_bytes(data, str(path), default_date, factsheet, options)


def file_bytes(path: Path, max_mb=DEFAULT_MAX_MB) -> bytes:
    """A file's bytes, or a UserError saying why they cannot be read (or are over the size limit)."""
    try:
        size = path.stat().st_size
        if size > max_mb * 1024 * 1024:
            raise UserError(path, f"is {size / 1024 / 1024:.1f} MB, over the {max_mb:g} MB limit (max-file-mb); skipped")
        return path.read_bytes()
    except IsADirectoryError:
        raise UserError(path, "is a directory")
    except FileNotFoundError:
        raise UserError(path, "no such file")
    except OSError as error:
        raise UserError(path, f"cannot read file: {error.strerror or error}")


def document_from_bytes(data: bytes, path: str, default_date=None, factsheet=None, options=None) -> Document:
    """A document from a file's bytes (or stdin's), read as its path's format."""
    reader = reader_for(path) or READERS["text"]
    return Document(reader.read(data, path, options or {}), path, default_date=default_date, factsheet=factsheet)


def _front_matter_date(value, path) -> datetime.date:
    date = parse_iso_or_chinese_date(str(value))
    if date is None:
        raise UserError(path, f"front matter date {value!r} is not a real date (use 2024-02-29)", 1)
    return date


def _optional_str(value) -> Optional[str]:
    return None if value is None else str(value)


def _blank_out(text: str, spans) -> str:
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


_DIRECTIVE = re.compile(r"<!--\s*reportlint-(disable-next-line|disable|enable)\b([^>]*?)\s*-->")
