"""`figures`: figures that contradict each other, the arithmetic the text
claims, or the fact sheet, read from the figures extracted once per document
(`linter.extract.figures`).

Option `check` chooses what a rule reports:

- `consistency`: one metric with one scope given values that cannot both be
  true (总投资50亿元 … 总投资约60亿元). The same metric is the same content words
  (`metric_key`), period, qualifiers, unit and modality (a target is never
  compared with a result, past narrative never with the present); or a
  restatement: a later clause of the same top-level section whose words around
  the number repeat an earlier one's (新建村级卫生室48个 … 新建村级卫生室72个).
- `part-whole`: a part larger than its whole: 发表论文267篇（SCI收录316篇）, or
  共开展手术2273台次，其中…3300余例; also parts listed after 其中 that add up to
  more than the whole.
- `sum`: a 分别 list whose values do not add up to the total stated with it
  (共32人，…分别为12人、15人、6人).
- `direction`: 由A降为B with B larger than A (or 增长到 a smaller value); in a
  ranking (由第8位升至第5位) a smaller number is a rise.
- `change`: a change stated after 由A…到B (增长124%, 下降0.23个百分点) that the two
  values do not give, beyond their rounding.
- `share`: a share or rate (占比, 比例, 覆盖率, 合格率 …) over 100%.
- `factsheet`: a figure that the fact sheet's `figures` give another value.
- `cross-document`: the same metric and year given different values in two
  documents of one run (the later document is reported).
- `enumeration`: a stated count and the list that goes with it disagree
  (四个“生命通道”：A、B、C; 实现三个突破：一是…二是…三是…四是…).
- `bounds`: two different lower bounds for the same metric in one top-level
  section (30家以上 … 46家以上): maybe one target, maybe two; a rule for `info`.

Option `tolerance` (default 0.05) is how far 约/左右 let a value stray.
"""

import bisect
import datetime
import functools
import re

from linter import knowledge, patterns
from linter.factsheet import figure_value
from linter.rule_types import Hit, RuleType
from linter.text_units import HAN, SENTENCE_REACH

# linter.extract.figures and .enumerations are imported where they are used: a
# run without figure rules (--select typography) never compiles their patterns.

# At least 3, 4 or 8 Chinese characters: a match, not a count of all of them.
_HAN_AT_LEAST = {n: patterns.compile(rf"(?:[^\u4e00-\u9fff]*{HAN}){{{n}}}") for n in (3, 4, 8)}
# Metrics that describe a change or a comparison, not a state: 增长{}, 较上年增加{}.
_CHANGE_WORDS = patterns.compile(r"增|减|降|升|提高|扩大|缩|比|较|超|翻|差|多|少|快|慢|涨|跌|幅|速|净")
# A part that is itself a total or a saving is not a share of the figure before it.
_NOT_A_PART = patterns.compile(_CHANGE_WORDS.pattern + r"|共|总|合计|浪费|节约|节省")
# Shares and rates that cannot exceed 100% (完成率, 使用率, 增长率 can).


@knowledge.derived
def _share_clause():
    """A clause ending in a share or rate word (占比, 覆盖率, 满意度 …): its figure is a part of 100%."""
    words = "|".join(re.escape(word) for word in ["占比", *knowledge.get("figures", "share-words")])
    return patterns.compile(rf"(?:{words}|占(?:总|全)[\u4e00-\u9fff]{{0,10}}?的?)[^，。；\d]{{0,4}}$")


_PLURAL = patterns.compile(r"分别")


@knowledge.derived
def _action_end():
    """A metric ending in an action verb leaves open what the amount is for (中央财政安排51亿元，用于…)."""
    return patterns.compile("(?:" + "|".join(re.escape(word) for word in knowledge.get("figures", "action-verbs")) + ")$")


