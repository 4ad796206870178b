"""`names`: people's titles and spelling, organisation names and declared
abbreviations, read from the names extracted once per document
(`linter.extract.names`) and, where the check says so, the fact sheet.

Option `check` chooses what a rule reports:

- `title`: a registered person given a title they do not hold at the
  publication date (fact sheet).
- `title-consistency`: one person given two incompatible titles in one
  document (院长 and 副院长; 党委书记 and 院长, never combined).
- `misspelling`: a name one character away from a registered person (fact sheet).
- `misspelling-consistency`: a title+name pair once, differing by one character
  from a pair with the same title used at least twice.
- `spelling-variant`: a person's name written once in a form one character
  away from a name the document uses at least twice: a character changed
  (张先详 beside 张先祥, any title or none; in a two-character name only for one
  that sounds the same, 于栋 beside 于冬), doubled (王乐乐 beside 王乐) or
  dropped (王乐 beside 王乐乐); never for two names in one sentence (王平和王萍);
  the message names both lines.
- `leader-order`: registered leaders listed one after another (党委书记杨德清，
  党委副书记、院长张先祥) against their `order` in the fact sheet.
- `former-name`: an organisation's former name after its renaming (fact sheet).
- `short-name`: a short form of a registered organisation that is not registered.
- `abbreviation-full`, `abbreviation-early`, `abbreviation-unused`: the full
  name used again after （以下简称“X”）; X used before it is declared; X never used.
"""

import datetime
import re
from collections import Counter, defaultdict

from linter import patterns
from linter.rule_types import Hit, RuleType
from linter.text_units import HAN, Sentences, in_book_title, in_quotation


# Sentences about the renaming itself may use the former name.
_RENAMING = patterns.compile(r"划转|更名|改名|改称|前身|曾用名|旧称|原名|组建|合并")


def _facts():
    """linter.extract.names, imported at first use: a run without name rules
    (--select typography) never compiles its patterns."""
    from linter.extract import names

    return names


