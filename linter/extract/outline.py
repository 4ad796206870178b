"""A document's outline: its headings, read once per document (`headings(doc)`).

Headings come from the format's markup (Markdown `#`, Word heading styles)
and, unless the format says its markup is the only source (Markdown), from
Chinese numbering at the start of a line (一、 （一） 1. （1）) and from short
lines standing alone between blank lines (level 0, unnumbered).
"""

import re
from dataclasses import dataclass
from typing import List

MARKUP, NUMBERING, LAYOUT = "markup", "numbering", "layout"


@dataclass(frozen=True)
class Heading:
    line: int
    level: int  # 1 一、  2 （一）  3 1.  4 （1）; markup: its level (# count, Heading N); 0 an unnumbered short line
    numbering: str
    text: str
    source: str = NUMBERING  # MARKUP, NUMBERING or LAYOUT: what made it a heading


def headings(doc) -> List[Heading]:
    return doc.memo("headings", lambda: _find(doc))


def _find(doc) -> List[Heading]:
    found = []
    lines = [raw.strip() for _, _, raw in doc.lines()]
    for index, line in enumerate(lines):
        number = index + 1
        if not line:
            continue
        numbered = _numbering(line) if doc.numbered_headings else None
        if number in doc.heading_levels:
            level = doc.heading_levels[number]
            match = _MD_HEADING.match(line)
            title = match.group(2) if match else line
            prefix = _numbering(title)
            found.append(Heading(number, level, prefix[1] if prefix else "", title.strip(), MARKUP))
        elif numbered:
            level, numbering = numbered
            title = line[len(numbering):].split("。")[0].strip()
            found.append(Heading(number, level, numbering, title))
        elif doc.numbered_headings:
            before = lines[index - 1] if index > 0 else ""
            after = lines[index + 1] if index + 1 < len(lines) else ""
            if not before and not after and len(line) <= 25 and line[-1] not in _SENTENCE_END:
                found.append(Heading(number, 0, "", line, LAYOUT))
    return found


def _numbering(line: str):
    """(level, the numbering) when a line starts with a heading number."""
    for level, pattern in _NUMBERED_HEADINGS:
        match = pattern.match(line)
        if match:
            return level, match.group(0)
    return None


_MD_HEADING = re.compile(r"(#{1,6})\s+(.*?)\s*#*$")
_CN_DIGITS = "一二三四五六七八九十"
_NUMBERED_HEADINGS = [
    (1, re.compile(rf"[{_CN_DIGITS}]+、")),
    (2, re.compile(rf"[（(][{_CN_DIGITS}]+[）)]")),
    (3, re.compile(r"\d{1,2}[.．、](?!\d)")),
    (4, re.compile(r"[（(]\d{1,2}[）)]")),
]
_SENTENCE_END = set("。；！？，,;!?：:、")
