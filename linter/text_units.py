"""Units of Chinese text every module means the same way: what a Chinese
character is, where sentences end, and whether an offset is inside a cited
title (《…》)."""

import bisect
import re

HAN = r"[\u4e00-\u9fff]"  # a Chinese character (CJK Unified Ideographs)
SENTENCE_END = "。；;！!？?\n"  # the marks (and line break) that end a sentence or a clause of one
FULL_STOP = "。！!？?\n"  # those that end a whole sentence (not ；)


class Sentences:
    """Where the sentence around an offset starts and ends, found by bisection
    (searching the text for each figure would make large files quadratic)."""

    def __init__(self, text: str, ends: str = SENTENCE_END):
        self.length = len(text)
        self.breaks = [m.start() for m in re.finditer("[" + re.escape(ends) + "]", text)]

    def start(self, offset: int) -> int:
        index = bisect.bisect_left(self.breaks, offset)
        return self.breaks[index - 1] + 1 if index else 0

    def end(self, offset: int) -> int:
        index = bisect.bisect_left(self.breaks, offset)
        return self.breaks[index] if index < len(self.breaks) else self.length


def in_book_title(text: str, offset: int) -> bool:
    """Whether an offset lies inside 《…》 opened earlier on its line (a cited title)."""
    start = text.rfind("\n", 0, offset) + 1
    return text.count("《", start, offset) > text.count("》", start, offset)  # counted in place: no copy of a long line