class Names(RuleType):
    name = "names"
    fields = frozenset({"found", "expected", "name", "title", "line", "other_line", "count"})  # what its messages may name
    # schema: at the end of the class, from the table of checks

    def __init__(self, options, error):
        super().__init__(options, error)
        self.run = self.CHECKS[options["check"]]

    def check(self, doc):
        return self.run(self, doc)

    # -- people ----------------------------------------------------------------

    def _title(self, doc):
        sheet, date = doc.factsheet, doc.metadata.date
        if not sheet or not sheet.people:
            return
        people = sheet.person_names()
        for mention in _facts().person_mentions(doc):
            person = people.get(mention.name)
            if not person or mention.past:
                continue
            held = sheet.titles_held(person, date)  # without a date: every title ever held
            for title in mention.titles:
                if any(_same_post(title, h) for h in held):
                    continue
                others = [n for n, p in people.items() if n != mention.name and title in sheet.titles_held(p, date)]
                if title in sheet.titles_ever(person) or others or any(_incompatible(title, h) for h in held):
                    expected = "、".join(held) if held else "（无现任职务）"
                    yield Hit(mention.title_start, mention.end, {"name": mention.name, "found": title, "expected": expected})
                    break

    def _title_consistency(self, doc):
        registered = doc.factsheet.person_names() if doc.factsheet else {}
        by_name = defaultdict(list)
        for mention in _facts().person_mentions(doc):
            if mention.titles and not mention.past and not mention.title_after and mention.name not in registered:
                by_name[mention.name].append(mention)
        for name, mentions in by_name.items():
            combined = [set(m.titles) for m in mentions]
            for index, mention in enumerate(mentions):
                conflict = next(
                    (
                        (title, earlier, other)
                        for earlier in mentions[:index]
                        for other in earlier.titles
                        for title in mention.titles
                        if _incompatible(title, other) and not any({title, other} <= titles for titles in combined)
                    ),
                    None,
                )
                if conflict:
                    title, earlier, other = conflict
                    line = doc.position(earlier.start)[0]
                    yield Hit(mention.title_start, mention.end, {"name": name, "found": title, "expected": other, "line": line})

    def _misspelling(self, doc):
        sheet = doc.factsheet
        if not sheet or not sheet.people:
            return
        people = sheet.person_names()
        for mention in _facts().person_mentions(doc):
            if mention.name in people:
                continue
            for name, person in people.items():
                if not _one_apart(mention.name, name):
                    continue
                if mention.titles:
                    ever = sheet.titles_ever(person)
                    if not any(_same_post(t, h) for t in mention.titles for h in ever):
                        continue
                elif mention.name[0] != name[0]:
                    continue
                yield Hit(mention.start, mention.end, {"name": name, "found": mention.name, "expected": name})
                break

    def _misspelling_consistency(self, doc):
        registered = doc.factsheet.person_names() if doc.factsheet else {}
        before_names = [m for m in _facts().person_mentions(doc) if m.titles and not m.title_after]
        counts = Counter((m.titles[-1], m.name) for m in before_names)
        for mention in before_names:
            if mention.name in registered or counts[(mention.titles[-1], mention.name)] != 1:
                continue
            title = mention.titles[-1]
            frequent = [
                name
                for (t, name), count in counts.items()
                if t == title and count >= 2 and name[0] == mention.name[0] and _one_apart(name, mention.name)
            ]
            if len(frequent) == 1 and frequent[0] not in registered:
                yield Hit(mention.start, mention.end, {"name": frequent[0], "found": mention.name, "expected": frequent[0], "title": title})

    def _spelling_variant(self, doc):
        registered = doc.factsheet.person_names() if doc.factsheet else {}
        text = doc.text
        mentions = _facts().person_mentions(doc)
        names = {m.name for m in mentions if m.name not in registered}
        # Every name and variant found in one pass, not one search of the whole text each.
        where = _Occurrences(text, names | {v for name in names for v in _doubled_or_dropped(name)})
        within = _holders(names)
        uses = {name: _uses(text, where, name, within) for name in names}
        by_initial = defaultdict(list)
        for m in mentions:
            by_initial[m.name[:1]].append(m)
        reported = set()
        for name in sorted(names, key=lambda n: -len(uses[n])):
            if len(uses[name]) < 2:
                continue
            variants = [(v, _uses(text, where, v, within)) for v in _doubled_or_dropped(name)]
            variants += [(m.name, uses[m.name]) for m in by_initial[name[:1]] if m.name in names
                         and (_one_apart(m.name, name) or _homophone_given_name(m.name, name)) and not _same_title_pair(m, name, mentions)]
            for variant, places in variants:
                if len(places) != 1 or places[0] in reported or variant in registered:
                    continue
                start = places[0]
                # Named side by side in one sentence (王平和王萍), they are two people; a list's
                # items split at ； are sentences of their own.
                if any(name in part for part in _sentence(doc, start).replace(variant, "\0").split("；") if "\0" in part):
                    continue
                # The frequent form's own uses, not the one inside the variant (王乐 in 王乐乐).
                frequent = [u for u in uses[name] if not start <= u < start + len(variant)]
                if len(frequent) < 2:
                    continue
                reported.add(start)
                yield Hit(start, start + len(variant), {"found": variant, "expected": name, "line": doc.position(start)[0],
                                                        "other_line": doc.position(frequent[0])[0], "count": len(frequent)})

    def _leader_order(self, doc):
        sheet = doc.factsheet
        if not sheet or not sheet.people:
            return
        people = sheet.person_names()
        listed = [m for m in _facts().person_mentions(doc) if m.titles and people.get(m.name, {}).get("order") is not None]
        for before, after in zip(listed, listed[1:]):
            # Only a list: the second title+name follows the first with nothing but a separator between.
            if not re.fullmatch(r"[，、,\s\u3000]*", doc.text[before.end:after.title_start]):
                continue
            if people[after.name]["order"] < people[before.name]["order"]:
                yield Hit(before.title_start, after.end, {"found": f"{before.name}、{after.name}", "expected": f"{after.name}、{before.name}"})

    # -- organisations -----------------------------------------------------------

    def _former_name(self, doc):
        date = doc.metadata.date
        for mention in _facts().organisation_mentions(doc):
            if mention.kind != "former":
                continue
            # A dated renaming needs a publication date after it; an undated former name is always former.
            if mention.last_current != datetime.date.min and (date is None or date <= mention.last_current):
                continue
            sentence = _sentence(doc, mention.start)
            if _RENAMING.search(sentence) or doc.text[max(0, mention.start - 1):mention.start] == "原" or in_book_title(doc, mention.start):
                continue
            yield Hit(mention.start, mention.end, {"found": mention.name, "expected": mention.organisation})

    def _short_name(self, doc):
        sheet = doc.factsheet
        for mention in _facts().organisation_mentions(doc):
            if mention.kind != "unregistered" or in_book_title(doc, mention.start):
                continue
            org = next(o for o in sheet.organisations if o["name"] == mention.organisation)
            accepted = "、".join([org["name"]] + list(org.get("short_names", [])))
            yield Hit(mention.start, mention.end, {"found": mention.name, "expected": accepted})

    # -- abbreviations -------------------------------------------------------------

    def _declared(self, doc):
        """The first declaration of each short form. A declaration inside a quoted
        passage (a 决定 quoting the articles it amends: “依照《中华人民共和国民事诉讼法》
        （以下简称民事诉讼法）…”) is the quoted text's, not this document's."""
        seen = set()
        for abbreviation in _facts().abbreviations(doc):
            if in_quotation(doc, abbreviation.start):
                continue
            if abbreviation.short not in seen:
                seen.add(abbreviation.short)
                yield abbreviation

    def _abbreviation_full(self, doc):
        for abbreviation in self._declared(doc):
            if not abbreviation.full:
                continue
            for match in re.finditer(re.escape(abbreviation.full), doc.text[abbreviation.end:]):
                start = abbreviation.end + match.start()
                end = abbreviation.end + match.end()
                # After a content character the full name is part of a longer name
                # (国务院自由贸易试验区工作部际联席会议), which keeps its full form.
                before = doc.text[start - 1:start] if start else ""
                if re.match(HAN, before) and before not in _facts().PHRASE_END_CHARS:
                    continue
                # Inside a longer cited title (《村庄和集镇规划建设管理条例》) a name keeps its full form.
                if not abbreviation.full.startswith("《") and in_book_title(doc, start):
                    continue
                if not _in_sentence_line(doc, start) or re.match(r"[（(](?:以下|下文|下)?简?称", doc.text[end:end + 5]):
                    continue
                line = doc.position(abbreviation.start)[0]
                yield Hit(start, end, {"found": abbreviation.full, "expected": abbreviation.short, "line": line})

    def _abbreviation_early(self, doc):
        from linter.extract.outline import outline

        # A rule text defines its terms (（以下称播放录音制品）) from words it uses
        # in their ordinary sense before the definition.
        if outline(doc).normative:
            return
        for abbreviation in self._declared(doc):
            full = (abbreviation.full or "").strip("《》")
            # A short form that is the full name's last words (领导小组, 方案) is also an ordinary word.
            if not full or full.endswith(abbreviation.short):
                continue
            form = f"《{abbreviation.short}》" if abbreviation.book_title else abbreviation.short
            inside_full = set()
            for match in re.finditer(re.escape(full), doc.text):
                inside_full.update(range(match.start(), match.end()))
            for match in re.finditer(re.escape(form), doc.text[: abbreviation.start]):
                if match.start() in inside_full or match.end() - 1 in inside_full or not _in_sentence_line(doc, match.start()):
                    continue
                # Part of a longer piece of the full name (协调委 in 协调委员会): not the short form.
                if doc.text[match.start(): match.end() + 1] in full or doc.text[max(0, match.start() - 1): match.end()] in full:
                    continue
                if _inside_word(doc, match.start(), match.end()):  # 银行 in 中国人民银行, 商业银行
                    continue
                line = doc.position(abbreviation.start)[0]
                yield Hit(match.start(), match.end(), {"found": form, "expected": abbreviation.full, "line": line})

    def _abbreviation_unused(self, doc):
        # Only a form declared for the text below (以下简称, 下称) promises to be used; a
        # plain （简称X） gives a name's usual short form. A use inside a longer word (ABC手术) counts.
        for abbreviation in self._declared(doc):
            if abbreviation.for_below and abbreviation.short not in doc.text[abbreviation.end:]:
                yield Hit(abbreviation.start, abbreviation.end, {"found": abbreviation.short, "expected": abbreviation.full or ""})

    CHECKS = {  # check: name -> what it reports
        "title": _title, "title-consistency": _title_consistency, "misspelling": _misspelling,
        "misspelling-consistency": _misspelling_consistency, "spelling-variant": _spelling_variant, "leader-order": _leader_order,
        "former-name": _former_name, "short-name": _short_name, "abbreviation-full": _abbreviation_full,
        "abbreviation-early": _abbreviation_early, "abbreviation-unused": _abbreviation_unused,
    }
    schema = {
        "properties": {"check": {"enum": list(CHECKS), "description": "what the rule reports (see the names rule type)"}},
        "required": ["check"],
    }


