"""`words`: typing and extraction errors inside Chinese words, judged with
jieba's dictionary (`linter.segment`).

Option `check` chooses what a rule reports:

- `doubled`: a character typed twice (产妇产破裂裂, 医医学中心). A pair stays
  silent when it is a word or part of one (袅袅, 熠熠, 常常, 兢兢业业), when
  it is listed in `allow` (年年, 县县: "every X" reduplications jieba lacks),
  or when the two characters end one word and begin the next: both halves are
  dictionary words (医院|院长, 人民|民主), or one half is a word and the
  character is one of `standalone`, characters that are words by themselves
  or end names (实事求是|是, 和|和平, 生态环境部|部长, 居住国|国籍). Numerals
  (二〇〇四) are not checked. A doubled character whose halves are both words
  (三甲|甲等 in 三甲甲等) cannot be told from 医院|院长 and stays silent.
- `spaced`: a half-width space inside a word (健 康素养): the characters
  around it make a dictionary word across it, and no word ends or begins at
  the space. Spaces between words (学习新思想 奋进新征程, 中共中央 国务院,
  陶永国 图片由…), spaces that align names or labels (李 强, 主 编:), with a
  single character on each side, and full-width or repeated spaces
  (typesetting) stay silent.

Both look words up in jieba's dictionary through `linter.segment.is_word`,
which does not load jieba itself. jieba's dictionary is in simplified
characters, so a document in traditional characters (爲, 們, 這 …) is not
checked.
"""

import re
from itertools import islice

import regex

from linter.rule_types import Hit, RuleType

# A Han character typed twice or more (the stdlib engine: several times faster
# than `regex` here); numerals (二〇〇四, 一一) are left out.
_DOUBLED = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])\1+")
_NUMERALS = set("〇零一二三四五六七八九十百千万亿")
_SPACED = regex.compile(r"(?<=\p{Han}) (?=\p{Han})")
_HAN_RUN = regex.compile(r"\p{Han}+")
# Characters only traditional-character text uses; a document with a few of
# them is not judged against jieba's simplified dictionary.
_TRADITIONAL = regex.compile(r"[們這爲說對時來個經與發過還國會]")
_TRADITIONAL_ENOUGH = 10

# The longest word looked for around a pair or a space, in characters.
_REACH = 6


class Words(RuleType):
    name = "words"
    schema = {
        "properties": {
            "check": {"enum": ["doubled", "spaced"], "description": "doubled: a character typed twice; spaced: a space inside a word"},
            "allow": {"type": "array", "items": {"type": "string", "minLength": 2}, "description": "for check: doubled, pairs that are always right (年年)"},
            "standalone": {"type": "string", "description": "for check: doubled, characters that are words by themselves or end names (的是和部委国), written together"},
        },
        "required": ["check"],
    }

    def __init__(self, options, error):
        super().__init__(options, error)
        self.spaced = options["check"] == "spaced"
        for key in ("allow", "standalone"):
            if self.spaced and key in options:
                raise error(key, f"option `{key}` is only for check: doubled")
        self.allow = set(options.get("allow", ()))
        self.standalone = set(options.get("standalone", ""))

    def check(self, doc):
        if len(list(islice(_TRADITIONAL.finditer(doc.text), _TRADITIONAL_ENOUGH))) == _TRADITIONAL_ENOUGH:
            return iter(())
        return self._spaced(doc) if self.spaced else self._doubled(doc)

    def _doubled(self, doc):
        from linter.segment import is_word

        def any_word(candidates):
            return any(len(w) >= 2 and is_word(doc, w) for w in candidates)

        text = doc.text
        for match in _DOUBLED.finditer(text):
            i, char = match.start(), match.group(1)
            if match.end() - i != 2 or char in _NUMERALS or match.group(0) in self.allow:
                continue
            # Cheapest lookups first: the pair itself, then the two halves.
            if is_word(doc, match.group(0)):
                continue  # 袅袅, 常常
            left = any_word(text[a:i + 1] for a in range(max(0, i - _REACH), i))
            right = any_word(text[i + 1:b] for b in range(i + 3, i + 2 + _REACH))
            if (left and right) or ((left or right) and char in self.standalone):
                continue  # 医院|院长; 实事求是|是, 和|和平, 生态环境部|部长
            if any_word(text[a:b] for a in range(max(0, i - _REACH), i + 1) for b in range(i + 2, i + 2 + _REACH)):
                continue  # a longer word covers the pair (兢兢业业, 财政政策)
            yield Hit(i, i + 2, {"found": match.group(0), "expected": char})

    def _spaced(self, doc):
        from linter.segment import is_word

        text = doc.text
        for match in _SPACED.finditer(text):
            start, end = match.span()
            before, after = _run_before(text, start), _run_after(text, end)
            if len(before) < 2 and len(after) < 2:
                continue  # an aligned name or label (李　强, 主 编:)
            # A word that ends or begins at the space (中共中央 国务院, 陶永国 图片由…)
            # makes the space a word boundary, whatever longer word the two sides
            # also make together.
            if any(is_word(doc, before[-k:]) for k in range(2, len(before) + 1)) or any(is_word(doc, after[:n]) for n in range(2, len(after) + 1)):
                continue
            across = [before[-k:] + after[:n] for k in range(1, len(before) + 1) for n in range(1, len(after) + 1) if k + n <= _REACH]
            found = [w for w in across if is_word(doc, w)]
            if found:
                yield Hit(start, end, {"found": text[start - 1:end + 1], "expected": max(found, key=len)})


def _run_before(text, offset):
    """The Han characters right before an offset (at most _REACH)."""
    start = offset
    while start > max(0, offset - _REACH) and _HAN_RUN.match(text[start - 1]):
        start -= 1
    return text[start:offset]


def _run_after(text, offset):
    """The Han characters right after an offset (at most _REACH)."""
    match = _HAN_RUN.match(text, offset, min(len(text), offset + _REACH))
    return match.group(0) if match else ""
