"""Chinese words: jieba's dictionary, loaded lazily once per process, for
segmentation (run at most once per document) and for the word checks.

jieba reads its dictionary from our cached copy (`linter.dictionary`), which
loads in milliseconds, and its HMM's emission table from another
(`dictionary.emission_table`); checks that only ask whether a string is a word
(`is_word`) use that copy without importing jieba at all. Any problem with it
falls back to jieba's own loading.

`word_model(doc)` is the unigram model the word checks score text with:
jieba's frequencies, plus the vocabulary jieba lacks (linter/data/words.txt,
medical and government terms), the words of the config's `words:` and the
fact sheet's names. It finds the best route through a short piece of text as
jieba's DAG does (`WordModel.route`) and gives a word's part-of-speech tag from
jieba's dictionary (`WordModel.tag`). The added vocabulary is the checks'
alone: `tokens()` segments exactly as jieba does.
"""

import functools
import hashlib
import json
import math
import sys

from linter import dictionary, patterns, usercache

_jieba = None


def _load():
    global _jieba
    if _jieba is not None:
        return _jieba
    # jieba imports pkg_resources (about 0.2 s) only to open its data files, and
    # opens them by path when that import fails, as it does wherever setuptools
    # is not installed; on CPython it reads none of them through it.
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None
    # Its HMM's emission table from our cached copy (half of jieba's import time).
    emissions = None if "jieba" in sys.modules else dictionary.emission_table()
    if emissions is not None:
        import types

        stand_in = sys.modules["jieba.finalseg.prob_emit"] = types.ModuleType("jieba.finalseg.prob_emit")
        stand_in.P = emissions
    try:
        # Its module-level patterns (and those of what it imports, such as logging):
        # a CJK character class costs re 2-6 ms to compile.
        jieba = patterns.import_through_cache("jieba")
    finally:
        if blocked:
            del sys.modules["pkg_resources"]
    if emissions is None and isinstance(getattr(jieba.finalseg, "emit_P", None), dict):
        dictionary.remember_emission_table(jieba.finalseg.emit_P)

    import logging  # needed here only, where jieba is

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.dt
    loaded = dictionary.load()
    if loaded is None:  # an unreadable dictionary: jieba's own loader
        jieba.initialize()
    else:
        tokenizer.FREQ, tokenizer.total = loaded, loaded.total
        tokenizer.get_DAG = loaded.dag
        tokenizer.calc = lambda sentence, dag, route: loaded.best_route(sentence, dag, route, tokenizer.total)
        tokenizer.initialized = True
    _jieba = jieba
    return jieba


def tokens(doc):
    """[(word, start, end)] for the document's lintable text."""
    return doc.memo("tokens", lambda: tokenize(doc, doc.text), scratch=True)


def tokenize(doc, text: str):
    """[(word, start, end)] for a piece of the document's text, with its fact sheet's names.
    The same short text (a figure's clause, a line) is often segmented many times
    in a run, so results are kept per process, keyed on the text and on how many
    names have been added to jieba's dictionary (which only grows, and is all
    that can change a segmentation)."""
    jieba = _load_for(doc)
    if len(text) > _SEGMENTED_LONGEST:  # a whole document: segmented once anyway
        return list(jieba.tokenize(text))
    key = (len(_added_words), text)
    found = _segmented.get(key)
    if found is None:
        if len(_segmented) >= _SEGMENTED_MAX:
            _segmented.clear()
        found = _segmented[key] = tuple(jieba.tokenize(text))
    return list(found)


_segmented = {}
_SEGMENTED_MAX = 100_000
_SEGMENTED_LONGEST = 500


_added_words = set()


def _load_for(doc):
    """jieba, with the fact sheet's people (nr) and organisation names (nt) in
    its dictionary so that segmentation keeps them whole. Done here, not when
    the fact sheet is read, so that a run that never segments never loads jieba."""
    jieba = _load()
    sheet = doc.factsheet
    if sheet is not None:
        words = [(name, "nr") for name in sheet.person_names()]
        words += [(name, "nt") for _, name, _, _ in sheet.organisation_names()]
        for word, tag in words:
            if word not in _added_words:
                jieba.add_word(word, tag=tag)
                _added_words.add(word)
    return jieba


def is_word(doc, word: str) -> bool:
    """Whether jieba's dictionary, the domain vocabulary, the config's words or
    the document's fact sheet has the word."""
    if word in domain_words() or word in _user_words:
        return True
    sheet = doc.factsheet
    if sheet is not None and (word in sheet.person_names() or any(word == name for _, name, _, _ in sheet.organisation_names())):
        return True
    return _in_dictionary(word)


@functools.lru_cache(maxsize=1 << 16)
def _in_dictionary(word: str) -> bool:
    loaded = dictionary.load()
    return loaded is not None and loaded.number(word) is not None


