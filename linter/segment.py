"""Chinese word segmentation with jieba, loaded lazily once per process and
run at most once per document.

jieba's own start-up unmarshals its 500,000-word prefix dictionary (about
0.8 s here); the same dictionary pickled loads in about 0.25 s. The pickle is
written once to the user's cache folder, keyed on jieba's version and its
dictionary file, and any problem with it falls back to jieba's own loading.
"""

import functools
import logging
import os
import pickle
import tempfile
from pathlib import Path

from linter import usercache

_jieba = None


def _cache_file(jieba) -> Path:
    dictionary = Path(jieba.__file__).parent / "dict.txt"
    stat = dictionary.stat()
    return usercache.folder() / f"jieba-{jieba.__version__}-{stat.st_size}-{int(stat.st_mtime)}.pickle"


def _load():
    global _jieba
    if _jieba is not None:
        return _jieba
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.dt
    try:
        cache = _cache_file(jieba)
        with open(cache, "rb") as handle:
            tokenizer.FREQ, tokenizer.total = pickle.load(handle)
        tokenizer.initialized = True
    except Exception:  # no cache yet, or an unreadable one: jieba's own loader, then write ours
        jieba.initialize()
        _write_cache(tokenizer)
    _jieba = jieba
    return jieba


def _write_cache(tokenizer):
    try:
        cache = _cache_file(__import__("jieba"))
        cache.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=cache.parent, delete=False) as handle:
            pickle.dump((tokenizer.FREQ, tokenizer.total), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, cache)
    except OSError:
        pass  # a read-only home only costs speed


def tokens(doc):
    """[(word, start, end)] for the document's lintable text."""
    return doc.memo("tokens", lambda: list(_load_for(doc).tokenize(doc.text)), scratch=True)


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



# -- word lookups without loading jieba -------------------------------------
#
# Checks that only ask "is this a word?" (doubled characters, spaces inside
# words) would otherwise load jieba's whole dictionary for almost every
# document. Instead jieba's dict.txt is written once, sorted, to the user cache
# and searched by bisection over its bytes (UTF-8 sorts like code points).

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
            try:
                cache.parent.mkdir(parents=True, exist_ok=True)
                with tempfile.NamedTemporaryFile("wb", dir=cache.parent, delete=False) as handle:
                    handle.write(_words)
                os.replace(handle.name, cache)
            except OSError:
                pass  # a read-only home only costs speed
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