@knowledge.derived
def _condition():
    """A metric with these is a condition, a rate or a comparison, not a stated fact."""
    words = "|".join(re.escape(word) for word in knowledge.get("figures", "condition-words"))
    return patterns.compile(r"^(?:其他|其余|另)|" + _CHANGE_WORDS.pattern + "|" + words)


_BRACKET = patterns.compile(r"[ \t]*[（(]")
_TOTAL_WORDS = patterns.compile(r"(?:共|共计|合计|总计|总共|总数|总量)[^，。；\d]{0,6}$")
# Words that make a figure after 其中 a new metric, not a part: 其中主管护师15名，年均培训进修护士120名.
_NEW_METRIC = patterns.compile(r"年均|日均|月均|人均|平均|每|累计|新增|同比|环比")


@functools.lru_cache(maxsize=None)
def _modality_groups() -> dict:
    """Which modalities compare: results with results, targets with targets, the
    past with the past; conditions never."""
    from linter.extract.outline import ACHIEVED, PAST, STATED, TARGET

    return {ACHIEVED: "result", STATED: "result", TARGET: "target", PAST: "past"}


# A restatement repeats the words before the number (this many characters of its
# sentence, nearly the same) and the rest of its clause after it.
_RESTATED_BEFORE, _RESTATED_AFTER = 30, 6
_RESTATED_SIMILARITY, _RESTATED_WITHOUT_KEY = 0.85, 0.9
_RESTATED_SENTENCE = 120  # how much of the sentence a description or a figure without a key compares
_CLAUSE_END = patterns.compile(r"[，,。；;！!？?：:、（）()“”\n]")