def _same_post(title: str, held: str) -> bool:
    """院长 names the post 院长 and 书记 names 党委书记, but 院长 does not name 副院长."""
    if title == held:
        return True
    return held.endswith(title) and not held[: -len(title)].endswith("副")


def _incompatible(a: str, b: str) -> bool:
    return a.replace("副", "", 1) == b or b.replace("副", "", 1) == a or {a, b} in _facts().exclusive_titles()


def _one_apart(a: str, b: str) -> bool:
    """张先详/张先祥. Two-character names one apart differ in the whole given
    name (王平/王强): two people, not a typo."""
    return len(a) == len(b) >= 3 and sum(x != y for x, y in zip(a, b)) == 1


def _homophone_given_name(a: str, b: str) -> bool:
    """A two-character name whose given name sounds the same, tones aside (于冬/于栋, 黄毅/黄一):
    the way an input method misspells it. Two-character names that sound different
    (王平/王强) are two people."""
    if not (len(a) == len(b) == 2 and a[0] == b[0] and a != b):
        return False
    return bool(_readings(a[1]) & _readings(b[1]))


def _readings(char: str) -> set:
    """A character's readings without tones (平 → {ping, pian, bing, beng}), from pypinyin's
    table of every character; imported at first use, as few documents need it."""
    import unicodedata

    from pypinyin.pinyin_dict import pinyin_dict

    readings = pinyin_dict.get(ord(char), "")
    return {"".join(c for c in unicodedata.normalize("NFD", r) if not unicodedata.combining(c)) for r in readings.split(",") if r}


