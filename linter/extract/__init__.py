"""Shared fact extraction: one module per kind of fact, computed once per document."""


def finditer_around(pattern, text: str, anchors, longest: int):
    """The matches `pattern.finditer(text)` gives, for a pattern whose every match
    holds one of the offsets `anchors` (in increasing order: where a rare character
    or word stands), is at most `longest` characters long, is never empty, and does
    not look past its end ($, \\b or a look-ahead after its last character): each is
    searched for only in the `longest` characters around an anchor, and the rest of
    the text is skipped (a pattern tried at every offset costs more than the scan).

    Why the same: the next match of finditer, from `end`, starts at the leftmost
    offset s ≥ end where the pattern matches; the first anchor a ≥ s lies in that
    match, so s > a - longest, and its match ends within a + longest, where the
    search is cut. No match starts between `end` and s, so the searches of the
    anchors before a find none that starts at or before their anchor, and the one of
    a finds s."""
    end = 0
    for anchor in anchors:
        if anchor < end:
            continue
        match = pattern.search(text, max(end, anchor - longest + 1), anchor + longest)
        if match is not None and match.start() <= anchor:
            yield match
            end = match.end()


def offsets_of(text: str, words) -> list:
    """Every offset where one of `words` begins, in increasing order (found by str.find, in C)."""
    found = []
    for word in words:
        start = text.find(word)
        while start >= 0:
            found.append(start)
            start = text.find(word, start + 1)
    found.sort()
    return found


def finditer_from_anchors(pattern, text: str, anchors, lowest_start):
    """The matches `pattern.finditer(text)` gives, for a pattern whose every match is
    non-empty and holds one of the offsets `anchors` (increasing), where a match whose
    first anchor is `a` begins at `lowest_start(a)` or later: it is tried only at those
    offsets up to each anchor (a pattern tried at every offset costs more).

    Why the same: the next match of finditer, from `end`, begins at the leftmost
    offset s >= end where the pattern matches, and the first anchor a >= s is its
    first, so lowest_start(a) <= s <= a; no match begins between `end` and s, so the
    offsets tried for the anchors before a (all before s) match nothing, and those of
    a find s first."""
    end = 0
    for anchor in anchors:
        if anchor < end:
            continue
        for start in range(max(end, lowest_start(anchor)), anchor + 1):
            match = pattern.match(text, start)
            if match is not None:
                yield match
                end = match.end()
                break