class Figures(RuleType):
    name = "figures"
    fields = frozenset({"found", "expected", "metric", "other", "other_line", "other_path", "whole", "parts", "sum", "values", "computed", "count", "items", "listed", "facts"})  # what its messages may name
    # schema: at the end of the class, from the table of checks

    def __init__(self, options, error):
        super().__init__(options, error)
        from linter.extract.figures import DEFAULT_TOLERANCE

        self.tolerance = options.get("tolerance", DEFAULT_TOLERANCE)
        self.run = self.CHECKS[options["check"]]

    def check(self, doc):
        return self.run(self, doc) if self.run else iter(())

    def check_run(self, docs):
        if self.options["check"] != "cross-document":
            return iter(())
        return self._cross_document(docs)

    @property
    def compares_documents(self) -> bool:
        return self.options["check"] == "cross-document"

    def _figures(self, doc):
        from linter.extract.figures import figures

        return figures(doc, self.tolerance)

    # -- within a document ----------------------------------------------------------

    def _consistency(self, doc):
        facts = self._figures(doc)
        reported = set()
        groups = _modality_groups()
        comparable = [f for f in self._comparable(doc) if f.modality in groups]  # others have no identity
        restating = _restating(doc, facts)
        # A figure meets only figures that share the rest of its identity (and, for
        # a restatement, its top section, unit class and modality group): one alone
        # there is compared with nothing, so it needs no metric key (no jieba) —
        # nor, unless it shares its sentence too, a test for parallel subjects.
        parallel = _parallel(doc, facts, _shared(comparable, _rest_of_identity) | _shared(restating, _restatement_bucket))
        compared = _shared([f for f in comparable if f.start not in parallel], _rest_of_identity)
        metrics = _Metrics(doc, facts)
        for figure in comparable:
            if figure.start not in compared:
                continue
            key = _identity(doc, figure)
            if key is None:
                continue
            # A section's heading may name the subject of its figures (五、卫生 …
            # （一）医院：卫生技术人员3.1万人), and so may a line's label (行政许可：…):
            # across them a metric compares only as a restatement, where the words
            # around it come again.
            key += (figure.section, figure.label)
            first = metrics.earlier(key, figure)
            metrics.add(key, figure)
            if first is not None and not first.agrees_with(figure) and figure.sentence > first.start:
                reported.add(figure.start)
                yield _contradiction(doc, figure, first)
        restated = _shared([f for f in restating if f.start not in parallel], _restatement_bucket)
        for figure, first in self._restatements(doc, [f for f in restating if f.start in restated]):
            if figure.start not in reported:
                yield _contradiction(doc, figure, first)

    def _restatements(self, doc, restating):
        """(figure, earlier figure) where the words around a figure repeat those
        of an earlier one with the same metric key in the same top-level section,
        with a value that cannot be the same (`restating`: the figures that may be
        restatements, in text order). Each is compared with the last few figures
        of its metric only, so the search stays linear in the length of the document."""
        from linter.extract.figures import metric_key

        text = doc.text
        groups = {}
        modality_groups = _modality_groups()
        for figure in restating:
            group = modality_groups[figure.modality]
            key = metric_key(doc, figure)
            sentence = figure.sentence
            before = text[max(sentence, figure.start - _RESTATED_BEFORE):figure.start]
            if not _HAN_AT_LEAST[4 if key else 8].match(before):
                continue
            # Without a metric key (…，约6700万人受益) only the words before the number
            # tell, and a description (…增长2.2%的速度) may belong to any subject
            # named earlier: their whole sentences must be alike too.
            similarity = _RESTATED_SIMILARITY if key else _RESTATED_WITHOUT_KEY
            whole = text[max(sentence, figure.start - _RESTATED_SENTENCE):figure.start] if figure.attributive or not key else ""
            key = key or "…" + before[-4:]
            clause_end = _CLAUSE_END.search(text, figure.end, figure.end + _RESTATED_AFTER)
            after = text[figure.end:clause_end.start() if clause_end else figure.end + _RESTATED_AFTER]
            candidates = groups.setdefault((figure.top, figure.unit_class, group, key), [])
            for earlier, earlier_before, earlier_after, earlier_sentence in candidates[:-9:-1]:
                if earlier_sentence == sentence or _dated_apart(earlier, figure):
                    continue
                if earlier.label and figure.label and earlier.label != figure.label:
                    continue  # 行政许可：本年处理决定数量… and 行政处罚：本年处理决定数量…
                if after != earlier_after or not _similar(before, earlier_before, similarity):
                    continue
                if whole and not _similar(whole, text[max(earlier_sentence, earlier.start - _RESTATED_SENTENCE):earlier.start], similarity):
                    continue
                if not earlier.agrees_with(figure):
                    yield figure, earlier
                break
            candidates.append((figure, before, after, sentence))

    def _comparable(self, doc):
        """Figures that state a fact of their own, in Arabic numerals: not a
        change, not in a 分别 list or a list of items, not a condition (a list,
        found once for the rules that compare figures)."""
        return doc.memo(f"comparable-figures:{self.tolerance}", lambda: list(self._find_comparable(doc)))

    def _find_comparable(self, doc):
        facts = self._figures(doc)
        change_starts = [c.start for c in facts.changes]
        condition, action_end = _condition(), _action_end()
        for figure in facts.figures:
            if not figure.arabic or figure.listed or figure.attributive:
                continue
            name = figure.metric.split("{}")[0]
            if not _HAN_AT_LEAST[3].match(name) or condition.search(figure.metric):
                continue
            if action_end.search(name) and figure.metric.endswith("{}"):
                continue
            index = bisect.bisect_right(change_starts, figure.start) - 1
            if index >= 0 and figure.start < facts.changes[index].end:
                continue  # a value of 由A到B
            if _PLURAL.search(doc.text, max(facts.sentences.start(figure.start), figure.start - SENTENCE_REACH), figure.start):
                continue
            yield figure

    def _part_whole(self, doc):
        facts = self._figures(doc)
        text = doc.text
        starts = [f.start for f in facts.figures]
        for index, whole in enumerate(facts.figures):
            if whole.unit_class in ("%", "‰", "个百分点", "倍", "") or _CHANGE_WORDS.search(whole.metric):
                continue
            parts = _parts_of(text, facts, index, starts)
            for part in parts:
                if part.low > whole.high:
                    yield Hit(part.start, part.end, {"found": part.text, "whole": whole.text, "metric": _metric_name(part)})
            if len(parts) >= 2 and all(p.low <= whole.high for p in parts) and sum(p.low for p in parts) > whole.high:
                yield Hit(parts[0].start, parts[-1].end, {"found": "、".join(p.text for p in parts), "whole": whole.text})

    def _sum(self, doc):
        text = doc.text
        facts = self._figures(doc)
        starts = [f.start for f in facts.figures]
        for match in _PLURAL.finditer(text):
            end = facts.sentences.end(match.end())
            start = facts.sentences.start(match.start())
            in_sentence = facts.figures[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]
            listed = [f for f in in_sentence if match.end() <= f.start]
            if not listed:
                continue
            unit = listed[0].unit_class
            listed = _leading_list(text, [f for f in listed if f.unit_class == unit])
            totals = [f for f in in_sentence if f not in listed and f.unit_class == unit
                      and _TOTAL_WORDS.search(text, max(start, f.start - 8), f.start)]
            if len(listed) < 2 or len(totals) != 1 or unit in ("%", "‰", "个百分点", "倍"):
                continue
            total = totals[0]
            low, high = sum(f.low for f in listed), sum(f.high for f in listed)
            if high < total.low or low > total.high:
                yield Hit(total.start, total.end, {"found": total.text, "parts": "、".join(f.text for f in listed),
                                                   "sum": _number(sum(f.value for f in listed))})

    def _direction(self, doc):
        for change in self._figures(doc).changes:
            before, after = change.before, change.after
            larger = change.direction * (-1 if change.rank else 1) > 0  # a rise in rank is a smaller number
            wrong = after.high < before.low if larger else after.low > before.high
            if wrong:
                if change.rank:
                    expected = "名次后移" if change.direction > 0 else "名次前移"
                else:
                    expected = "下降" if change.direction > 0 else "增长"
                yield Hit(change.start, change.end, {"found": doc.text[change.start:change.end], "expected": expected})

    def _change(self, doc):
        for change in self._figures(doc).changes:
            stated, before, after = change.stated, change.before, change.after
            if stated is None or before.low <= 0:
                continue
            sign = change.stated_direction
            if stated.unit == "个百分点":
                if before.unit != "%" or after.unit != "%":
                    continue
                low, high = after.low - before.high, after.high - before.low
            else:
                low, high = (after.low / before.high - 1) * 100, (after.high / before.low - 1) * 100
            claimed_low, claimed_high = (-stated.high, -stated.low) if sign < 0 else (stated.low, stated.high)
            if claimed_high < low or claimed_low > high:
                true = (after.value - before.value) if stated.unit == "个百分点" else (after.value / before.value - 1) * 100
                yield Hit(change.stated_start, change.stated_start + len(stated.text),
                          {"found": stated.text, "computed": f"{true:+.1f}{'个百分点' if stated.unit == '个百分点' else '%'}",
                           "values": doc.text[change.start:change.end]})

    def _share(self, doc):
        text = doc.text
        for figure in self._figures(doc).figures:
            if figure.unit != "%" or figure.low <= 100:
                continue
            clause = text[max(0, figure.start - 20):figure.start]
            if _share_clause().search(clause) and not re.search(r"增长|增幅|增速|提高|同比|环比|上升|完成|超额", clause):
                yield Hit(figure.start, figure.end, {"found": figure.text})

    def _factsheet(self, doc):
        sheet = doc.factsheet
        if sheet is None or not sheet.figures:
            return
        facts = [(fact, figure_value(fact)) for fact in sheet.figures]
        for figure in self._comparable(doc):
            name = figure.metric.split("{}")[0]
            for fact, quantity in facts:
                if quantity is None or not name.endswith(fact["metric"]) or quantity.unit_class != figure.unit_class:
                    continue
                if "period" in fact and str(fact["period"]) + "年" not in figure.period:
                    continue
                if not (quantity.low <= figure.high and figure.low <= quantity.high):
                    yield Hit(figure.start, figure.end, {"found": figure.text, "metric": fact["metric"], "expected": str(fact["value"]),
                                                         "facts": sheet.path})

    def _enumeration(self, doc):
        from linter.extract.enumerations import enumerations
        from linter.extract.outline import NORMATIVE, outline

        shape = outline(doc)
        for found in enumerations(doc):
            # In a rule, 二名保证人 or 二类事项 names what a case needs, not the items listed after it.
            if shape.modality_at(found.start) == NORMATIVE:
                continue
            if found.listed > found.count or (found.listed < found.count and found.closed):
                yield Hit(found.start, found.end, {"found": found.text, "count": found.count, "listed": found.listed,
                                                   "items": "、".join(found.items)})

    def _bounds(self, doc):
        seen = {}
        for figure in self._comparable(doc):
            if figure.high != float("inf"):
                continue
            key = _identity(doc, figure)
            if key is None:
                continue
            first = seen.setdefault((figure.top,) + key, figure)
            if first is not figure and first.low != figure.low:
                yield Hit(figure.start, figure.end, {"found": figure.text, "metric": _metric_name(figure), "other": first.text,
                                                     "other_line": doc.position(first.start)[0]})

    # -- across documents -----------------------------------------------------------

    def _cross_document(self, docs):
        seen = {}
        # In date order; documents without a publication date last, in run order.
        for doc in sorted(docs, key=lambda d: (d.metadata.date is None, d.metadata.date or datetime.date.min)):
            for figure in self._comparable(doc):
                if not any(re.fullmatch(r"(?:19|20)\d\d年", p) for p in figure.period):
                    continue  # only a figure with its year compares across documents
                # Front matter `org:` keeps two organisations' figures apart.
                identity = _identity(doc, figure)
                if identity is None:
                    continue
                key = (doc.metadata.org,) + identity
                if key not in seen:
                    seen[key] = (doc, figure)
                    continue
                other_doc, other = seen[key]
                if other_doc is not doc and not other.agrees_with(figure):
                    yield doc, Hit(figure.start, figure.end, {"found": figure.text, "metric": _metric_name(figure), "other": other.text,
                                                              "other_path": other_doc.path, "other_line": other_doc.position(other.start)[0]})


    CHECKS = {  # check: name -> what it reports (None: it compares the documents of a run, in check_run)
        "consistency": _consistency, "part-whole": _part_whole, "sum": _sum, "direction": _direction, "change": _change,
        "share": _share, "factsheet": _factsheet, "enumeration": _enumeration, "bounds": _bounds, "cross-document": None,
    }
    schema = {
        "properties": {
            "check": {"enum": list(CHECKS), "description": "what the rule reports (see the figures rule type)"},
            "tolerance": {"type": "number", "exclusiveMinimum": 0, "maximum": 0.5,
                          "description": "how far 约/左右 let a value stray, as a fraction (default 0.05)"},
        },
        "required": ["check"],
    }

