"""Chinese word segmentation with jieba, loaded lazily once per process and
run at most once per document.

jieba's own start-up unmarshals its 350,000-word prefix dictionary (about
0.8 s here). Instead its dict.txt is written once to the user's cache folder
as a sorted word list and an array of frequencies (keyed on the dictionary
file's size and time); loading both takes about 0.05 s, and lookups bisect
the list (`SortedFrequencies`). Checks that only ask whether a string is a
word (`is_word`) search the sorted list's bytes without loading jieba at all.
Any problem with the cache falls back to jieba's own loading.
"""

import array
import bisect
import functools
import logging
import os
import sys
import tempfile
from pathlib import Path

from linter import usercache

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
    try:
        import jieba
    finally:
        if blocked:
            del sys.modules["pkg_resources"]

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.dt
    try:
        words = _sorted_words().decode("utf-8").split("\n")[:-1]
        frequencies = _frequencies(words)
        tokenizer.FREQ, tokenizer.total = SortedFrequencies(words, frequencies[1:]), frequencies[0]
        tokenizer.initialized = True
    except Exception:  # an unreadable cache: jieba's own loader
        jieba.initialize()
    _jieba = jieba
    return jieba


_UNSEEN = object()


class SortedFrequencies:
    """jieba's FREQ mapping (word -> frequency, a proper prefix of a word -> 0),
    answered by bisection over the sorted dictionary. Loading two flat files
    takes about 0.05 s; unpickling jieba's 500,000-entry dict took 0.2-0.3 s and
    its own marshal cache about 0.8 s. Words added later (the fact sheet's
    names, through jieba.add_word) go to the dict of answers beside it."""

    def __init__(self, words, frequencies):
        # `known` remembers every answer (text repeats its fragments) and holds added words.
        self.words, self.frequencies, self.known = words, frequencies, {}

    def get(self, key, default=None):
        found = self.known.get(key, _UNSEEN)
        if found is _UNSEEN:
            found = self.known[key] = self._search(key)
        return default if found is None else found

    def _search(self, key):
        index = bisect.bisect_left(self.words, key)
        if index < len(self.words):
            if self.words[index] == key:
                return self.frequencies[index]
            if self.words[index].startswith(key):
                return 0
        return None

    def __contains__(self, key):
        return self.get(key) is not None

    def __getitem__(self, key):
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def __setitem__(self, key, value):
        self.known[key] = value


def _frequencies(words) -> array.array:
    """[total, frequency of each word in `words` order], cached beside the sorted words."""
    dictionary = _dictionary_file()
    stat = dictionary.stat()
    cache = usercache.folder() / f"jieba-frequencies-{stat.st_size}-{int(stat.st_mtime)}.bin"
    frequencies = array.array("q")
    try:
        frequencies.frombytes(cache.read_bytes())
        if len(frequencies) == len(words) + 1:
            return frequencies
    except OSError:
        pass
    by_word, total = {}, 0
    with open(dictionary, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                word, frequency = line.strip().split(" ")[:2]
                by_word[word] = int(frequency)  # as jieba: the last line of a word wins, every line counts in the total
                total += int(frequency)
    frequencies = array.array("q", [total] + [by_word[word] for word in words])
    _write(cache, frequencies.tobytes())
    return frequencies


def _write(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as handle:
            handle.write(data)
        os.replace(handle.name, path)
    except OSError:
        pass  # a read-only home only costs speed


def tokens(doc):
    """[(word, start, end)] for the document's lintable text."""
    return doc.memo("tokens", lambda: tokenize(doc, doc.text), scratch=True)


def tokenize(doc, text: str):
    """[(word, start, end)] for a piece of the document's text, with its fact sheet's names."""
    return list(_load_for(doc).tokenize(text))


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


# -- jieba's dictionary, sorted, in the user cache ---------------------------
#
# Checks that only ask "is this a word?" (doubled characters, spaces inside
# words) search the sorted list's bytes by bisection (UTF-8 sorts like code
# points) and never load jieba; segmentation loads the list and the frequencies.

_words = None


def _dictionary_file() -> Path:
    import importlib.util

    return Path(importlib.util.find_spec("jieba").origin).parent / "dict.txt"


def _sorted_words() -> bytes:
    global _words
    if _words is None:
        dictionary = _dictionary_file()
        stat = dictionary.stat()
        cache = usercache.folder() / f"jieba-words-{stat.st_size}-{int(stat.st_mtime)}.txt"
        try:
            _words = cache.read_bytes()
        except OSError:
            with open(dictionary, encoding="utf-8") as handle:
                words = sorted({line.split(" ", 1)[0] for line in handle if line.strip()})
            _words = "".join(word + "\n" for word in words).encode("utf-8")
            _write(cache, _words)
    return _words


def is_word(doc, word: str) -> bool:
    """Whether jieba's dictionary, or the document's fact sheet, has the word."""
    sheet = doc.factsheet
    if sheet is not None and (word in sheet.person_names() or any(word == name for _, name, _, _ in sheet.organisation_names())):
        return True
    return _in_dictionary(word)


@functools.lru_cache(maxsize=1 << 16)
def _in_dictionary(word: str) -> bool:
    words, key = _sorted_words(), word.encode("utf-8", "replace")  # a lone surrogate is in no word
    low, high = 0, len(words)  # offsets of line starts
    while low < high:
        start = words.rfind(b"\n", 0, (low + high) // 2) + 1
        end = words.index(b"\n", start)
        found = words[start:end]
        if found == key:
            return True
        if found < key:
            low = end + 1
        else:
            high = start
    return False
