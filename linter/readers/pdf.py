"""PDF, read with pdfminer.six, with the typesetting's line breaks undone.

Each page's characters are grouped into lines by their place on the page, as
pdfplumber does; on Chinese PDFs whose quotation marks come from a fallback
font that kept every character in order, where pypdf and pdfminer's own
layout analysis moved the marks (bench/pdf_extractors.py), and doing it on
pdfminer's characters directly takes half of pdfplumber's time.

A line broken by the typesetting is joined to the next (without a space
between Chinese characters), so a sentence, a word or a figure is never cut by
a line or page end; an indented line or an empty line's gap starts a
paragraph (_separator says how it is told). Page numbers and running headers
repeated on most pages are left out. Every line's place in the PDF is kept: a
finding's location gives its `page` and `page_line`.
"""

import io
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import List

from linter.errors import UserError
from linter.readers import Parsed
from linter.patterns import lazy

NAME = "pdf"
SUFFIXES = (".pdf",)

_RUNNING_HEADER_WIDTH = 30  # characters: a running header is a short line, a body line is not
_PAGE_NUMBER = lazy(r"[-—–·\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*[/／]\s*(?:共\s*)?\d{1,4}\s*页?)?[-—–·\s]*")
# The start of a line that cannot be broken off: a figure or Latin word with the marks
# joined to it (10.6%、7.9%，), or a character with the closing marks that may not begin
# a line and the quotation marks that hold on to their neighbours (振。”三).
_UNBREAKABLE_START = lazy(r"[A-Za-z0-9.%+\-/:]+(?:[、，,][A-Za-z0-9.%+\-/:]+)*[、，。；：？！）”’》】〕]*|.(?:[，。、；：？！）》】〕…—]|[“”‘’].?)*")
_SENTENCE_FINAL = "。！？；…：”’）】》!?;:"  # a line ending with one of these may end its paragraph
_MID_SENTENCE_ROOM = 4  # characters of room a line cut mid-sentence may leave before the margin


@dataclass
class _Line:
    text: str
    page: int
    number: int  # 1-based line on its page
    x0: float
    x1: float
    top: float
    height: float
    chars: list = field(default_factory=list)  # pdfminer's character for each character of text (None: a space it adds)

    @property
    def em(self) -> float:
        """The width of one Chinese character on this line, from its length."""
        units = sum(_units(char) for char in self.text)
        return (self.x1 - self.x0) / units if units >= 4 else max(self.height, 1)


def read(data: bytes, path, options) -> Parsed:
    pages = _extract(data, path)
    lines = _drop_furniture(pages)
    if not any(line.text.strip() for line in lines):
        raise UserError(path, "has no text layer (a scanned PDF?); run OCR on it first (e.g. ocrmypdf), then lint the result")
    return _join(lines)


def _extract(data: bytes, path) -> List[List[_Line]]:
    """Each page's lines, from pdfminer's characters (no layout analysis)."""
    from pdfminer.converter import PDFPageAggregator  # imported only when a PDF is read
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFSyntaxError

    pages = []
    try:
        resources = PDFResourceManager(caching=True)
        device = PDFPageAggregator(resources, laparams=None)
        interpreter = PDFPageInterpreter(resources, device)
        for number, page in enumerate(PDFPage.get_pages(io.BytesIO(data)), 1):
            interpreter.process_page(page)
            layout = device.get_result()
            pages.append(_lines_of(list(_characters(layout)), layout.height, number))
    except PDFPasswordIncorrect:
        raise UserError(path, "is password-protected; save a copy without a password and lint that")
    except PDFSyntaxError as error:
        raise UserError(path, f"is not a readable PDF ({error})")
    except Exception as error:  # pdfminer raises many kinds on damaged files; none may escape as a traceback
        raise UserError(path, f"cannot be read as a PDF ({type(error).__name__}: {error})")
    return pages


def _characters(container):
    """The upright characters of a page, also inside form XObjects (LTFigure)."""
    from pdfminer.layout import LTChar, LTFigure

    for item in container:
        if isinstance(item, LTChar) and item.upright:
            yield item
        elif isinstance(item, LTFigure):
            yield from _characters(item)


_SAME_LINE = 3.0  # points: characters whose tops differ by less are on one line (pdfplumber's tolerance)
_GAP = 3.0  # points: a gap wider than this between two characters reads as a space


def _lines_of(chars, page_height: float, page: int) -> List[_Line]:
    """Characters grouped into lines by their top, each line read left to right;
    a gap between characters (a space the PDF does not draw) becomes a space."""
    rows: List[list] = []
    for char in sorted(chars, key=lambda c: (page_height - c.y1, c.x0)):
        top = page_height - char.y1
        if rows and top - rows[-1][0] < _SAME_LINE:
            rows[-1][1].append(char)
        else:
            rows.append([top, [char]])
    lines = []
    for number, (top, row) in enumerate(rows, 1):
        row.sort(key=lambda c: c.x0)
        pieces, previous, owners = [], None, []
        for char in row:
            if previous is not None and char.x0 - previous.x1 > _GAP and not previous.get_text().isspace() and not char.get_text().isspace():
                pieces.append(" ")
                owners.append(None)
            pieces.append(char.get_text())
            owners += [char] * len(pieces[-1])
            previous = char
        text = "".join(pieces)
        stripped = len(text) - len(text.lstrip(" "))
        text = text[stripped:]
        if text.strip():
            lines.append(_Line(text, page, number, row[0].x0, max(c.x1 for c in row), top, max(c.height for c in row), owners[stripped:]))
    return lines


