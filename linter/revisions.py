"""--fix on Word files: every fix written into the .docx as a tracked change (修订), a
w:del of the characters it replaces and a w:ins of its text (author reportlint, the
current time), which the editor accepts or rejects in Word.

The fixes of all passes (linter/fixes.py) are first made replacements of the original
text (`replacements`); each is put on the runs holding its characters, cut at its ends
(linter/wordml.py), the inserted run copying the formatting of the characters it
replaces (of the one before, for a pure insertion). Accepting every change gives the
fixed text and rejecting every change the original: the result is read again and
checked before anything is written.
"""

import copy
import io
from datetime import datetime, timezone
from typing import List, Optional, Tuple

from linter.wordml import XML_SPACE, W, characters, cut, run_of, split_before

AUTHOR = "reportlint"


def replacements(original: str, passes) -> List[Tuple[int, int, str]]:
    """The edits of successive passes (each pass's edits in the text the pass before left) as
    replacements of the original text: (start, end, new text), in order, none overlapping."""
    text, origin = list(original), list(range(len(original)))  # origin: each character's offset in the original, or None
    for edits in passes:
        for edit in sorted(edits, key=lambda e: e.start, reverse=True):
            text[edit.start:edit.end] = edit.content
            origin[edit.start:edit.end] = [None] * len(edit.content)
    out, expected, inserted = [], 0, []
    for char, offset in zip(text + ["\0"], origin + [len(original)]):  # the end closes the last replacement
        if offset is None:
            inserted.append(char)
            continue
        if offset != expected or inserted:
            out.append(_trimmed(original, expected, offset, "".join(inserted)))
            inserted = []
        expected = offset + 1
    return out


def _trimmed(original: str, start: int, end: int, content: str) -> Tuple[int, int, str]:
    """A replacement without the characters it keeps at its ends (的的 -> 的 deletes one 的),
    so the tracked change shows what changed."""
    while start < end and content and original[start] == content[0]:
        start, content = start + 1, content[1:]
    while start < end and content and original[end - 1] == content[-1]:
        end, content = end - 1, content[:-1]
    return start, end, content


def tracked(data: bytes, doc, passes) -> bytes:
    """The .docx `data` (whose text is `doc`'s) with the fixes of `passes` as tracked changes."""
    import docx

    from linter.readers import docx as reader

    document = docx.Document(io.BytesIO(data))
    walked = reader.walk(document)
    elements = walked.elements
    starts = [0]
    for line in doc.source.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    stamp = {W + "author": AUTHOR, W + "date": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}
    ids = _Ids(document, elements)
    by_line = {}
    for start, end, content in replacements(doc.source, passes):
        line = _line_of(starts, start)
        by_line.setdefault(line, []).append((start - starts[line], end - starts[line], content))
    for line, changes in by_line.items():
        paragraph = elements[line][0]
        for start, end, content in sorted(changes, reverse=True):  # from the end: earlier columns stay valid
            _track(paragraph, start, end, content, stamp, ids)
    for element, part in walked.detached:  # footnotes and endnotes were read from a copy of their part
        from lxml import etree

        part._blob = etree.tostring(element, xml_declaration=True, encoding="UTF-8", standalone=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _line_of(starts, offset) -> int:
    import bisect

    return bisect.bisect_right(starts, offset) - 1


class _Ids:
    """Fresh w:id values, above every one the document uses (comments, bookmarks, changes)."""

    def __init__(self, document, elements):
        roots = {id(root): root for root in [document.element] + [p.getroottree().getroot() for p, _ in elements]}.values()
        used = [int(v) for root in roots for node in root.iter() for v in [node.get(W + "id")] if v and v.lstrip("-").isdigit()]
        self.next = max(used, default=0) + 1

    def __call__(self) -> str:
        self.next += 1
        return str(self.next - 1)


def _track(paragraph, start: int, end: int, content: str, stamp: dict, ids) -> None:
    """Characters [start, end) of the paragraph deleted and `content` inserted in their place, tracked."""
    chars = characters(paragraph)
    runs = cut(paragraph, start, end)
    if runs:
        template, anchor = runs[0], None
        for run in runs:
            deletion = paragraph.makeelement(W + "del", {W + "id": ids(), **stamp})
            run.addprevious(deletion)
            deletion.append(run)
            for node in run.iter(W + "t", W + "instrText"):
                node.tag = W + "delText" if node.tag == W + "t" else W + "delInstrText"
            anchor = deletion
        node, after = anchor, True
    elif start < len(chars):
        node, after = split_before(*chars[start]), False
        template = run_of(chars[start - 1][0]) if start else node
    elif chars:
        template = node = run_of(chars[-1][0])
        after = True
    else:
        template, node, after = None, None, True
    if not content:
        return
    insertion = paragraph.makeelement(W + "ins", {W + "id": ids(), **stamp})
    run = insertion.makeelement(W + "r", {})
    properties = template.find(W + "rPr") if template is not None else None
    if properties is not None:
        run.append(copy.deepcopy(properties))
    for i, piece in enumerate(content.split("\t")):
        if i:
            run.append(run.makeelement(W + "tab", {}))
        if piece:
            text = run.makeelement(W + "t", {XML_SPACE: "preserve"})
            text.text = piece
            run.append(text)
    insertion.append(run)
    if node is None:
        paragraph.append(insertion)
        return
    node, after = _out_of_insertions(node, after, ids)
    (node.addnext if after else node.addprevious)(insertion)


def _out_of_insertions(node, after: bool, ids):
    """Where to put an insertion next to `node` (after it or before it) outside any w:ins around it
    (another author's insertion, which cannot hold ours): that w:ins is split in two there."""
    parent = node.getparent()
    while parent is not None and parent.tag in (W + "ins", W + "moveTo"):
        children = list(parent)
        at = children.index(node) + (1 if after else 0)
        if 0 < at < len(children):
            rest = parent.makeelement(parent.tag, dict(parent.attrib))
            rest.set(W + "id", ids())
            for child in children[at:]:
                rest.append(child)
            parent.addnext(rest)
            after = True
        else:
            after = at > 0
        node, parent = parent, parent.getparent()
    return node, after


def track(data: bytes, doc, fixed) -> bytes:
    """The .docx `data`, read as `doc`, with the fixes of `fixed` (linter/fixes.Fixed) as tracked
    changes; a UserError when the file is no longer `doc` or the result would not read as the fix."""
    from linter.errors import UserError
    from linter.readers import docx as reader

    if reader.read(data, doc.path, {}).text != doc.source:
        raise UserError(doc.path, "it changed since it was read")
    try:
        result = tracked(data, doc, fixed.passes)
    except Exception as error:  # an odd part python-docx or lxml trips on: say so, never a traceback
        raise UserError(doc.path, f"cannot write tracked changes into it ({type(error).__name__}: {error})") from None
    if reader.read(result, doc.path, {}).text != fixed.text:
        raise UserError(doc.path, "its tracked changes would not give the fixed text (a fix inside a field?)")
    return result
