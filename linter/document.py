"""Reading a document: decoding, positions, Markdown structure, headings,
suppression comments and metadata (publication date, type, organisation).

A `Document` keeps two texts of the same length: `source` (the file with
line breaks normalised to `\\n`) and `text` (the same with front matter, fenced
code and HTML comments blanked out). Rules search `text`; every offset in it
is an offset in `source`, so findings point at the original line and column.
"""

import bisect
import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

import yaml

from linter.errors import UserError
from linter.yamlfile import safe_load

MARKDOWN_SUFFIXES = {".md", ".markdown"}
TEXT_SUFFIXES = {".txt"} | MARKDOWN_SUFFIXES


@dataclass(frozen=True)
class Heading:
    line: int
    level: int  # 1 一、  2 （一）  3 1.  4 （1）; Markdown: number of #; 0 an unnumbered short line
    numbering: str
    text: str


@dataclass
class Metadata:
    date: Optional[datetime.date] = None
    date_source: str = ""
    type: Optional[str] = None
    org: Optional[str] = None
    front_matter: dict = field(default_factory=dict)


class Document:
    def __init__(self, source: str, path: str = "<text>", markdown: bool = False, default_date=None, factsheet=None):
        self.path = path
        self.factsheet = factsheet  # the run's FactSheet, or None
        self.source = source.replace("\r\n", "\n").replace("\r", "\n")
        self.is_markdown = markdown
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.source)]
        self._memo: Dict[str, object] = {}
        self._scratch = set()

        front_matter, blank_spans = {}, []
        if markdown:
            front_matter, fm_span = self._read_front_matter()
            if fm_span:
                blank_spans.append(fm_span)
            blank_spans += _fenced_code_spans(self.source, fm_span[1] if fm_span else 0)
            blank_spans += [m.span() for m in _HTML_COMMENT.finditer(self.source)]
        self.text = _blank_out(self.source, blank_spans)
        self.suppressions = Suppressions.parse(self)
        self.metadata = self._metadata(front_matter, default_date)

    # -- positions ---------------------------------------------------------

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    def position(self, offset: int) -> Tuple[int, int]:
        """1-based (line, column) of a character offset; columns count characters."""
        offset = max(0, min(offset, len(self.source)))
        index = bisect.bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def line_span(self, line: int) -> Tuple[int, int]:
        """Offsets (start, end) of a 1-based line, without its line break."""
        start = self._line_starts[line - 1]
        end = self._line_starts[line] - 1 if line < len(self._line_starts) else len(self.source)
        return start, end

    def source_line(self, line: int) -> str:
        start, end = self.line_span(line)
        return self.source[start:end]

    def lines(self):
        """(line number, start offset, text) for every line of the lintable text."""
        for number in range(1, self.line_count + 1):
            start, end = self.line_span(number)
            yield number, start, self.text[start:end]

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
    def headings(self) -> List[Heading]:
        return self.memo("headings", self._find_headings)

    def _find_headings(self) -> List[Heading]:
        headings = []
        lines = list(self.lines())
        for index, (number, _, raw) in enumerate(lines):
            line = raw.strip()
            if not line:
                continue
            if self.is_markdown:
                match = _MD_HEADING.match(line)
                if match:
                    headings.append(Heading(number, len(match.group(1)), match.group(1), match.group(2).strip()))
                continue
            for level, pattern in _NUMBERED_HEADINGS:
                match = pattern.match(line)
                if match:
                    title = line[match.end():].split("。")[0].strip()
                    headings.append(Heading(number, level, match.group(0), title))
                    break
            else:
                before = lines[index - 1][2].strip() if index > 0 else ""
                after = lines[index + 1][2].strip() if index + 1 < len(lines) else ""
                if not before and not after and len(line) <= 25 and line[-1] not in _SENTENCE_END:
                    headings.append(Heading(number, 0, "", line))
        return headings

    def _read_front_matter(self):
        match = _FRONT_MATTER.match(self.source)
        if not match:
            return {}, None
        try:
            data = safe_load(match.group(1) or "")
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = mark.line + 2 if mark else 1
            raise UserError(self.path, f"front matter is not valid YAML: {getattr(error, 'problem', error)}", line)
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise UserError(self.path, "front matter must be a mapping of keys to values", 1)
        return data, match.span()

    def _metadata(self, front_matter: dict, default_date) -> Metadata:
        meta = Metadata(front_matter=front_matter)
        meta.type = _optional_str(front_matter.get("type"))
        if meta.type is None and _PRINT_PERMIT.search(self.text):
            # A printed 准印证号 makes it an internal publication (内部资料性出版物管理办法):
            # the newsletter pack applies without any configuration.
            meta.type = "newsletter"
        meta.org = _optional_str(front_matter.get("org"))
        if front_matter.get("date") is not None:
            meta.date = _front_matter_date(front_matter["date"], self.path)
            meta.date_source = "front matter"
        elif default_date is not None:
            meta.date, meta.date_source = default_date, "config"
        else:
            found = find_masthead_date(self)
            if found:
                meta.date, line = found
                meta.date_source = f"masthead, line {line}"
        return meta


