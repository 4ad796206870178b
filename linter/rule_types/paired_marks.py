"""`paired-marks`: paired punctuation (“” ‘’ （） 《》 〈〉 【】 〔〕) counted across
the whole document, so that a pair may span lines and PDF paragraph breaks.

A quotation over several paragraphs repeats only its opening mark at the
start of each paragraph (GB/T 15834-2011 4.8): an opening mark at the start
of a line, while the same mark is still open, continues that quotation. A
closing parenthesis after a sequence number (`1）`, `一）`) is an enumeration,
not half of a pair. An apostrophe (’99, it’s) is not a closing quote.

Option `check` chooses what a rule reports:

- `balance`: an opening mark never closed, a closing mark never opened,
  pairs that cross (（…《…）…》), and a full-width parenthesis closed by a
  half-width one or the reverse (（22mmHg)), reported there and counted as a
  pair so that the rest of the file is not re-paired. Half-width parentheses
  are otherwise not judged (TY002 reports them in Chinese text). A run of
  》》 or 《《 is an arrow of web text (》》点击进入), and 〈 or 〉 between a
  letter or digit and a number is a less-than or greater-than sign
  (P〈0.05, reported by its own rule): neither is half of a pair.
- `nesting`: a pair opened again inside itself on the same line (“…“…”…”,
  《…《…》…》); the inner one should be its alternate (`alternate`: “ → ‘,
  《 → 〈 by default). Reported only in a document whose marks otherwise balance.
"""

import re
from collections import Counter, defaultdict

from linter import patterns
from linter.rule_types import Hit, RuleType

DEFAULT_PAIRS = ["“”", "‘’", "（）", "《》", "〈〉", "【】", "〔〕"]
DEFAULT_ALTERNATE = {"“": "‘", "‘": "“", "《": "〈"}

# A closing parenthesis right after a sequence number that starts a line or
# follows a mark or space (1）, 二）, a）) closes an enumeration, not a pair.
_ENUMERATION = patterns.compile(r"(?:^|(?<=[\s，；。：、]))(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3}|[a-zA-Z])[）)]", re.M)
# ’ between letters or before two digits is an apostrophe (it’s, ’99).
_APOSTROPHE = patterns.compile(r"(?<=[A-Za-z])’(?=[A-Za-z])|’(?=\d\d(?!\d))")
_SPACE = " \t\u3000\ufeff\u200b"
_NON_SPACE = patterns.compile("[^" + _SPACE + "]")
# 》》点击进入, 《《返回: arrows, not book-title marks.
_ARROWS = patterns.compile(r"》{2,}|《{2,}")
# P〈0.05, n〉30: a comparison sign typed as an angle bracket.
_COMPARISON = patterns.compile(r"(?<=[A-Za-z0-9)）])[ \t]*[〈〉](?=[ \t]*[0-9.])")
_HALF_WIDTH = {"(": "（", ")": "）"}


class PairedMarks(RuleType):
    name = "paired-marks"
    fields = frozenset({"found", "expected", "problem"})  # what its messages may name
    gives_expected = False  # its `expected` says what is wanted, not text to write
    schema = {
        "properties": {
            "check": {"enum": ["balance", "nesting"], "description": "balance: unclosed, unopened and crossing pairs; nesting: a pair inside itself"},
            "pairs": {
                "type": "array",
                "minItems": 1,
                "items": {"type": "string", "minLength": 2, "maxLength": 2},
                "description": "opening and closing mark, e.g. “”",
            },
            "alternate": {
                "type": "object",
                "additionalProperties": {"type": "string", "minLength": 1, "maxLength": 1},
                "description": "for check: nesting, opening mark -> the mark to use inside it",
            },
        },
        "required": ["check"],
    }

    def __init__(self, options, error):
        super().__init__(options, error)
        self.pairs = tuple(options.get("pairs", DEFAULT_PAIRS))
        if len({p[0] for p in self.pairs} | {p[1] for p in self.pairs}) != 2 * len(self.pairs):
            raise error("pairs", "each mark may appear in only one pair, and a pair's two marks must differ")
        self.alternate = options.get("alternate", DEFAULT_ALTERNATE)
        if "alternate" in options and options["check"] != "nesting":
            raise error("alternate", "option `alternate` is only for check: nesting")
        self.nesting = options["check"] == "nesting"

    def check(self, doc):
        problems = doc.memo(f"paired-marks:{''.join(self.pairs)}", lambda: scan(doc.text, self.pairs))
        for kind, start, mark, other in problems:
            if (kind == "nested") != self.nesting:
                continue
            if kind == "mismatched":
                yield Hit(start, start + 1, {"found": mark, "expected": "应同用全角“（）”", "problem": f"与前面的“{other}”全角半角不一致"})
            elif kind == "nested":
                expected = self.alternate.get(mark)
                if expected:
                    yield Hit(start, start + 1, {"found": mark, "expected": f"内层应改用“{expected}”", "problem": "嵌套错误"})
            elif kind == "unclosed":
                yield Hit(start, start + 1, {"found": mark, "expected": f"缺少对应的“{other}”", "problem": "未闭合"})
            elif kind == "unopened":
                yield Hit(start, start + 1, {"found": mark, "expected": f"缺少对应的“{other}”", "problem": "未配对"})
            else:
                yield Hit(start, start + 1, {"found": mark, "expected": f"应在“{other}”之前闭合", "problem": f"与“{other}”交叉"})