def _metric_key(doc, figure):
    from linter.extract.figures import metric_key

    return metric_key(doc, figure)


def _identity(doc, figure):
    """What makes two figures the same fact: metric key, period, qualifiers, unit and
    modality; None for a figure that compares with nothing (a condition, no metric)."""
    group = _modality_groups().get(figure.modality)
    key = _metric_key(doc, figure)
    if group is None or not key:
        return None
    return key, figure.period, figure.qualifiers, figure.unit_class, group


class _Metrics:
    """The figures seen so far by identity (`_identity`), to find the first one of a
    metric. The subject of a sentence carries to its later clauses: in
    三峡医学中心项目占地252亩，总投资50亿元 the investment is the project's, so a later
    三峡医学中心项目总投资60亿元 is the same metric. Two keys name one metric when one
    is the other with subject words in front and those words stand in the shorter
    one's sentence before its clause. A subject as general as 项目 or 全市 (under 4
    characters) does not carry: it names too many things."""

    _MIN_SUBJECT = 4

    def __init__(self, doc, facts):
        self.doc, self.facts = doc, facts
        self.first = {}  # identity → the first figure with it
        self.longer = {}  # identity with a shorter key → (the first figure with a longer key, the words in front)

    def add(self, identity, figure):
        key, rest = identity[0], identity[1:]
        self.first.setdefault(identity, figure)
        for shorter, subject in _shorter_keys(key):
            self.longer.setdefault((shorter,) + rest, (figure, subject))

    def earlier(self, identity, figure):
        """The first earlier figure of the same metric, or None."""
        if identity in self.first:
            return self.first[identity]
        key, rest = identity[0], identity[1:]
        for shorter, subject in _shorter_keys(key):
            earlier = self.first.get((shorter,) + rest)
            if earlier is not None and self._carries(earlier, subject):
                return earlier
        earlier, subject = self.longer.get(identity, (None, []))
        return earlier if earlier is not None and self._carries(figure, subject) else None

    def _carries(self, figure, subject) -> bool:
        """Whether the subject words stand in `figure`'s sentence before its clause."""
        if sum(len(word) for word in subject) < self._MIN_SUBJECT:
            return False
        text = self.doc.text[figure.sentence:figure.clause_start]
        return all(word in text for word in subject)