def _drop_furniture(pages: List[List[_Line]]) -> List[_Line]:
    """The lines of every page in order, without page numbers and without a running
    header or footer (the same first or last line on most pages) after its first page."""
    running = Counter()
    for lines in pages:
        for line in {lines[0].text, lines[-1].text} if lines else ():
            if len(line.strip()) <= _RUNNING_HEADER_WIDTH:
                running[_digits_blanked(line)] += 1
    repeated = {text for text, count in running.items() if len(pages) >= 3 and count >= max(3, len(pages) // 2)}
    kept, seen = [], set()
    for lines in pages:
        for position, line in enumerate(lines):
            edge = position in (0, len(lines) - 1)
            if edge and _PAGE_NUMBER.fullmatch(line.text):
                continue
            key = _digits_blanked(line.text)
            if edge and key in repeated:
                if key in seen:
                    continue
                seen.add(key)
            kept.append(line)
    return kept


def _digits_blanked(text: str) -> str:
    return re.sub(r"\d+", "#", text)


def character_boxes(data: bytes, path):
    """For --annotate: the text as read, and for each of its offsets the (page number, (x0, y0,
    x1, y1)) of the character read there, in pdfminer's page coordinates (the origin at the
    media box's lower left corner); spaces the reader adds have none."""
    lines = _drop_furniture(_extract(data, path))
    parsed = _join(lines)
    boxes = {}
    for (offset, _), line in zip(parsed.locations, lines):
        for i, char in enumerate(line.chars[:len(line.text.rstrip())]):
            if char is not None:
                boxes[offset + i] = (line.page, (char.x0, char.y0, char.x1, char.y1))
    return parsed.text, boxes


def _join(lines: List[_Line]) -> Parsed:
    geometry = _Geometry(lines)
    pieces, locations, offset = [], [], 0
    for index, line in enumerate(lines):
        separator = _separator(line, lines[index + 1], geometry) if index + 1 < len(lines) else ""
        text = line.text if separator == "" else line.text.rstrip()  # a space ending a paragraph means nothing
        locations.append((offset, {"page": line.page, "page_line": line.number}))
        pieces += [text, separator]
        offset += len(text) + len(separator)
    return Parsed("".join(pieces), NAME, locations=locations)


class _Geometry:
    """Where a page's lines start and end, and the usual distance from one line to
    the next. Measured on the whole document (a page of short headlines has no
    full line to measure) and shifted per page when its lines start elsewhere
    (books and newsletters mirror the margins of facing pages)."""

    def __init__(self, lines: List[_Line]):
        long = [line for line in lines if len(line.text.strip()) >= 8] or lines
        right = _quantile([line.x1 for line in long], 0.95)
        steps = sorted(b.top - a.top for a, b in zip(lines, lines[1:]) if b.page == a.page and 0 < b.top - a.top < 3 * max(a.height, 1))
        leading = steps[len(steps) // 2] if steps else 1.6 * max(lines[0].height, 1)
        page_lefts = {page: min(line.x0 for line in lines if line.page == page) for page in {line.page for line in lines}}
        left = _quantile(list(page_lefts.values()), 0.5)
        self.pages = {}
        for page, page_left in page_lefts.items():
            shift = page_left - left
            if abs(shift) < 1.5 * max(lines[0].height, 1):
                shift = 0.0
            self.pages[page] = (left + shift, right + shift, leading)


def _quantile(values, share: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * share))]


def _separator(previous: _Line, line: _Line, geometry: "_Geometry") -> str:
    """What stands between two lines: nothing (one sentence broken by the typesetting),
    a space (a broken English phrase), or line breaks (a new paragraph, empty lines)."""
    _, right, leading = geometry.pages[previous.page]
    left = geometry.pages[line.page][0]
    em = max(previous.height, 1)
    if line.page == previous.page:
        steps = (line.top - previous.top) / leading
        if steps >= 1.7:  # paragraph spacing adds up to half a line, an empty line a whole one
            return "\n" * max(2, round(steps))
    if line.x0 > left + 1.5 * em:
        return "\n"  # an indented first line: a new paragraph
    room = right - previous.x1
    ends_sentence = previous.text.rstrip()[-1:] in _SENTENCE_FINAL
    # A sentence cut short close to the margin was cut by the typesetting; a line that
    # ends a sentence continues only when the next line's start could not have fitted.
    if room < _first_unit_width(line.text, line.em) or (not ends_sentence and room < _MID_SENTENCE_ROOM * line.em):
        last, first = previous.text[-1:], line.text[:1]
        # Chinese breaks anywhere (within a word or a figure); English only at a space.
        english = last.isascii() and first.isascii() and (last.isalpha() or last in ",.;:!?)") and (first.isalnum() or first == "(")
        return " " if english else ""
    return "\n"


def _first_unit_width(text: str, em: float) -> float:
    """How wide the start of a line is that could not be broken off (_UNBREAKABLE_START):
    if it would not have fitted at the end of the line before, the typesetting broke
    the line, not the author."""
    unit = _UNBREAKABLE_START.match(text)
    return em * sum(_units(char) for char in (unit.group(0) if unit else text[:1]))


def _units(char: str) -> float:
    """A character's width in Chinese characters (Latin letters and digits about half)."""
    return 1.0 if "\u2e80" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef" or char in "“”‘’—…%\u3000" else 0.6