def scan(text, pairs):
    """[(kind, offset, mark, other mark)] for one document: kind is unclosed,
    unopened, crossed, mismatched or nested."""
    opening = {p[0]: p[1] for p in pairs}
    closing = {p[1]: p[0] for p in pairs}
    skipped = set()
    found = []
    if "》》" in text or "《《" in text:
        found += _ARROWS.finditer(text)
    if "〈" in text or "〉" in text:
        found += _COMPARISON.finditer(text)
    for match in found:
        skipped.update(i for i in range(match.start(), match.end()) if text[i] in "《》〈〉")
    half_width = "（）" in pairs
    stack = _Stack()  # (mark, offset); a half-width ( is stacked as "(" and closes as （
    crossed = Counter()  # marks left open by a crossing: their closing mark ends the crossing
    line_offset = searched = 0  # where the line of the last opening mark starts; text before `searched` is searched
    problems = []
    marks = patterns.compile("[" + re.escape("".join(opening) + "".join(closing) + ("()" if half_width else "")) + "]")
    for match in marks.finditer(text):
        offset, char = match.start(), match.group(0)
        if offset in skipped or (char in "）)" and _closes_enumeration(text, offset)) or (char == "’" and _APOSTROPHE.match(text, offset)):
            continue
        if char in _HALF_WIDTH:
            _half_width(char, offset, stack, problems)
            continue
        if char == "）" and stack and stack[-1][0] == "(":
            problems.append(("mismatched", offset, char, "("))
            stack.pop()
            continue
        if char in opening:
            line_offset = max(line_offset, text.rfind("\n", searched, offset) + 1)  # each stretch searched once: linear on a long line
            searched = offset
            if stack and stack[-1][0] == char and not _NON_SPACE.search(text, line_offset, offset):
                pass  # the next paragraph of a quotation repeats its opening mark
            else:
                if stack.offsets[char] and stack.offsets[char][-1] >= line_offset:
                    problems.append(("nested", offset, char, ""))
                stack.append((char, offset))
        elif char in closing:
            opener = closing[char]
            if stack and stack[-1][0] == opener:
                stack.pop()
            elif stack.offsets[opener]:
                # Pairs cross: report the inner marks left open, then close this pair.
                while stack[-1][0] != opener:
                    mark, start = stack.pop()
                    if mark != "(":
                        problems.append(("crossed", start, mark, char))
                        crossed[mark] += 1
                stack.pop()
            elif crossed[opener]:
                crossed[opener] -= 1  # the closing half of a crossing already reported
            else:
                problems.append(("unopened", offset, char, opener))
    problems += [("unclosed", start, mark, opening[mark]) for mark, start in stack if mark != "("]
    # A pair opened again inside itself is a nesting error only when the marks
    # otherwise balance; else a mark is more likely missing or mistyped.
    if any(kind != "nested" for kind, _, _, _ in problems):
        problems = [p for p in problems if p[0] != "nested"]
    return sorted(problems, key=lambda p: p[1])


class _Stack(list):
    """The open marks, (mark, offset) in the order opened, with each mark's offsets
    also kept apart: whether a mark is open is then no walk down a stack that a long
    line of unclosed marks (“ typed for ”) makes as long as the line."""

    def __init__(self):
        super().__init__()
        self.offsets = defaultdict(list)

    def append(self, item):
        super().append(item)
        self.offsets[item[0]].append(item[1])

    def pop(self):
        item = super().pop()
        self.offsets[item[0]].pop()
        return item


def _closes_enumeration(text, offset) -> bool:
    """Whether the parenthesis at offset closes a sequence number (1）, 二）, a）).
    Asked only at each closing parenthesis: searching the whole text for the
    pattern costs more than the rest of the scan."""
    for length in (1, 2, 3):
        match = _ENUMERATION.match(text, offset - length) if offset >= length else None
        if match and match.end() == offset + 1:
            return True
    return False


def _half_width(char, offset, stack, problems):
    """A half-width parenthesis: ( waits for its closing mark; ) closes a ( or,
    as a mismatch, a （. Any other half-width one is left to TY002."""
    if char == "(":
        stack.append(("(", offset))
    elif stack and stack[-1][0] == "(":
        stack.pop()
    elif stack and stack[-1][0] == "（":
        problems.append(("mismatched", offset, char, "（"))
        stack.pop()