def _shorter_keys(key: str):
    """(a shorter key, the words dropped from its front) for each proper suffix of a key's metric words."""
    name, _, after = key.partition("{}")
    words = name.split("|")
    for index in range(1, len(words)):
        yield "|".join(words[index:]) + "{}" + after, words[:index]


def _restating(doc, facts):
    """The figures a restatement may be made of, in text order: in Arabic numerals,
    of a modality that compares, not a value of 由A到B, with at least the 4 Chinese
    characters before them that `_restatements` asks for (8 without a metric key)."""
    change_starts, change_ends = [c.start for c in facts.changes], [c.end for c in facts.changes]
    groups = _modality_groups()
    text = doc.text
    found = []
    for figure in facts.figures:
        if not figure.arabic or figure.modality not in groups:
            continue
        change = bisect.bisect_right(change_starts, figure.start) - 1
        if change >= 0 and figure.start < change_ends[change]:
            continue  # a value of 由A到B
        if not _HAN_AT_LEAST[4].match(text, max(figure.sentence, figure.start - _RESTATED_BEFORE), figure.start):
            continue
        found.append(figure)
    return found


def _rest_of_identity(figure):
    """All of `_identity` but the metric key, with the section and line label `_consistency` adds."""
    return figure.period, figure.qualifiers, figure.unit_class, _modality_groups()[figure.modality], figure.section, figure.label


