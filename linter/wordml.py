"""Runs of a Word paragraph (WordprocessingML, lxml): which run holds each character of the
paragraph's text as linter/readers/docx.py reads it, and cutting runs so that a span of
characters is exactly a list of whole runs. Used by --annotate (comments on a span,
linter/annotate.py) and by --fix on Word files (tracked changes, linter/revisions.py).
"""

import copy

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_TEXT_NODES = (W + "t", W + "tab", W + "br", W + "cr", W + "noBreakHyphen", W + "sym")


def characters(paragraph) -> list:
    """For each character of the paragraph's text as the reader gives it, the (w:t node, index)
    it comes from, or (other node, None) for a tab, a hyphen or a kept line break."""
    from linter.readers.docx import _is_han

    raw = []  # (char, node, index) before line breaks are folded
    for node in paragraph.iter(*_TEXT_NODES):
        if any(ancestor.tag in (W + "del", W + "moveFrom") for ancestor in node.iterancestors()):
            continue
        if node.tag == W + "t":
            raw.extend((char, node, i) for i, char in enumerate(node.text or ""))
        elif node.tag == W + "tab":
            raw.append(("\t", node, None))
        elif node.tag == W + "noBreakHyphen":
            raw.append(("-", node, None))
        elif node.tag in (W + "br", W + "cr"):
            raw.append(("\n", node, None))
    kept = []
    for i, (char, node, index) in enumerate(raw):
        if char == "\n":  # the reader drops it at the ends and between Chinese characters, else a space
            if i == 0 or i == len(raw) - 1 or (_is_han(raw[i - 1][0]) and _is_han(raw[i + 1][0])):
                continue
        kept.append((node, index))
    return kept


def run_of(node):
    """The w:r holding a node."""
    while node is not None and node.tag != W + "r":
        node = node.getparent()
    return node


def cut(paragraph, start: int, end: int) -> list:
    """The runs holding characters [start, end) of the paragraph, in order, after splitting the
    runs at both ends (each piece keeps its run's formatting); [] for an empty span."""
    chars = characters(paragraph)
    if not 0 <= start < end <= len(chars):
        return []
    if end < len(chars):
        split_before(*chars[end])
    split_before(*chars[start])
    runs = []
    for node, _ in characters(paragraph)[start:end]:  # splitting keeps the text, so the indexes hold
        run = run_of(node)
        if not runs or runs[-1] is not run:
            runs.append(run)
    return runs


def split_before(node, index):
    """Split the run holding `node` so that a run starts at character `index` of it (a w:t),
    or at the node itself (index None); return that run. The new run copies the formatting."""
    run = run_of(node)
    if index:  # inside a w:t: cut the text in two
        tail = copy.deepcopy(node)
        tail.text, node.text = node.text[index:], node.text[:index]
        for piece in (node, tail):
            piece.set(XML_SPACE, "preserve")
        node.addnext(tail)
        node = tail
    # the run's content before `node` (its formatting w:rPr aside) stays; the rest moves
    child = node
    while child.getparent() is not run:
        child = child.getparent()
    children = list(run)
    before = [c for c in children[:children.index(child)] if c.tag != W + "rPr"]
    if not before:
        return run
    new = run.makeelement(run.tag, run.attrib)
    properties = run.find(W + "rPr")
    if properties is not None:
        new.append(copy.deepcopy(properties))
    for c in [child] + list(child.itersiblings()):
        new.append(c)
    run.addnext(new)
    return new