# -- the word model of the word checks ------------------------------------------

# The frequency an added word (domain vocabulary, config, fact sheet) gets when
# it states none: about that of an ordinary content word in jieba's dictionary,
# and never less than what makes it beat the pieces it would otherwise be cut into.
ADDED_WORD_FREQUENCY = 300

_user_words = {}  # word -> (frequency or None, tag or None), from the config's `words:`


def parse_word_entry(line: str):
    """`词 [频率] [词性]`, as in a jieba user dictionary: (word, frequency or None, tag or None)."""
    parts = line.split()
    word, frequency, tag = parts[0], None, None
    for part in parts[1:]:
        if part.isdigit():
            frequency = int(part)
        else:
            tag = part
    return word, frequency, tag


def use_words(entries) -> None:
    """The config's `words:` (entries as in `parse_word_entry`), for every document from now on."""
    for entry in entries:
        word, frequency, tag = parse_word_entry(entry)
        _user_words[word] = (frequency, tag)


@functools.lru_cache(maxsize=1)
def domain_words():
    """The shipped vocabulary jieba lacks: {word: (frequency or None, tag or None)}."""
    from importlib import resources

    found = {}
    for line in resources.files("linter.data").joinpath("words.txt").read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            word, frequency, tag = parse_word_entry(line)
            found[word] = (frequency, tag)
    return found


def word_model(doc) -> "WordModel":
    """The word checks' model for a document: jieba's dictionary with the domain
    vocabulary, the config's words and the document's fact sheet names."""
    sheet = doc.factsheet
    names = ()
    if sheet is not None:
        names = tuple(sorted([(n, "nr") for n in sheet.person_names()] + [(name, "nt") for _, name, _, _ in sheet.organisation_names()]))
    return _model(names, tuple(sorted(_user_words.items())))


@functools.lru_cache(maxsize=8)
def _model(names, user_words) -> "WordModel":
    loaded = dictionary.load()
    if loaded is None:
        tokenizer = _load().dt
        lookup, total = tokenizer.FREQ.get, tokenizer.total
    else:
        lookup, total = loaded.frequency, loaded.total
    added = dict(domain_words())
    added.update(dict(user_words))
    added.update({name: (None, tag) for name, tag in names})
    if loaded is None:
        return WordModel(lookup, total, added)
    # The added words' frequencies are worked out by scoring each against the
    # dictionary (10 ms per process): remembered in the user cache, keyed on the
    # dictionary and the added words in their order.
    kind = "word-model"
    key = hashlib.sha256(json.dumps([dictionary.dictionary_key(), ADDED_WORD_FREQUENCY, list(added.items())],
                                    ensure_ascii=False).encode("utf-8")).hexdigest()[:40]
    try:
        known = json.loads(usercache.entry(kind, key, ".json").read_text("utf-8"))
    except (OSError, ValueError):
        known = None
    model = WordModel(lookup, total, added, known if isinstance(known, dict) else None)
    if model.added != known:
        usercache.write(kind, key, ".json", json.dumps(model.added, ensure_ascii=False).encode("utf-8"))
    return model


# WordModel's score of a piece that only begins words, and of one not scored yet.
_PREFIX, _UNSEEN = object(), object()
# How many routed texts a WordModel remembers.
_ROUTES_KEPT = 50_000