def _restatement_bucket(figure):
    """All of a restatement's candidate key but the metric key."""
    return figure.top, figure.unit_class, _modality_groups()[figure.modality]


def _shared(figures, bucket) -> set:
    """Starts of the figures whose bucket holds another of `figures` too."""
    counts = {}
    for figure in figures:
        key = bucket(figure)
        counts[key] = counts.get(key, 0) + 1
    return {f.start for f in figures if counts[bucket(f)] > 1}


def _parallel(doc, facts, wanted):
    """Starts of figures whose metric key comes again in their own sentence with
    another value: parallel subjects (高等学校…毕业学生6.4万人；中等专业学校…毕业学生
    17.9万人), which a repeated metric word cannot tell apart. Decided for the
    figures in `wanted` (starts) at least: only their sentences' figures of their
    unit class are keyed, and only where two of them disagree (or there are over
    20), as a group of the same key must."""
    from linter.extract.figures import metric_key

    by_sentence = {}
    for figure in facts.figures:
        by_sentence.setdefault((figure.sentence, figure.unit_class), []).append(figure)
    found = set()
    for sentence in by_sentence.values():
        if len(sentence) < 2 or not any(f.start in wanted for f in sentence) or not _disagree(sentence):
            continue
        by_key = {}
        for figure in sentence:
            key = metric_key(doc, figure) or "…" + doc.text[max(0, figure.start - 6):figure.start]
            by_key.setdefault(key, []).append(figure)
        found.update(f.start for group in by_key.values() if len(group) > 1 and _disagree(group) for f in group)
    return found