def _sentence(doc, offset: int) -> str:
    """The sentence around an offset, between 。！？ and line breaks (bisected, not searched for)."""
    sentences = doc.memo("names:sentences", lambda: Sentences(doc.text, "。！？\n"))
    return doc.text[sentences.start(offset):sentences.end(offset)]


def _in_sentence_line(doc, offset: int) -> bool:
    """Body text, not a headline, caption or credit line: the line holds a full sentence.
    Answered once per line (a 20 MB line is not searched again for every name on it)."""
    line = doc.position(offset)[0]
    answers = doc.memo("names:sentence-lines", dict)
    if line not in answers:
        start, end = doc.line_span(line)
        answers[line] = _SENTENCE_MARK.search(doc.text, start, end) is not None
    return answers[line]


_SENTENCE_MARK = patterns.compile(r"[。！？；]")


def _inside_word(doc, start: int, end: int) -> bool:
    """Whether text[start:end] is part of a longer word: jieba cuts inside it or at neither end of it."""
    from linter.segment import tokenize

    window = max(0, start - 8)
    bounds = {window}
    for _, _, token_end in tokenize(doc, doc.text[window:end + 8]):
        bounds.add(window + token_end)
    return start not in bounds or end not in bounds


def _uses(text: str, where: "_Occurrences", name: str, within) -> list:
    """Offsets where a name is written, not as part of a longer name the document also
    uses (王乐 in 王乐乐); `within`: the names that hold a string (_holders)."""
    longer = within.get(name, ())
    return [start for start in where.starts(name)
            if not any(text.startswith(n, start - n.find(name)) for n in longer if n.find(name) <= start)]


def _holders(names) -> dict:
    """Each string inside some of the names -> those names (not itself)."""
    holders = defaultdict(set)
    for name in names:
        for i in range(len(name)):
            for j in range(i + 1, len(name) + 1):
                if j - i < len(name):
                    holders[name[i:j]].add(name)
    return holders


class _Occurrences:
    """Where each of a set of short strings (names) is written, found in one pass over
    the text at their first characters."""

    def __init__(self, text: str, strings):
        by_first = defaultdict(list)
        for string in strings:
            if string:
                by_first[string[0]].append(string)
        self.found = defaultdict(list)  # string -> every start, overlapping ones too
        if by_first:
            for match in re.finditer("[" + re.escape("".join(by_first)) + "]", text):
                start = match.start()
                for string in by_first[match.group(0)]:
                    if text.startswith(string, start):
                        self.found[string].append(start)

    def starts(self, string: str) -> list:
        """The starts re.finditer(re.escape(string)) gives: left to right, none overlapping."""
        starts, end = [], 0
        for start in self.found.get(string, ()):
            if start >= end:
                starts.append(start)
                end = start + len(string)
        return starts


def _doubled_or_dropped(name: str) -> list:
    """王乐 → 王乐乐 (a character typed twice); 王乐乐 → 王乐 (a doubled character typed once)."""
    variants = {name[:k + 1] + name[k:] for k in range(1, len(name))}
    variants |= {name[:k] + name[k + 1:] for k in range(1, len(name)) if name[k] == name[k - 1] and len(name) > 2}
    return sorted(v for v in variants if v != name)


def _same_title_pair(mention, name: str, mentions) -> bool:
    """The variant is a title+name pair NM004 (misspelling-consistency) reports: the frequent
    name stands at least twice after the same title, before the name."""
    if not mention.titles or mention.title_after:
        return False
    return sum(m.name == name and bool(m.titles) and not m.title_after and m.titles[-1] == mention.titles[-1] for m in mentions) >= 2
