"""--annotate on a PDF: a copy with a highlight annotation on each finding's characters and
the finding (rule id, message, 建议改为：…) as its note, author reportlint.

The characters' boxes are pdfminer's, as the PDF reader read them (linter/readers/pdf.py
character_boxes); a finding's characters are highlighted line by line (one quadrilateral per
line of the page), one annotation per page it is on. A finding on no drawn character (a space
the reader added between lines) is put on the nearest character before it. The annotations
are written with pypdf; the rest of the file is copied as it is.
"""

import io
from typing import List

from linter.errors import UserError

AUTHOR = "reportlint"
_COLOURS = {"error": "ff6b6b", "warning": "ffd43b", "info": "74c0fc"}


def annotate(data: bytes, notes, path="<pdf>") -> bytes:
    """The PDF `data` with a highlight on each violation of `notes`, (violation, note text) pairs."""
    try:
        from pypdf import PdfReader, PdfWriter
    except ImportError:
        raise UserError(path, "highlighting a PDF needs pypdf: pip install pypdf") from None
    from linter.readers.pdf import character_boxes

    text, boxes = character_boxes(data, path)
    starts = [0]
    for line in text.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    try:
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
        for violation, note in notes:
            start = _offset(starts, violation.line, violation.column)
            end = max(_offset(starts, violation.end_line, violation.end_column), start + 1)
            for page, quads in _quads(_covered(boxes, start, end)).items():
                _highlight(writer, page, quads, note, violation.severity)
        out = io.BytesIO()
        writer.write(out)
    except Exception as error:  # pypdf raises many kinds on a damaged file that pdfminer could still read
        raise UserError(path, f"cannot be copied with pypdf ({type(error).__name__}: {error})") from None
    return out.getvalue()


def _offset(starts, line: int, column: int) -> int:
    line = max(1, min(line, len(starts) - 1))
    return starts[line - 1] + column - 1


def _covered(boxes: dict, start: int, end: int) -> list:
    """The (page, box) of the drawn characters in [start, end), else of the nearest one before."""
    found = [boxes[offset] for offset in range(start, end) if offset in boxes]
    if found or not boxes:
        return found
    before = [offset for offset in boxes if offset < start]
    return [boxes[max(before) if before else min(boxes)]]


def _quads(covered) -> dict:
    """page -> one box per line of the page the characters are on (the characters of a line
    overlap vertically), in reading order."""
    pages = {}
    for page, (x0, y0, x1, y1) in covered:
        lines: List[list] = pages.setdefault(page, [])
        last = lines[-1] if lines else None
        if last is not None and y0 < last[3] and y1 > last[1] and x0 >= last[0] - 1:
            last[:] = [min(last[0], x0), min(last[1], y0), max(last[2], x1), max(last[3], y1)]
        else:
            lines.append([x0, y0, x1, y1])
    return pages


def _highlight(writer, page: int, quads, note: str, severity: str) -> None:
    from pypdf.annotations import Highlight
    from pypdf.generic import ArrayObject, FloatObject, NameObject, TextStringObject

    box = writer.pages[page - 1].mediabox  # pdfminer's coordinates start at the media box's corner
    dx, dy = float(box.left), float(box.bottom)
    quads = [(x0 + dx, y0 + dy, x1 + dx, y1 + dy) for x0, y0, x1, y1 in quads]
    points = ArrayObject(FloatObject(v) for x0, y0, x1, y1 in quads for v in (x0, y1, x1, y1, x0, y0, x1, y0))
    rect = (min(q[0] for q in quads), min(q[1] for q in quads), max(q[2] for q in quads), max(q[3] for q in quads))
    annotation = Highlight(rect=rect, quad_points=points, highlight_color=_COLOURS.get(severity, "ffd43b"), printing=True)
    annotation[NameObject("/T")] = TextStringObject(AUTHOR)
    annotation[NameObject("/Contents")] = TextStringObject(note)
    writer.add_annotation(page - 1, annotation)