def _disagree(group) -> bool:
    if len(group) > 20:
        return True
    return any(not a.agrees_with(b) for i, a in enumerate(group) for b in group[i + 1:])


def _contradiction(doc, figure, first):
    return Hit(figure.start, figure.end, {"found": figure.text, "metric": _metric_name(figure), "other": first.text,
                                          "other_line": doc.position(first.start)[0]})


def _dated_apart(first, second) -> bool:
    """Given two different periods: two years or ranges of years, or two dates of
    their own sentences. A relative date that could not be resolved (上年 in a
    paragraph, beside a section about 2014年) may be the same year: it does not
    keep a restatement apart."""
    if not (first.period and second.period) or first.period == second.period:
        return False
    if first.dated_by == second.dated_by == "sentence":
        return True
    return all(re.search(r"\d", label) for label in first.period + second.period)


def _similar(first: str, second: str, threshold: float) -> bool:
    """Whether difflib's ratio of the two texts reaches the threshold. Equal texts
    (a copied paragraph) need no matching, and its cheap upper bounds (characters
    in common regardless of order) rule out most others first."""
    if first == second:
        return True  # ratio 1.0, also for two empty texts
    import difflib  # only where figures are compared

    matcher = difflib.SequenceMatcher(None, first, second, autojunk=False)
    return matcher.real_quick_ratio() >= threshold and matcher.quick_ratio() >= threshold and matcher.ratio() >= threshold


def _metric_name(figure) -> str:
    return figure.metric.replace("{}", "…").strip("…") or figure.text


def _parts_of(text, facts, index, starts):
    """The figures a whole is divided into: in brackets right after it (267篇（SCI收录16篇）)
    or after 其中 later in its sentence, in the whole's unit class (`starts`: where
    each figure starts)."""
    whole = facts.figures[index]
    end = facts.sentences.end(whole.end)
    following = facts.figures[index + 1:bisect.bisect_left(starts, end, index + 1, min(index + 40, len(starts)))]
    bracket = _BRACKET.match(text, whole.end, whole.end + 3)
    if bracket:
        close = min((i for i in (text.find("）", whole.end, whole.end + 200), text.find(")", whole.end, whole.end + 200)) if i >= 0), default=-1)
        if close < 0:
            return []
        return [f for f in following if f.end <= close and f.unit_class == whole.unit_class and not _NOT_A_PART.search(f.metric)]
    # Searched only up to the last figure that could be a part, not to the end of a
    # sentence that may be a whole line without 。: a 其中 after it has no parts.
    among = text.find("其中", whole.end, min(end, following[-1].start)) if following else -1
    if among < 0:
        return []
    between = [f for f in following if f.start < among]
    if any(f.unit_class == whole.unit_class for f in between):
        return []  # another whole stands nearer to 其中
    parts = []
    for figure in following:
        if not among < figure.start < end or figure.unit_class != whole.unit_class:
            continue
        name = figure.metric.split("{}")[0]
        if _NEW_METRIC.search(name) and not _NEW_METRIC.search(whole.metric):
            break  # 其中 closes at a new metric
        if not _NOT_A_PART.search(name):
            parts.append(figure)
    return parts


def _leading_list(text, listed):
    """The first run of figures joined only by 、，和 及 (10人、12人和6人)."""
    run = listed[:1]
    for previous, figure in zip(listed, listed[1:]):
        if not re.fullmatch(r"[ \t]*(?:[、，,]|和|及|与)[ \t]*", text[previous.end:figure.start]):
            break
        run.append(figure)
    return run


def _number(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e15 else str(value)