class Suppressions:
    """`<!-- reportlint-disable[-next-line] CODES -->` and `<!-- reportlint-enable CODES -->`."""

    ALL = "*"

    def __init__(self, ranges):
        self.ranges = ranges  # [(first line, last line, code or ALL)]

    @classmethod
    def parse(cls, doc: Document) -> "Suppressions":
        ranges, open_since = [], {}
        for match in _DIRECTIVE.finditer(doc.source):
            line = doc.position(match.start())[0]
            codes = re.split(r"[\s,]+", (match.group(2) or "").strip()) if match.group(2) else [cls.ALL]
            for code in filter(None, codes):
                if match.group(1) == "disable-next-line":
                    ranges.append((line + 1, line + 1, code))
                elif match.group(1) == "disable":
                    open_since.setdefault(code, line)
                elif code == cls.ALL:
                    ranges += [(start, line, c) for c, start in open_since.items()]
                    open_since.clear()
                elif code in open_since:
                    ranges.append((open_since.pop(code), line, code))
        ranges += [(start, doc.line_count, code) for code, start in open_since.items()]
        return cls(ranges)

    def covers(self, rule_id: str, line: int) -> bool:
        return any(
            first <= line <= last and (code == self.ALL or rule_id.startswith(code))
            for first, last, code in self.ranges
        )


DEFAULT_MAX_MB = 20


def read_document(path, default_date=None, factsheet=None, max_mb=DEFAULT_MAX_MB) -> Document:
    """Read and decode a file (UTF-8 with or without BOM, else GB18030)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_mb * 1024 * 1024:
            raise UserError(path, f"is {size / 1024 / 1024:.1f} MB, over the {max_mb:g} MB limit (max-file-mb); skipped")
        data = path.read_bytes()
    except IsADirectoryError:
        raise UserError(path, "is a directory")
    except FileNotFoundError:
        raise UserError(path, "no such file")
    except OSError as error:
        raise UserError(path, f"cannot read file: {error.strerror or error}")
    if b"\x00" in data:
        raise UserError(path, "looks like a binary file (contains NUL bytes); only text files are linted")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UserError(path, "cannot be decoded as UTF-8 or GB18030")
    return Document(text, str(path), path.suffix.lower() in MARKDOWN_SUFFIXES, default_date, factsheet)


# -- publication date from a masthead -------------------------------------

_PRINT_PERMIT = re.compile(r"准印证号?[^\n\d]{0,10}\d{4,}")
_FULL_DATE = re.compile(r"(?<!\d)(\d{4})[ \t　]*\n?[ \t　]*年[ \t　]*\n?[ \t　]*(\d{1,2})[ \t　]*月[ \t　]*(\d{1,2})[ \t　]*日")
_DATE_LABEL = re.compile(r"(?:成文日期|发布日期|印发日期|出版日期|印刷日期|日期)[ \t　]*[:：][ \t　]*$")
_MASTHEAD_TAIL = re.compile(
    r"[ \t　]*(?:[(（]?[ \t　]*(?:总[ \t　]*)?第[ \t　]*\d+[ \t　]*期[ \t　]*[)）]?[ \t　]*"
    r"|[(（]?(?:星期|周)[一二三四五六日天][)）]?[ \t　]*)*$"
)


def find_masthead_date(doc: Document):
    """The first full date standing on its own line (or beside an issue number,
    weekday or a label such as 成文日期：) as (date, line), else None."""
    for match in _FULL_DATE.finditer(doc.text):
        line_start = doc.text.rfind("\n", 0, match.start()) + 1
        line_end = doc.text.find("\n", match.end())
        before = doc.text[line_start:match.start()]
        after = doc.text[match.end(): len(doc.text) if line_end < 0 else line_end]
        if before.strip() and not _DATE_LABEL.search(before):
            continue
        if not _MASTHEAD_TAIL.match(after):
            continue
        try:
            date = datetime.date(*(int(g) for g in match.groups()))
        except ValueError:
            continue
        return date, doc.position(match.start())[0]
    return None


def parse_iso_or_chinese_date(value: str) -> Optional[datetime.date]:
    """2024-02-29 or 2024年2月29日 as a date; None when it is neither or does not exist."""
    match = re.fullmatch(r"\s*(\d{4})\s*(?:-|年)\s*(\d{1,2})\s*(?:-|月)\s*(\d{1,2})\s*日?\s*", value)
    if not match:
        return None
    try:
        return datetime.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


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


def _fenced_code_spans(text: str, start: int):
    spans, fence, fence_start = [], None, 0
    for match in re.finditer(r"^ {0,3}(`{3,}|~{3,}).*$", text[start:], re.M):
        marker = match.group(1)
        if fence is None:
            fence, fence_start = marker, start + match.start()
        elif marker[0] == fence[0] and len(marker) >= len(fence) and not match.group(0).strip()[len(marker):]:
            spans.append((fence_start, start + match.end()))
            fence = None
    if fence is not None:
        spans.append((fence_start, len(text)))
    return spans


_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_DIRECTIVE = re.compile(r"<!--\s*reportlint-(disable-next-line|disable|enable)\b([^>]*?)\s*-->")
_MD_HEADING = re.compile(r"(#{1,6})\s+(.*?)\s*#*$")
_CN_DIGITS = "一二三四五六七八九十"
_NUMBERED_HEADINGS = [
    (1, re.compile(rf"[{_CN_DIGITS}]+、")),
    (2, re.compile(rf"[（(][{_CN_DIGITS}]+[）)]")),
    (3, re.compile(r"\d{1,2}[.．、](?!\d)")),
    (4, re.compile(r"[（(]\d{1,2}[）)]")),
]
_SENTENCE_END = set("。；！？，,;!?：:、")
