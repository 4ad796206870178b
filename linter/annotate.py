"""--annotate: a copy of each linted Word file with every finding as a comment (批注).

A finding's line is a paragraph of the reader's walk (linter/readers/docx.py), its
columns characters of that paragraph's text; the runs holding those characters are
split at the finding's boundaries (each piece keeps the run's formatting) and the
comment spans exactly them. A finding in a header, footer or note is put on the
nearest body paragraph (the one citing the note, else the first) with its place named,
since Word shows no comments there. The original is never written; the copy is
written to a temporary file and renamed into place.
"""

import io
import os
from collections import Counter
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional, Tuple

from linter.errors import UserError
from linter.wordml import W as _W, characters, cut

AUTHOR, INITIALS = "reportlint", "RL"


@dataclass
class Annotated:
    written: List[Tuple[str, str, int]] = field(default_factory=list)  # (original, copy, comments)
    failed: List[Tuple[str, str]] = field(default_factory=list)  # (path, why)


def annotate_results(results, folder, base: Path) -> Annotated:
    """Write into `folder` an annotated copy of every .docx and .pdf result, at its path relative
    to `base` (a .doc, .wps, .rtf or .odt read through LibreOffice: a .docx copy of it; a PDF's
    copy has highlights: linter/annotate_pdf.py)."""
    from linter.readers import office, reader_for

    done, planned = Annotated(), []
    for result in results:
        reader = reader_for(result.path)
        if result.error or reader is None or reader.NAME not in ("docx", "office", "pdf"):
            continue
        source = Path(result.path)
        try:
            relative = source.resolve().relative_to(base)
        except ValueError:
            relative = Path(source.name)
        planned.append((result, reader, source, Path(folder) / relative))
    # a .doc, .wps …: its .docx conversion gets the comments, as 报告.docx, or 报告.doc.docx when
    # another file of the run would have that name
    names = Counter(target.with_suffix(".docx") if reader is office else target for _, reader, _, target in planned)
    for result, reader, source, target in planned:
        if reader is office:
            target = target.with_suffix(".docx") if names[target.with_suffix(".docx")] == 1 else target.with_name(target.name + ".docx")
        if target.resolve() == source.resolve():
            done.failed.append((result.path, "the copy would overwrite the original"))
            continue
        try:
            data = source.read_bytes()
            if reader is office:
                data = office.to_docx(data, result.path)
            if reader.NAME == "pdf":
                from linter.annotate_pdf import annotate as annotate_pdf

                data = annotate_pdf(data, [(v, comment_text(v)) for v in result.violations], result.path)
            else:
                data = annotate(data, result.violations, result.path)
            _write_atomic(target, data)
        except UserError as error:
            done.failed.append((result.path, str(error)))
            continue
        except OSError as error:
            done.failed.append((result.path, f"cannot write {target}: {error.strerror or error}"))
            continue
        done.written.append((result.path, str(target), len(result.violations)))
    return done


def annotate(data: bytes, violations, path="<docx>") -> bytes:
    """The .docx `data` with a comment on each violation."""
    import docx

    from linter.readers import docx as reader

    document = docx.Document(io.BytesIO(data))
    elements = reader.walk(document).elements
    for violation in violations:
        start = _place(elements, violation.line, violation.column)
        end = _place(elements, violation.end_line, violation.end_column)
        text = comment_text(violation)
        if start is None or start[1] is not None:
            runs = _whole_paragraph(document, elements, start)
            text = f"[{_part_name(start)}] " + text
        else:
            runs = _span(document, start[0], start[2], end[0] if end and end[1] is None else start[0],
                         end[2] if end and end[1] is None else None)
        if runs is None:
            raise UserError(path, f"line {violation.line}: no text to put a comment on")
        document.add_comment(runs, text=text, author=AUTHOR, initials=INITIALS)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def comment_text(violation) -> str:
    """Rule id, message, and the fix when there is one."""
    text = f"{violation.rule} {violation.message}"
    if violation.fix is not None and violation.fix.edits:
        text += "\n建议改为：" + "".join(edit.content for edit in violation.fix.edits)
    return text


def _place(elements, line: int, column: int) -> Optional[tuple]:
    """(paragraph element, part, character index) of a 1-based line and column."""
    if not 1 <= line <= len(elements):
        return None
    paragraph, part = elements[line - 1]
    return paragraph, part, column - 1


def _part_name(start) -> str:
    return start[1] if start is not None and start[1] else "正文"


def _span(document, first, start: int, last, end: Optional[int]):
    """The first and last run covering characters [start, end) of paragraph `first` … `last`
    (end None: to the paragraph's end), split at both boundaries; None when the span holds no run."""
    from docx.text.run import Run

    first_chars, last_chars = characters(first), characters(last)
    if not first_chars or not last_chars:
        return None
    start = max(0, min(start, len(first_chars) - 1))
    end = len(last_chars) if end is None else max(1, min(end, len(last_chars)))
    if first is last and end <= start:
        end = min(start + 1, len(last_chars))
    if first is last:
        runs = cut(first, start, end)
    else:
        runs = cut(first, start, len(first_chars))[:1] + cut(last, 0, end)[-1:]
    return [Run(runs[0], None), Run(runs[-1], None)]


def _whole_paragraph(document, elements, start):
    """The runs of the body paragraph nearest a finding outside the body: the paragraph citing
    its footnote, else the first body paragraph with text."""
    body = [p for p, part in elements if part is None and characters(p)]
    target = None
    if start is not None:
        note = start[0].iterancestors(_W + "footnote", _W + "endnote")
        note = next(note, None)
        if note is not None:
            kind = "footnoteReference" if note.tag == _W + "footnote" else "endnoteReference"
            for paragraph in body:
                if any(ref.get(_W + "id") == note.get(_W + "id") for ref in paragraph.iter(_W + kind)):
                    target = paragraph
                    break
    target = target if target is not None else (body[0] if body else None)
    if target is None:
        return None
    return _span(document, target, 0, target, None)


def _write_atomic(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".reportlint-", suffix=target.suffix)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, target)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
