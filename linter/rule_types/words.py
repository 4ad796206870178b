"""`words`: typing and extraction errors inside Chinese words, judged with
jieba's dictionary (`linter.segment`).

Option `check` chooses what a rule reports:

- `doubled`: a character typed twice (产妇产破裂裂, 医医学中心, 工工作) or a
  two-character word typed twice (发展发展, also after a longer word ending in
  it: 认真落实落实). It is decided by the unigram
  model of jieba's dictionary (`segment.word_model`: jieba's frequencies plus
  the shipped medical and government vocabulary, the config's `words:` and the
  fact sheet's names). For each doubled character a window of at most
  `_WINDOW` Chinese characters either side is segmented twice, as written and
  with one copy removed, by jieba's own DAG route calculation; the doubling is
  a slip when removing it makes the best route more probable by a margin
  (`_MARGIN` natural-log units where a copy stands alone as a word, as 工|工作
  and 发展|展; `_MARGIN_IN_WORDS` where both copies are inside words, as
  教育公|公平 or 传染|染病, for text splits that way easily: 糖尿病|病人,
  医院|院长, 增值税|税率; and where the two are words both meant, 血栓|栓塞, 铺盖|盖住, only when removing a
  copy makes a word across the join, 积极|极性 -> 积极性, joins a character the doubling left alone,
  更|加紧|紧密 -> 更加|紧密, or gains `_MARGIN_TWO_WORDS`). The intentional forms stay silent:
  reduplication (AABB 干干净净, ABB whose BB ends words of jieba's dictionary
  such as 亮晶晶, a character that is a word of its own repeated, as 年年,
  看看, 村村; 一A一A 一步一步, 很多很多); names (a dictionary word tagged
  nr/ns/nz/nt, 小+AA, a byline after 记者/通讯员/摄影, a name before （化名）,
  a person named after a title or before 说/表示, a title ending in the surname's
  character, 主任|任彬); ABB closing a description whose B is bound or seldom
  alone (圆墩墩的, 清冽冽的); a reduplicated noun closing a phrase after 的
  (猫熊的便便); ABAB as a clause of its own or after an adverb (，清醒清醒，,
  再研究研究), of a state word (碧蓝碧蓝的) or closing a description with 的 (变成金黄金黄的，) or a verb going on (想着想着); 以 after 可以 opening 以…方式 or
  以…为 (可以以书面方式); verse, a sentence of two clauses of five or seven characters (过年年, 靠山山会倒);
  a verb's copy with its aspect particle after the object a preposition brought before it (就三项工作|作了部署);
  a one-character verb said twice after an adverb (再说说) and a separable verb the dictionary also writes
  with 个 (提提醒, 提个醒); a copy after a bound form (膑|骨|骨折); a pair read as its dictionary word between
  longer words before a verb (以此|时时|追思); a series of reduplications (明亮亮、清冽冽的); a parallel construction repeating the copy's opening (监管|管出公平、管出效率); a doubled word its clause already ran through (千不该万不该不该); a unit's last
  character before its head (神泉乡|乡长); a lone copy making a unit
  the document uses elsewhere far more often than chance would (评标|标准 beside 评标委员会); a particle (目的|的, 脚踏实地|地),
  a measure word after a number
  (2020年年底); and any doubling the document repeats — a slip almost never
  repeats itself identically (宜荆荆 three times in one report). Numerals
  (二〇〇四, 一一) and runs of three or more (哈哈哈) are not checked.
- `spaced`: a half-width space inside a word (健 康素养): the characters
  around it make a dictionary word across it, and no word ends or begins at
  the space. Spaces between words (学习新思想 奋进新征程, 中共中央 国务院,
  陶永国 图片由…), spaces that align names or labels (李 强, 主 编:), with a
  single character on each side, and full-width or repeated spaces
  (typesetting) stay silent.

jieba's dictionary is in simplified characters, so a document in traditional
characters (爲, 們, 這 …) is not checked.
"""

import math
import re
from collections import Counter
from itertools import islice

import regex

from linter import patterns
from linter.rule_types import Hit, RuleType
from linter.segment import dictionary_forms

_HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A Han character typed twice (the stdlib engine: several times faster than
# `regex` here), and a two-character string typed twice (found overlapping:
# each match takes only its first character).
# Any character is matched and non-Han matches dropped after: a class test at every position costs
# more than filtering (a pair of equal characters is Han or not as a whole, so no Han doubling is skipped).
_DOUBLED = patterns.compile(r"(.)\1", re.S)
_DOUBLED_PAIR = patterns.compile(r"(.)(?=(.)\1\2)", re.S)
_HAN = patterns.compile(f"[{_HAN_CLASS}]")
# The Han characters ending a slice (possessive: no backtracking) and beginning one: a window's edges.
_HAN_ENDING = patterns.compile(f"[{_HAN_CLASS}]*+\\Z")
_HAN_BEGINNING = patterns.compile(f"[{_HAN_CLASS}]*")
_NUMERALS = set("〇零一二三四五六七八九十百千万亿两")
_UNITS = set("十百千万亿")
_DIGITS = set("0123456789０１２３４５６７８９")
_SPACED = regex.compile(r"(?<=\p{Han}) (?=\p{Han})")
_HAN_RUN = regex.compile(r"\p{Han}+")
# Characters only traditional-character text uses; a document with a few of
# them is not judged against jieba's simplified dictionary.
_TRADITIONAL = patterns.compile(r"[們這爲說對時來個經與發過還國會]")
_TRADITIONAL_ENOUGH = 10

# The longest word looked for around a pair or a space, and the window a
# doubling is judged in, in characters either side.
_REACH = 6
_WINDOW = 8
# How much more probable (natural log) the text must read with one copy removed.
# A lone copy (工|工作) is weighed against a typing slip's rarity; where both
# copies are inside words the text splits that way easily (医院|院长), so more is asked.
_MARGIN = 4.5
_MARGIN_IN_WORDS = 9.0
# Two words the doubling ends and begins (血栓|栓塞) are a slip only when removing a copy makes a word across
# the join (积极|极性 -> 积极性), joins a character the doubling left alone, or gains this much.
_MARGIN_TWO_WORDS = 11.0
# A first word rarer than this is a string the doubling made with the character before it (很严|严格).
_RARE_WORD = 50
_NAME_TAGS = ("nr", "ns", "nz", "nt")
# A byline names people after these words (记者 李晶晶 王乐乐).
_BYLINE = regex.compile(r"(?:记者|通讯员|摄影|撰稿|编辑|作者|供稿|文图|图文)[：:\s/]*(?:\p{Han}{2,4}[、，,\s]+){0,5}\p{Han}{0,3}$")
_PSEUDONYM = regex.compile(r"\p{Han}{0,2}[（(]化名[）)]")
# Function words (conjunctions, prepositions, pronouns, adverbs, particles: jieba's
# c, p, r, d, u…) do not reduplicate (和和, 的的, 在在).
_FUNCTION_TAGS = ("c", "p", "r", "d", "u")
# 的 地 得 follow any word, one ending in the same character too (目的|的, 脚踏实地|地).
_STRUCTURAL_PARTICLES = ("uj", "uv", "ud")
# Aspect particles after a verb, and the prepositions that bring its object before it (就…工作作了部署).
_ASPECT = set("了着过")
_FRAME_PREPOSITIONS = patterns.compile(r"就|对|关于|针对|围绕")
# What closes a prepositional phrase opened by 以 (以书面方式, 以核心企业为切入点, 以个人名义).
# What closes a noun phrase before its noun (就加快政府网站建设等有关工作): 等 or 有关 just before it.
_OBJECT_CLOSED = patterns.compile(r"(?:等|有关|等有关)$")
_PREPOSITION_FRAME = patterns.compile(r"(?:方式|形式|名义|身份|手段|途径)|..为")
# A verb more frequent than this alone is one a noun's doubled last character may be (机会|会在).
_COMMON_VERB = 50000
# An ABB's B more frequent than this alone is a word of its own (实, 切, 生), not an ABB ending.
_COMMON_ALONE = 2000
# What separates the descriptions of a series (明亮亮、清冽冽的).
_SERIES_MARKS = ("、", "，")
_SERIES_CLAUSE = 6  # the longest neighbour description, in characters
# How far a parallel item is looked for after a doubling, in characters.
_PARALLEL_REACH = 16
# How often a unit must be used elsewhere in the document to be a word of its own there.
_UNIT_USES = 2
# ... and how many times more often than chance would bring its parts together.
_UNIT_ASSOCIATION = 10
# A unit running past the neighbour word has at least this many characters (反不正当).
_LONG_UNIT = 4
# What separates the lines of a couplet, and what stands before and after it.
_COUPLET_MARKS = set("，；")
_SENTENCE_EDGES = {"", "。", "！", "？", "：", "“", "”", "\n", "…"}
# A numeral's or a demonstrative's measure word before an adjective said twice (一个小小, 这双大大的).
_DEMONSTRATIVES = set("这那每几")
# The longest quoted name, in characters, and the verbs that give one (称为“红果果”).
_QUOTED_NAME = 6
_NAMING_VERB = patterns.compile(r"(?:称为|称作|称之为|叫做|叫作|名为|叫|昵称|俗称|简称|号称|誉为|取名|起名|命名为)$")
# What follows an ABB description (圆墩墩的, 明亮亮、清冽冽的).
_DESCRIPTION_ENDS = set("的地得、，。；！？")


class Words(RuleType):
    name = "words"
    fields = frozenset({"found", "expected"})  # what its messages may name
    schema = {
        "properties": {
            "check": {"enum": ["doubled", "spaced"], "description": "doubled: a character or word typed twice; spaced: a space inside a word"},
        },
        "required": ["check"],
    }

    def __init__(self, options, error):
        super().__init__(options, error)
        self.spaced = options["check"] == "spaced"

    def check(self, doc):
        if len(list(islice(_TRADITIONAL.finditer(doc.text), _TRADITIONAL_ENOUGH))) == _TRADITIONAL_ENOUGH:
            return iter(())
        return self._spaced(doc) if self.spaced else self._doubled(doc)

    def _doubled(self, doc):
        judge, text, han = _Doublings(doc), doc.text, _HAN.match
        slips = [hit for hit in (judge.character(m.start()) for m in _DOUBLED.finditer(text) if han(text, m.start())) if hit]
        slips += [hit for hit in (judge.word(m.start()) for m in _DOUBLED_PAIR.finditer(text)
                                  if han(text, m.start()) and han(text, m.start() + 1)) if hit]
        # A slip almost never repeats itself identically: a doubling found twice is meant (宜荆荆, a name).
        repeated = Counter(hit.fields["found"] for hit in slips)
        return iter(sorted((hit for hit in slips if repeated[hit.fields["found"]] == 1 and hit.start not in judge.units),
                           key=lambda hit: hit.start))

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
            if any(is_word(doc, w) for w in across):
                yield Hit(start, end, {"found": text[start - 1:end + 1], "expected": text[start - 1] + text[end]})


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


class _Doublings:
    """Judges the doublings of one document against the word model (loaded on
    the first doubling that needs it)."""

    def __init__(self, doc):
        self.doc, self.text = doc, doc.text
        self._model = None
        self._names = None
        # Doublings whose lone copy makes a unit the document uses (评标|标准): not slips.
        self.units = set()

    @property
    def model(self):
        if self._model is None:
            from linter.segment import word_model

            self._model = word_model(self.doc)
        return self._model

    def character(self, i):
        """A Hit when the character at i, typed again at i + 1, is a slip."""
        text, char = self.text, self.text[i]
        if text[i - 1:i] == char or text[i + 2:i + 3] == char:
            return None  # 哈哈哈
        if char in _NUMERALS:
            return None if self._reduplicated(i) else self._numeral(i)
        if not self.model.is_word(char) and self._after_surname(i):
            return None  # a given name doubling a character no word is made of (骆芃芃, 周芃芃)
        if text[i - 1:i] == "一" and text[i - 2:i - 1] not in _NUMERALS and self.model.is_word(char):
            return None  # 一 + AA: 一张张, 一棵棵, 一次次 (one after another)
        if self._after_a_measure(i):
            return None  # an adjective reduplicated after a numeral and a measure word: 一个小小的, 一条长长的
        start, end = _window(text, i, i + 2)
        window, at = text[start:end], i - start
        written_score, written = self.model.route(window)
        left = next(w for w in written if w[1] <= at < w[2])
        right = next(w for w in written if w[1] <= at + 1 < w[2])
        two_words = False
        if left == right:  # one word holds both copies (常常, 兢兢业业, a user word)
            if self.model.tag(left[0]) in _NAME_TAGS:
                return None
            after = next((w[0] for w in written if w[1] == left[2]), "")
            if left[0] == char * 2 and after and self._verb_reduplicated(char, char + after):
                return None  # 松松|土
            margin = _MARGIN_IN_WORDS
        elif len(left[0]) > 1 and len(right[0]) > 1:  # 医院|院长, 糖尿病|病人
            margin = _MARGIN_IN_WORDS
            two_words = True
        elif len(left[0]) == 1 and len(right[0]) == 1:
            if self.model.is_word(char) and not _function_word(self.model.tag(char)):
                return None  # a word repeated: 年年, 看看, 村村, 户户 (not 和和, 的的)
            margin = _MARGIN
        else:
            second = len(right[0]) == 1
            previous = next((w[0] for w in written if w[2] == left[1]), None)
            # The word before the lone copy: before the first copy's word, or the word holding the first copy.
            if self._word_of_its_own((char, i + second, second), left[0] if second else previous, right[0]):
                return None
            if self._used_as_a_unit(i, second, left, right, written, start):
                self.units.add(i)  # dropped after the document's repeated doublings are counted
            if second and _in_a_parallel(text, i + 1):
                return None  # 用公正监管|管出公平、管出效率、管出活力
            if second and self._verb_after_its_object(i, left[0]):
                return None  # 就三项工作|作了重要部署
            if second and self._verb_of_its_subject(char, left[0], right, written):
                return None  # 有机会|会|在分享给大家: the noun the copy ends is the subject of the verb the copy is
            if not second and self._verb_reduplicated(char, right[0]):
                return None
            if not second and self._head_of(previous, char, right[0]):
                return None  # a unit and its head: 神泉乡|乡长, 某某站|站长
            margin = _MARGIN
        if text[i - 1:i] == "的" and _clause_edge(text, i + 2):
            return None  # a reduplicated noun closing a phrase after 的: 猫熊的便便”, 我的宝宝。
        # The text with one copy removed is scored only now, and the rarer
        # intentional forms are looked for only where the model says slip.
        removed = window[:at] + window[at + 1:]
        removed_score, removed_route = self.model.route(removed)
        if two_words and removed_score - written_score < _MARGIN_TWO_WORDS and self._both_meant(removed, removed_route, written, left, right, at):
            return None
        if removed_score - written_score < margin or self._reduplicated(i) or self._said_again(i) or _in_verse(text, i):
            return None
        if left != right and removed_score - self._read_as_an_adverb(window, at) < _MARGIN_IN_WORDS:
            return None  # the pair read as the word it makes, before a verb (以此|时时|追思, not 以|此时|时)
        if self._named(i, i + 2) or self._title_then_name(i):
            return None
        return Hit(i, i + 2, {"found": char * 2, "expected": char})

    def word(self, i):
        """A Hit when the two-character word at i is typed twice (发展发展)."""
        text = self.text
        pair = text[i:i + 2]
        if text[i - 2:i] == pair or text[i + 4:i + 6] == pair or pair[0] == pair[1]:
            return None  # a longer run, or AAAA
        start, end = _window(text, i, i + 4)
        _, written = self.model.route(text[start:end])
        at = i - start
        # The pair as a word, then again; or ending a longer word of the route (认真落实|落实, 效果显著|显著).
        first = next((w for w in written if w[2] == at + 2 and w[0].endswith(pair)), None)
        if first is None or (pair, at + 2, at + 4) not in written:
            return None  # not one word twice: 创业|创新
        previous = next((w[0] for w in written if w[2] == at), None)
        if pair in _run_before(text, i)[:-1]:
            return None  # a series the pair already ran through in its clause: 千不该万不该不该让她走
        if first[1] == at and previous and self.model.tag(previous) == "d":
            return None  # said twice after an adverb, "a little": 再研究研究, 好好休息休息
        if first[1] == at and self._tried_on_its_object(pair, previous, i + 4):
            return None  # a verb said twice, "a little", between its subject and its object: 父母改换改换方法
        if pair[0] in _NUMERALS or self.model.tag(pair) in ("m", "mq", "q", "d"):
            return None  # 一步一步, 一个一个, 很多很多
        if self.model.tag(pair) in ("o", "z") or text[i + 4:i + 5] == "地":
            return None  # onomatopoeia (滴答滴答), a state word (碧蓝碧蓝的), ABAB as an adverb (大块大块地吃肉)
        if text[i + 4:i + 5] == "的" and _clause_edge(text, i + 5) and (self.model.tag(pair) or "")[:1] != "v":
            return None  # ABAB closing a description with 的: 变成金黄金黄的，乌青乌青的。 (jieba tags both nr)
        if text[i + 4:i + 5] == "的" and (self.model.tag(pair) or "")[:1] == "v" and self._verb_at(i + 5):
            return None  # a verb's ABAB before 的 written for 地, before a verb: 锅里的水扑腾扑腾的响着 (not 重要重要的工作)
        if pair[1] == "着" and (self.model.tag(pair[0]) or "")[:1] == "v" and not _function_word(self.model.tag(pair)):
            return None  # a verb going on, a narrative opener: 想着想着, 聊着聊着, 走着走着
        if _clause_edge(text, i - 1) and _clause_edge(text, i + 4):
            return None  # an ABAB that is a clause of its own: ，清醒清醒，  谢谢谢谢！  ，吸溜吸溜，
        if self._named(i, i + 4):
            return None
        return Hit(i, i + 4, {"found": pair * 2, "expected": pair})

    def _tried_on_its_object(self, pair, previous, after) -> bool:
        """A two-character verb said twice between its subject (a noun or pronoun) and its object, the colloquial
        "do a little" (父母改换改换方法, 我们研究研究这个问题): a verb (v) before a noun or pronoun, a verbal noun
        (vn) before a pronoun only (设计设计专有权 is a slip). After a modal or an adverb (要召开召开会议, 认真落实落实)
        it is a slip."""
        model = self.model
        if not previous or (model.tag(previous) or "")[:1] not in ("n", "r"):
            return False
        first = self._first_word(after)
        if first is None:
            return False
        following = model.tag(first[0]) or ""
        tag = model.tag(pair)
        return (tag == "v" and following[:1] in ("n", "r")) or (tag == "vn" and following[:1] == "r")

    def _first_word(self, at):
        """(word, start, end) of the first word of the Han characters from text[at] (offsets within them), or None."""
        _, words = self.model.route(_run_after(self.text, at))
        return words[0] if words else None

    def _verb_at(self, at) -> bool:
        """Whether a verb begins at text[at]: its first word is tagged a verb or takes 了/着/过 (响着)."""
        first = self._first_word(at)
        if first is None:
            return False
        return self.model.tag(first[0]) == "v" or self.text[at + first[2]:at + first[2] + 1] in _ASPECT

    def _numeral(self, i):
        """A doubled numeral is a slip inside a number written with units that
        the doubling makes unreadable (二百百五十, 四四千万) and in a year of five
        digits (一九九五二年); other numbers digit by digit (一九九五, 二〇〇四,
        二点三三), 一一 and 六万万 (an old 亿) are right."""
        from linter.numerals import chinese_number

        first, last = i, i + 2
        while first > 0 and self.text[first - 1] in _NUMERALS:
            first -= 1
        while last < len(self.text) and self.text[last] in _NUMERALS:
            last += 1
        number = self.text[first:last]
        if not any(c in _UNITS for c in number):
            # Digit by digit only a year can be judged: it has four digits (一九九五二年).
            if len(number) != 5 or self.text[last:last + 1] != "年":
                return None
        elif chinese_number(number) is not None:
            return None
        return Hit(i, i + 2, {"found": self.text[i] * 2, "expected": self.text[i]})

    # -- intentional forms --------------------------------------------------------

    def _reduplicated(self, i) -> bool:
        """AABB (干干净净, 清清楚楚: AB is a word) and ABB (亮晶晶: BB ends words)."""
        text, model = self.text, self.model
        if text[i + 2:i + 3] and text[i + 2:i + 3] == text[i + 3:i + 4] and model.is_word(text[i] + text[i + 2]):
            return True
        if i >= 2 and text[i - 2] == text[i - 1] and model.is_word(text[i - 2] + text[i]):
            return True
        # ABB: A does not make a word with B (发生|生 is no ABB), nor does the second B with what follows.
        endings = dictionary_forms().reduplicated_endings
        if (text[i:i + 2] in endings and i > 0 and _HAN.match(text[i - 1]) is not None
                and not model.is_word(text[i - 1:i + 1]) and not any(model.is_word(text[i + 1:i + n]) for n in range(3, 2 + _REACH))):
            return True
        # An ABB whose AB is a word, closing a description (圆墩墩的, 清冽冽的): one of a series of ABBs, B a bound
        # form (冽), or BB an ABB ending of the dictionary whose B is seldom a word alone (墩) — not 确实实、 or 重要要的.
        if i == 0 or not model.is_word(text[i - 1:i + 1]):
            return False
        if not self._begins_a_word(i + 1) and (self._abb_at(i + 2) or self._abb_at(i - 4)):
            return True  # two reduplications side by side, a slip does not come in pairs: 土坑坑泥人人
        if text[i + 2:i + 3] not in _DESCRIPTION_ENDS:
            return False
        if self._literary_abb(i):
            return True  # 纤弱弱的
        if _abb_beside(text, i - 1):
            return True  # one of a series of ABB descriptions (明亮亮、清冽冽的)
        bound = model.tag(text[i]) == "g"
        return bound or (text[i:i + 2] in endings and (model.tag(text[i - 1:i + 1]) or "")[:1] in ("a", "n")
                         and (model.frequency(text[i]) or 0) < _COMMON_ALONE)

    def _literary_abb(self, i) -> bool:
        """An ABB made of a literary adjective AB (rarer than _RARE_WORD in the dictionary) whose B is an adjective
        too, B said again (纤弱弱的): a writer's description. A common adjective (严重重, 良好好的) or one whose B
        is no adjective (重要要的) is a slip."""
        model, word = self.model, self.text[i - 1:i + 1]
        return model.tag(word) == "a" and (model.frequency(word) or 0) < _RARE_WORD and model.tag(word[1]) == "a"

    def _abb_at(self, start) -> bool:
        """Whether text[start:start + 3] is an ABB whose AB is a dictionary word and whose second B begins no
        word with what follows (土坑坑, 泥人人; not 人民|民主, nor 一个个 after a numeral)."""
        text = self.text
        piece = text[start:start + 3] if start >= 0 else ""
        return (len(piece) == 3 and piece[1] == piece[2] != piece[0] and all(_HAN.match(c) for c in piece)
                and piece[0] not in _NUMERALS and self.model.is_word(piece[:2]) and not self._begins_a_word(start + 2))

    def _begins_a_word(self, at) -> bool:
        """Whether text[at] begins a dictionary word of two characters or more."""
        return any(self.model.is_word(self.text[at:at + n]) for n in range(2, _REACH + 1) if at + n <= len(self.text))

    def _after_a_measure(self, i) -> bool:
        """An adjective said twice after a numeral or demonstrative and a measure word (你一个小小水电安装工,
        一条长长的走廊, 这双大大的眼睛): the pair is a dictionary word, no function word nor a rare one (会会), before
        的 or a word of two characters or more."""
        text, model = self.text, self.model
        pair = text[i:i + 2]
        if not (i >= 2 and (text[i - 2] in _NUMERALS or text[i - 2] in _DEMONSTRATIVES) and model.tag(text[i - 1]) == "q"
                and (model.frequency(pair) or 0) >= _RARE_WORD and (model.tag(pair) or "")[:1] in ("a", "b", "z", "n")):
            return False
        # The adjective then 的 or a word of its own (小小|水电安装工), not a character a slip left over (一个重重|要的).
        following = self._first_word(i + 2)
        return text[i + 2:i + 3] in ("的", "地") or (following is not None and len(following[0]) > 1)

    def _verb_of_its_subject(self, char, word, right, written) -> bool:
        """A lone second copy that is a verb common on its own (会, 要, 能) after the noun it ends, its subject,
        before a preposition or an adverb (以后有机会|会|在分享给大家, 社会|会|更加美好; not 需要|要|探讨: 需要 is a
        verb; not 大会|会|审定 or 计划|划|达到: before a verb the copy is a slip as often as not)."""
        model = self.model
        after = next((w[0] for w in written if w[1] == right[2]), None)
        return (model.tag(char) == "v" and (model.frequency(char) or 0) >= _COMMON_VERB and model.tag(word) == "n"
                and after is not None and (model.tag(after) or "")[:1] in ("p", "d"))

    def _verb_after_its_object(self, i, word) -> bool:
        """A lone second copy that is the clause's verb, with its aspect particle, after the object a
        preposition brought before it (会上，熊功友就三项工作|作了重要部署; 对有关工作|作了指示): the frame
        就/对/关于…作了 shows the verb is meant. Without the preposition (完成|成了, 增加|加了) it is a slip."""
        text, model = self.text, self.model
        if text[i + 2:i + 3] not in _ASPECT or (model.tag(text[i]) or "")[:1] != "v" or (model.tag(word) or "") not in ("n", "vn"):
            return False
        before = i + 1 - len(word)  # a bounded slice: no scan of the document per doubling
        clause = re.search(r"[^，。；：！？、,;:!?\n]{0,24}$", text[max(0, before - 24):before]).group(0)
        for found in _FRAME_PREPOSITIONS.finditer(clause):
            # A preposition, not an adverb (就诞生了) or part of a word (对方): its object follows, a noun phrase
            # even when it opens with a verb, as one closed by 等 or 有关 before the noun (就加快网站建设等有关工作|作了).
            _, words = model.route(clause[found.start():] + word)
            following = (model.tag(words[1][0]) or "") if len(words) > 1 else "v"
            if words[0][0] == found.group(0) and (following[:1] not in ("v", "d", "p", "c")
                                                 or (following[:1] == "v" and _OBJECT_CLOSED.search(clause[found.end():]))):
                return True
        return False

    def _said_again(self, i) -> bool:
        """A one-character verb said twice after a one-character adverb, "a little" (再说说, 先试试): the
        adverb makes no word with the first copy but a conjunction (再说; 不断断, 更加加 are slips), and the
        second copy begins no word with what follows (再说说明 is 说明 doubled)."""
        model, char = self.model, self.text[i]
        joined = model.tag(self.text[i - 1:i + 1]) if model.is_word(self.text[i - 1:i + 1]) else "c"
        return (i > 0 and model.tag(self.text[i - 1]) == "d" and (model.tag(char) or "")[:1] == "v" and joined == "c"
                and model.frequency(char * 2) is not None and not model.is_word(self.text[i + 1:i + 3]))

    def _used_as_a_unit(self, i, second, left, right, written, start) -> bool:
        """A lone copy that makes a unit with the word on its other side (or with a few more characters: 反|不正当
        for 反不正当竞争法, which jieba cuts 不|正当竞争|法), a unit the document uses elsewhere (评标|标准 beside
        评标委员会, 企业中|中国共产党 beside 企业中的): a word jieba lacks, not a slip. The other places must not
        read as the text without the copy (评标准)."""
        text = self.text
        if _function_word(self.model.tag(text[i])):
            return False
        if second:
            after = next((w for w in written if w[1] == right[2]), None)
            if after is None:
                return False
            rest = left[0][:-1]
            units = [(text[i + 1:i + 2 + n], i + 1) for n in range(len(after[0]), _REACH)]
        else:
            previous = next((w for w in written if w[2] == left[1]), None)
            if previous is None:
                return False
            rest = right[0][1:]
            units = [(text[i - n:i + 1], i - n) for n in range(len(previous[0]), _REACH) if i - n >= 0]
        for n, (unit, at) in enumerate(units):
            other = unit[1:] if second else unit[:-1]
            if not all(_HAN.match(c) for c in other):
                break
            # The neighbour word alone must be a content word (是|有, 很|很多 make phrases, not units); past it,
            # only a longer unit is specific enough (反不正当; 制的证, 本年 are pieces of phrases).
            if (not _function_word(self.model.tag(other)) if n == 0 else len(unit) >= _LONG_UNIT) \
                    and self._unit_of_the_document(unit, at, rest, second, i):
                return True
        return False

    def _unit_of_the_document(self, unit, at, rest, second, i) -> bool:
        """Whether the document uses `unit` elsewhere, bounded, not as the reading without the copy (whose
        rest of the word is `rest`), twice or more and far beyond what its parts' counts would bring by chance."""
        text = self.text
        elsewhere, found = 0, text.find(unit)
        while found != -1:
            other_reading = (text[found - len(rest):found] == rest) if second else text.startswith(rest, found + len(unit))
            if found != at and not other_reading and self._bounded(found, found + len(unit)):
                elsewhere += 1
            found = text.find(unit, found + 1)
        if elsewhere < _UNIT_USES:
            return False
        # A unit, not a phrase of common words (是有, 年增长): used far more often than its parts' counts in
        # the document would bring them together by chance.
        other = unit[1:] if second else unit[:-1]
        expected = text.count(other) * text.count(text[i]) / max(1, len(text))
        return elsewhere >= _UNIT_ASSOCIATION * expected

    def _both_meant(self, removed, removed_route, written, left, right, at) -> bool:
        """Whether the two words a doubling ends and begins are both meant (血栓|栓塞, 铺盖|盖住): removing a copy
        makes no word across the join, joins no character the doubling left alone, and the first word is no
        rare string the doubling made with the character before it (很严|严格: 很严 is in the dictionary)."""
        return (not self._joined(removed, at) and not _absorbs_an_orphan(written, removed_route, left, right)
                and (self.model.frequency(left[0]) or 0) >= _RARE_WORD)

    def _joined(self, removed, at) -> bool:
        """Whether the text with one copy removed has a dictionary word holding the copy and a character
        on each side of it (积极|极性 -> 积极性, 重工|工业 -> 重工业; not 血栓塞, 铺盖住)."""
        return any(self.model.is_word(removed[s:e]) for s in range(max(0, at - _REACH + 2), at)
                   for e in range(at + 2, min(len(removed), s + _REACH) + 1))

    def _read_as_an_adverb(self, window, at) -> float:
        """The score of the window read with the doubled pair as one dictionary word between words of two
        or more characters, the second a verb (以此|时时|追思); -inf when it cannot be read so."""
        pair, model = window[at:at + 2], self.model
        frequency = model.frequency(pair)
        if not frequency or model.tag(pair) in _NAME_TAGS or _function_word(model.tag(pair)):
            return -math.inf
        before, before_words = model.route(window[:at])
        after, after_words = model.route(window[at + 2:])
        if not before_words or not after_words or len(before_words[-1][0]) < 2 or len(after_words[0][0]) < 2:
            return -math.inf
        if (model.tag(after_words[0][0]) or "")[:1] != "v":
            return -math.inf
        return before + math.log(frequency) - model.log_total + after

    def _subject_of_what_follows(self, char, right, written) -> bool:
        """A lone second copy that is a noun of its own before an adverb, the subject of what follows
        (三水|水|更美: the water is more beautiful)."""
        after = next((w[0] for w in written if w[1] == right[2]), None)
        return (self.model.tag(char) or "")[:1] == "n" and after is not None and self.model.tag(after) == "d"

    def _head_of(self, previous, char, following) -> bool:
        """Whether `following` is the head (乡长, 站长: a title, or a noun X长 of the dictionary, 班长) of a unit
        whose name ends in `char`, after a noun or a character of a name jieba lacks (神|泉|乡|乡长, 巡线|班|班长;
        not 知道|部|部长)."""
        if not previous or following != char + "长" or (following not in _titles() and (self.model.tag(following) or "") != "n"):
            return False
        tag = self.model.tag(previous) or ""
        return tag[:1] == "n" or (len(previous) == 1 and not _function_word(tag))

    def _bounded(self, start, end) -> bool:
        """Whether text[start:end] makes no dictionary word with the character on either side (评标 in
        评标委员会, not 业生产 in 工业生产)."""
        text, model = self.text, self.model
        return not (start > 0 and model.is_word(text[start - 1:start + 1])) and not model.is_word(text[end - 1:end + 1])

    def _after_surname(self, i) -> bool:
        from linter.extract.names import surnames

        return self.text[i - 1:i] in surnames() and (i < 2 or not self.model.is_word(self.text[i - 2:i]))

    def _verb_reduplicated(self, char, following) -> bool:
        """A one-character verb said twice before its object, the colloquial
        "do a little" (松松|松土, 抬抬|抬手, 打打|打工, 下下|下功夫): the word after
        the lone copy begins with the verb and ends in a noun, or is a separable verb the dictionary
        also writes with 个 (提|提醒 beside 提个醒)."""
        rest = following[1:]
        if following == char + "儿":
            return True  # the verb and its 儿 measure, "a little": 再点点儿凉水, 玩玩儿
        if following[:1] == char and len(rest) == 1 and self.model.is_word(char + "个" + rest):
            return True  # a separable verb, which the dictionary also writes 提个醒: 提提|提醒
        return (following[:1] == char and bool(rest) and (self.model.tag(char) or "")[:1] in ("v", "f")
                and (self.model.tag(rest) or "")[:1] in ("n", "z"))

    def _named(self, start, end) -> bool:
        """Part of a name: 小明明, a byline (记者 李晶晶), 王乐乐（化名）, a person after a title."""
        text = self.text
        if text[start - 1:start] == "小" or _PSEUDONYM.match(text, end):
            return True
        if _a_name_given(text, start, end):
            return True
        line_start = text.rfind("\n", 0, start) + 1
        if _BYLINE.search(text[max(line_start, start - 24):start]):
            return True
        from linter.extract.names import may_hold_a_person, person_mentions

        if not may_hold_a_person(self.doc, start, end):
            return False  # without reading the whole document's people
        if self._names is None:
            self._names = [(m.start, m.end) for m in person_mentions(self.doc)]
        return any(s <= start and end <= e for s, e in self._names)

    def _title_then_name(self, i) -> bool:
        """A title ending in the character a person's surname repeats: 主任|任彬介绍."""
        from linter.extract.names import may_hold_a_person, person_mentions

        if not may_hold_a_person(self.doc, i + 1, i + 2):
            return False
        return any(m.start == i + 1 and m.titles and m.title_start <= i for m in person_mentions(self.doc))

    def _word_of_its_own(self, alone, previous, following) -> bool:
        """A lone copy that is a word here: as the second copy, a structural
        particle (目的|的, 脚踏实地|地); as the first, a conjunction or
        preposition before a content word (和|和平), a measure word right after
        a number (2020年|年底) or the last character of a place or organisation
        name after its first word (河南|村|村民, 辽阳|镇|镇长)."""
        word, start, second = alone
        tag = self.model.tag(word) or ""
        if second:
            # 的 地 得 (目的|的), or a preposition before the noun it governs (可以|以|书面方式, 可以|以|适当方式).
            if tag in _STRUCTURAL_PARTICLES:
                return True
            # A preposition after a conjunction ending in its character, opening 以…方式 or 以…为 (可以|以|书面方式,
            # 可以|以|核心企业为切入点): the frame shows the preposition is meant.
            if tag[:1] != "p" or not previous or self.model.tag(previous) != "c":
                return False
            clause = re.match(r"[^，。；：！？、,;:!?\n]{0,12}", self.text[start + 1:start + 13]).group(0)
            return _PREPOSITION_FRAME.search(clause) is not None
        if tag[:1] in ("c", "p"):
            # A conjunction or preposition before a content word: 和|和平, 对|对象, 与|与会 (not 对|对于).
            return not _function_word(self.model.tag(following))
        before = self.text[start - 1:start] if start else ""
        if before in _DIGITS or before in _NUMERALS:
            return True
        if previous is not None and len(previous) == 1 and self.model.tag(previous) in ("g", None):
            return True  # after a bound form, which makes a word with the copy that jieba lacks (膑|骨|骨折)
        if previous is None or word not in dictionary_forms().name_endings:
            return False
        # A place the dictionary lacks splits into single characters (合|盛|村|村民) or ends a noun (瓦屋|河|河道).
        tag = self.model.tag(previous) or ""
        return tag in _NAME_TAGS or tag[:1] == "n" or (len(previous) == 1 and not _function_word(tag))


def _absorbs_an_orphan(written, removed, left, right) -> bool:
    """Whether the text without the second copy (route `removed`) joins a character that stands alone in the
    written route beside the doubling's two words into a word (更|加紧|紧密 -> 更加|紧密, 提|起诉|诉讼 ->
    提起|诉讼): the doubling orphaned it."""
    for word in written:
        if len(word[0]) == 1 and (word[2] == left[1] or word[1] == right[2]):
            at = word[1] - (word[1] >= right[2])  # where it stands once the second copy is gone
            if any(w[1] <= at < w[2] and len(w[0]) > 1 for w in removed):
                return True
    return False


def _titles():
    from linter.extract.names import titles

    return titles()


def _abb_beside(text, start) -> bool:
    """Whether the ABB at text[start:start + 3] has a neighbour clause, across 、 or ，, holding a reduplication
    too (明亮亮、清冽冽的; 船帆点点、船歌声声): a series of descriptions."""
    def doubled(piece):  # the clause ends in a reduplication, or in one before 的 or 地
        piece = piece[:-1] if piece[-1:] in ("的", "地") else piece
        return len(piece) >= 2 and piece[-1] == piece[-2]

    if text[start + 3:start + 4] in _SERIES_MARKS:
        following = _HAN_RUN.match(text, start + 4)
        return following is not None and following.end() - following.start() <= _SERIES_CLAUSE and doubled(following.group(0))
    clause = _run_before(text, start)
    mark = start - len(clause) - 1
    if mark < 0 or len(clause) >= _REACH or text[mark] not in _SERIES_MARKS:
        return False
    before = text[max(0, mark - _SERIES_CLAUSE - 1):mark]
    run = re.search(f"[{_HAN_CLASS}]+$", before)
    return run is not None and len(run.group(0)) <= _SERIES_CLAUSE and doubled(run.group(0))


def _a_name_given(text, start, end) -> bool:
    """Whether text[start:end] is inside a short quoted name after a verb that gives it (被当地人亲切地称为“红果果”,
    俗称“豆豆”): a nickname or a local name is written as people say it."""
    opening = text.rfind("“", max(0, start - _QUOTED_NAME), start)
    closing = text.find("”", end, end + _QUOTED_NAME)
    if opening == -1 or closing == -1 or closing - opening - 1 > _QUOTED_NAME:
        return False
    if not all(_HAN.match(c) for c in text[opening + 1:closing]):
        return False
    return _NAMING_VERB.search(text[max(0, opening - 4):opening]) is not None


def _in_a_parallel(text, at) -> bool:
    """Whether the two characters at text[at] open the next item of the sentence too, across 、 or ，
    (监管|管出公平、管出效率、管出活力): a parallel construction repeats its opening, a slip does not."""
    unit = text[at:at + 2]
    if len(unit) < 2 or not all(_HAN.match(c) for c in unit):
        return False
    stop = re.search(r"[。；！？\n]", text[at:at + _PARALLEL_REACH])
    rest = text[at + 2:at + (stop.start() if stop else _PARALLEL_REACH)]
    return any(mark + unit in rest for mark in _SERIES_MARKS)


def _window(text, start, end):
    """The Chinese characters around text[start:end], at most _WINDOW either side."""
    return (_HAN_ENDING.search(text, max(0, start - _WINDOW), start).start(),
            _HAN_BEGINNING.match(text, end, min(len(text), end + _WINDOW)).end())


def _in_verse(text, i) -> bool:
    """Whether text[i] is in classical verse or a saying in its form: a sentence of two clauses of five or
    seven characters each (万里风帆水著天，麝煤鼠尾过年年。 靠山山会倒，靠人人会跑！), where a repeated
    character is the poem's."""
    start, end = i, i + 1
    while start > 0 and _HAN.match(text[start - 1]):
        start -= 1
    while end < len(text) and _HAN.match(text[end]):
        end += 1
    size = end - start
    if size not in (5, 7):
        return False
    if text[end:end + 1] in _COUPLET_MARKS:  # the first line
        first, last = start, end + 1 + size
    elif text[start - 1:start] in _COUPLET_MARKS:  # the second
        first, last = start - 1 - size, end
    else:
        return False
    lines = text[first:last]
    return (first >= 0 and all(_HAN.match(c) for c in lines[:size] + lines[size + 1:])
            and text[first - 1:first] in _SENTENCE_EDGES and text[last:last + 1] in _SENTENCE_EDGES)


def _clause_edge(text, at) -> bool:
    """Whether text[at] is outside the text or a punctuation mark or line break (a clause ends there)."""
    return at < 0 or at >= len(text) or text[at] in "，。、；：！？,.;:!?“”‘’\"'（）()《》…—\n"


def _function_word(tag) -> bool:
    return bool(tag) and tag[0] in _FUNCTION_TAGS
