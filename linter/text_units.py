"""Units of Chinese text every module means the same way: what a Chinese
character is, where sentences end, and whether an offset is inside a cited
title (《…》)."""

import bisect
import re

HAN = r"[\u4e00-\u9fff]"  # a Chinese character (CJK Unified Ideographs)
SENTENCE_END = "。；;！!？?\n"  # the marks (and line break) that end a sentence or a clause of one
FULL_STOP = "。！!？?\n"  # those that end a whole sentence (not ；)
# How far back from a mention its sentence is read, at most: a text that lost its
# sentence ends is no sentence, and reading all of it for every figure is quadratic
# (a 100,000-character line of clauses joined by ，: FG001 took 500 s).
SENTENCE_REACH = 400


class Sentences:
    """Where the sentence around an offset starts and ends, found by bisection
    (searching the text for each figure would make large files quadratic)."""

    def __init__(self, text: str, ends: str = SENTENCE_END, within: "Sentences" = None):
        """`within`: sentences of the same text split at more marks than `ends` (its
        breaks are picked from, not searched for again)."""
        self.length = len(text)
        if within is not None:
            self.breaks = [offset for offset in within.breaks if text[offset] in ends]
        else:
            self.breaks = [m.start() for m in re.finditer("[" + re.escape(ends) + "]", text)]

    def start(self, offset: int) -> int:
        index = bisect.bisect_left(self.breaks, offset)
        return self.breaks[index - 1] + 1 if index else 0

    def end(self, offset: int) -> int:
        index = bisect.bisect_left(self.breaks, offset)
        return self.breaks[index] if index < len(self.breaks) else self.length


def clause_before(text: str, end: int, reach: int = 30) -> str:
    """The clause before `end`, back to a punctuation mark or a line break (at most `reach` characters)."""
    start = end
    while start > 0 and text[start - 1] not in "，。；：！？、“”\n,;:!?" and end - start < reach:
        start -= 1
    return text[start:end]


def line_start(doc, offset: int) -> int:
    """Offset where the line holding `offset` starts, bisected in the document's
    line starts (searching back along a 20 MB line for every mention is quadratic)."""
    return offset - doc.position(offset)[1] + 1


class _Depths:
    """Every opening and closing mark (《 and 》, or “ and ”) and line break of a text,
    with the depth of the pairs open after it (0 at a line break): whether an offset
    is inside a pair is one bisection."""

    def __init__(self, text: str, opening: str, closing: str):
        self.marks, self.depths = [], []
        depth = 0
        for match in re.finditer(f"[{opening}{closing}\n]", text):
            char = match.group(0)
            depth = 0 if char == "\n" else depth + (1 if char == opening else -1)
            self.marks.append(match.start())
            self.depths.append(depth)

    def depth(self, offset: int) -> int:
        index = bisect.bisect_left(self.marks, offset)
        return self.depths[index - 1] if index else 0


def in_book_title(doc, offset: int) -> bool:
    """Whether an offset of `doc.text` lies inside 《…》 opened earlier on its line
    (a cited title): more 《 than 》 between the line's start and the offset."""
    return doc.memo("book-titles", lambda: _Depths(doc.text, "《", "》")).depth(offset) > 0


def in_quotation(doc, offset: int) -> bool:
    """Whether an offset of `doc.text` lies inside “…” opened earlier on its line."""
    return doc.memo("quotations", lambda: _Depths(doc.text, "“", "”")).depth(offset) > 0