class WordModel:
    """A unigram model of Chinese words: jieba's dictionary frequencies, with
    added words on top. `route` is jieba's own calculation (its DAG of the
    dictionary words in a text, and the route of greatest log probability through
    it), on a short window of text rather than a whole document."""

    def __init__(self, lookup, total, added, known=None):
        """`lookup(word)`: the dictionary's frequency of a word, 0 for a prefix of words only, else None;
        `known`: the frequencies the added words were given before (word -> frequency)."""
        self.lookup, self.total = lookup, total
        self.log_total = math.log(total)
        self.added, self.tags = {}, {}
        self.prefixes = set()
        # piece of text -> its log probability as a word, _PREFIX (a proper prefix of a
        # word only) or None (neither): `route` asks for the same pieces again and again.
        self._scores = {}
        # text -> (score, words) of `route`: a window is often routed again (a
        # document's title in each of its doublings' windows).
        self._routes = {}
        # word -> frequency() and tag(): the checks ask about the same words again and again.
        self._frequencies, self._tags = {}, {}
        for word, (frequency, tag) in added.items():
            if not word:
                continue
            if frequency is None:
                frequency = known.get(word) if known else None
            if not isinstance(frequency, int):
                frequency = max(ADDED_WORD_FREQUENCY, self._frequency_of_pieces(word))
            self.added[word] = frequency
            if tag:
                self.tags[word] = tag
            self.prefixes.update(word[:n] for n in range(1, len(word)))
            self._scores.clear()  # pieces scored and texts routed before this word was added
            self._frequencies.clear()
            self._routes.clear()

    def _frequency_of_pieces(self, word) -> int:
        """What frequency makes the word beat the best way of cutting it (jieba's suggest_freq)."""
        score, _ = self.route(word)
        return int(math.exp(score) * self.total) + 1

    def frequency(self, word):
        """The word's frequency; 0 for a prefix of a word only; None for neither."""
        found = self._frequencies.get(word, _UNSEEN)
        if found is _UNSEEN:
            if word in self.added:
                found = self.added[word]
            else:
                found = self.lookup(word)
                if found is None and word in self.prefixes:
                    found = 0
            self._frequencies[word] = found
        return found

    def is_word(self, word) -> bool:
        return bool(self.frequency(word))

    def route(self, text):
        """(log probability, [(word, start, end)]) of the best segmentation of `text`."""
        found = self._routes.get(text)
        if found is None:
            if len(self._routes) >= _ROUTES_KEPT:
                self._routes.clear()
            found = self._routes[text] = self._route(text)
        return found[0], list(found[1])

    def _route(self, text):
        # best[start], best_end[start]: the log probability of the best route from
        # start on, the end of its first word (jieba's calc: the greatest
        # probability, the longer first word on a tie).
        size, scores, unknown = len(text), self._scores, -self.log_total
        best, best_end = [0.0] * (size + 1), [size] * (size + 1)
        for start in range(size - 1, -1, -1):
            top, top_end, end = 0.0, 0, start + 1
            while end <= size:
                piece = text[start:end]
                score = scores.get(piece, _UNSEEN)
                if score is _UNSEEN:
                    score = self._score(piece)
                if score is None:
                    break
                if score is not _PREFIX:
                    option = score + best[end]
                    if not top_end or option >= top:  # ends grow: on a tie the later (longer) word wins
                        top, top_end = option, end
                end += 1
            if top_end:
                best[start], best_end[start] = top, top_end
            else:
                best[start], best_end[start] = unknown + best[start + 1], start + 1
        words, start = [], 0
        while start < size:
            end = best_end[start]
            words.append((text[start:end], start, end))
            start = end
        return best[0] if size else 0.0, words

    def _score(self, piece):
        found = self.added.get(piece)
        if found is None:  # self.frequency(piece), inlined: most pieces are scored once, here
            found = self.lookup(piece)
            if found is None and piece in self.prefixes:
                found = 0
        score = None if found is None else _PREFIX if found == 0 else math.log(found) - self.log_total
        self._scores[piece] = score
        return score

    def tag(self, word):
        """jieba's part-of-speech tag of a word (n, v, nr, z, uj …), or None."""
        if word in self.tags:
            return self.tags[word]
        found = self._tags.get(word, _UNSEEN)
        if found is _UNSEEN:
            loaded = dictionary.load()
            found = self._tags[word] = loaded.tag(word) if loaded is not None else None
        return found


# How many dictionary place or organisation names (ns, nt) must end in a character
# for it to count as a name ending (县, 区, 镇, 村, 局 …).
NAME_ENDING_WORDS = 100


class DictionaryForms:
    """Facts about word shapes drawn from jieba's dictionary once (cached beside it):
    `reduplicated_endings`, the BB of its ABB state words (tag z: 亮晶晶, 胖乎乎),
    and `name_endings`, characters that end many of its place and organisation names."""

    def __init__(self, reduplicated_endings, name_endings):
        self.reduplicated_endings, self.name_endings = set(reduplicated_endings), set(name_endings)


_forms = None


def dictionary_forms() -> DictionaryForms:
    global _forms
    if _forms is None:
        kind, key = "jieba-forms", f"{NAME_ENDING_WORDS}-{dictionary.dictionary_key()}"
        cache = usercache.entry(kind, key, ".txt")
        try:
            endings, names = cache.read_text("utf-8").split("\n")
            _forms = DictionaryForms(endings.split(), names)
        except (OSError, UnicodeDecodeError, ValueError):
            from collections import Counter

            endings, counts = set(), Counter()
            loaded = dictionary.load()
            for word, tag in loaded.entries() if loaded is not None else ():
                if tag == "z" and len(word) == 3 and word[1] == word[2] != word[0]:
                    endings.add(word[1:])
                elif tag in ("ns", "nt") and len(word) >= 3:
                    counts[word[-1]] += 1
            names = "".join(sorted(c for c, n in counts.items() if n >= NAME_ENDING_WORDS))
            usercache.write(kind, key, ".txt", (" ".join(sorted(endings)) + "\n" + names).encode("utf-8"))
            _forms = DictionaryForms(endings, names)
    return _forms
