"""PDF, read with pdfplumber, with the typesetting's line breaks undone.

pdfplumber orders characters by their place on the page; on Chinese PDFs
whose quotation marks come from a fallback font it kept every character in
order, where pypdf and pdfminer's own layout analysis moved the marks
(bench/pdf_extractors.py). A typeset line that runs to the right margin
continues on the next line (or page): the two are joined, without a space
between Chinese characters, so a sentence, a word or a figure is never cut by a
line end. A line that stops short of the margin ends its paragraph; a gap of
an empty line's height becomes an empty line. Page numbers and running
headers repeated on most pages are left out. Every line's place in the PDF
is kept: a finding's location gives its `page` and `page_line`.
"""

import io
import re
from collections import Counter
from dataclasses import dataclass
from typing import List, Optional

from linter.errors import UserError
from linter.readers import Parsed

NAME = "pdf"
SUFFIXES = (".pdf",)

_PAGE_NUMBER = re.compile(r"[-—–·\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*[/／]\s*(?:共\s*)?\d{1,4}\s*页?)?[-—–·\s]*")
_FULL_WIDTH_SPACE_GAP = re.compile("\u3000 | \u3000")  # pdfplumber sees a gap beside the drawn space too


@dataclass
class _Line:
    text: str
    page: int
    number: int  # 1-based line on its page
    x0: float
    x1: float
    top: float
    height: float


def read(data: bytes, path, options) -> Parsed:
    pages = _extract(data, path)
    lines = _drop_furniture(pages)
    if not any(line.text.strip() for line in lines):
        raise UserError(path, "has no text layer (a scanned PDF?); run OCR on it first (e.g. ocrmypdf), then lint the result")
    return _join(lines)


def _extract(data: bytes, path) -> List[List[_Line]]:
    import pdfplumber  # imported only when a PDF is read
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    pages = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for index, page in enumerate(pdf.pages, 1):
                # keep_blank_chars: a drawn full-width space (李　强) stays one, not a gap turned into " "
                found = page.extract_text_lines(strip=True, return_chars=False, keep_blank_chars=True)
                pages.append([_Line(_FULL_WIDTH_SPACE_GAP.sub("\u3000", row["text"]), index, number, row["x0"], row["x1"], row["top"], row["bottom"] - row["top"])
                              for number, row in enumerate(found, 1)])
                page.close()  # its parsed objects, so a long PDF stays small in memory
    except PDFPasswordIncorrect:
        raise UserError(path, "is password-protected; save a copy without a password and lint that")
    except PDFSyntaxError as error:
        raise UserError(path, f"is not a readable PDF ({error})")
    except Exception as error:  # pdfminer raises many kinds on damaged files; none may escape as a traceback
        raise UserError(path, f"cannot be read as a PDF ({type(error).__name__}: {error})")
    return pages


def _drop_furniture(pages: List[List[_Line]]) -> List[_Line]:
    """The lines of every page in order, without page numbers and without a running
    header or footer (the same first or last line on most pages) after its first page."""
    running = Counter()
    for lines in pages:
        for line in {lines[0].text, lines[-1].text} if lines else ():
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


def _join(lines: List[_Line]) -> Parsed:
    pages = _geometry(lines)
    pieces, locations, offset = [], [], 0
    previous: Optional[_Line] = None
    for line in lines:
        if previous is not None:
            separator = _separator(previous, line, pages)
            pieces.append(separator)
            offset += len(separator)
        locations.append((offset, {"page": line.page, "page_line": line.number}))
        pieces.append(line.text)
        offset += len(line.text)
        previous = line
    return Parsed("".join(pieces), NAME, locations=locations)


@dataclass
class _Page:
    left: float  # where most lines start
    right: float  # where most long lines end
    leading: float  # the usual distance from one line to the next


def _geometry(lines: List[_Line]) -> dict:
    pages = {}
    for page in sorted({line.page for line in lines}):
        own = [line for line in lines if line.page == page]
        long = [line for line in own if len(line.text) >= 8] or own
        steps = sorted(b.top - a.top for a, b in zip(own, own[1:]) if 0 < b.top - a.top < 3 * max(a.height, 1))
        pages[page] = _Page(
            left=_quantile([line.x0 for line in own], 0.2),
            right=_quantile([line.x1 for line in long], 0.9),
            leading=steps[len(steps) // 2] if steps else 1.6 * max(own[0].height, 1),
        )
    return pages


def _quantile(values, share: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * share))]


def _separator(previous: _Line, line: _Line, pages: dict) -> str:
    """What stands between two lines: nothing (one sentence broken by the typesetting),
    a space (a broken English phrase), or line breaks (a new paragraph, empty lines)."""
    before, after = pages[previous.page], pages[line.page]
    em = max(previous.height, 1)
    if line.page == previous.page:
        # Paragraph spacing adds up to about half a line; an empty line adds a whole one.
        steps = (line.top - previous.top) / before.leading
        if steps >= 1.7:  # paragraph spacing adds up to half a line, an empty line a whole one
            return "\n" * max(2, round(steps))
    full = previous.x1 >= before.right - 1.5 * em
    indented = line.x0 > after.left + 1.5 * em
    if full and not indented:
        last, first = previous.text[-1:], line.text[:1]
        # Chinese breaks anywhere (within a word or a figure); English only at a space.
        english = last.isascii() and first.isascii() and (last.isalpha() or last in ",.;:!?)") and (first.isalnum() or first == "(")
        return " " if english else ""
    return "\n"
