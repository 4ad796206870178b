"""jieba's dictionary (its dict.txt: word, frequency, part-of-speech tag), kept
in the user's cache folder in a form that loads in a few milliseconds and is
read only where a document needs it.

jieba's own start-up unmarshals a 350,000-word prefix dictionary (about 0.8 s);
even splitting a sorted list of the words costs 30 ms in every process. The
cache instead holds four flat files, built once from dict.txt and keyed on its
size and time: the words sorted, UTF-8, one per line (`jieba-words`); the
frequency of each (`jieba-frequencies`, after the total); the tag of each
(`jieba-tag-codes`, one byte each after a line naming the tags); and where the
words of each first character begin (`jieba-index`). A lookup decodes only the
words sharing its first character, the first time one is asked for, so a
document reads the few thousand groups of the characters it uses. Any problem
with the cache rebuilds it from dict.txt.
"""

import array
import bisect
import functools
from pathlib import Path
from typing import Optional

from linter import usercache

_UNSEEN = object()


class SortedDictionary:
    """Lookups in the cached dictionary. It is also jieba's FREQ mapping (word ->
    frequency, a proper prefix of a word -> 0) so that jieba segments with it
    unchanged; words jieba adds later (the fact sheet's names) are kept beside it."""

    def __init__(self, words: bytes, index: array.array, frequencies: array.array, tags: bytes):
        self.words = words
        # index: (first character, byte offset, word number) of each group, then an end marker.
        self.group_chars, self.group_offsets, self.group_numbers = index[0::3], index[1::3], index[2::3]
        self.total, self.frequencies = frequencies[0], frequencies[1:]
        names, _, codes = tags.partition(b"\n")
        self.tag_names, self.tag_codes = names.decode("utf-8").split(" "), codes
        self.groups = {}  # group number -> its words, decoded when first asked for
        self.known = {}  # every answer of `get`, and the words added through jieba

    @property
    def size(self) -> int:
        return self.group_numbers[-1]

    def number(self, word: str) -> Optional[int]:
        """The word's place in the sorted list, or None when it is not a word."""
        found, number = self._find(word)
        return number if found == word else None

    def _find(self, key: str):
        """(the first word >= key among those sharing its first character, its number), or (None, None)."""
        if not key:
            return None, None
        group = bisect.bisect_left(self.group_chars, ord(key[0]))
        if group >= len(self.group_chars) - 1 or self.group_chars[group] != ord(key[0]):
            return None, None
        words = self.groups.get(group)
        if words is None:
            start, end = self.group_offsets[group], self.group_offsets[group + 1]
            words = self.groups[group] = self.words[start:end - 1].decode("utf-8").split("\n")
        place = bisect.bisect_left(words, key)
        if place == len(words):
            return None, None
        return words[place], self.group_numbers[group] + place

    def frequency(self, key) -> Optional[int]:
        """The word's frequency; 0 for a proper prefix of words only; None for neither."""
        found, number = self._find(key)
        if found == key:
            return self.frequencies[number]
        return 0 if found is not None and found.startswith(key) else None

    def tag(self, word) -> Optional[str]:
        number = self.number(word)
        if number is None:
            return None
        return self.tag_names[self.tag_codes[number]] or None

    def entries(self):
        """(word, tag) for every word, sorted."""
        words = self.words.decode("utf-8").split("\n")[:-1]
        return ((word, self.tag_names[code] or None) for word, code in zip(words, self.tag_codes))

    # jieba's FREQ mapping
    def get(self, key, default=None):
        found = self.known.get(key, _UNSEEN)
        if found is _UNSEEN:
            found = self.known[key] = self.frequency(key)
        return default if found is None else found

    def __contains__(self, key):
        return self.get(key) is not None

    def __getitem__(self, key):
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def __setitem__(self, key, value):
        self.known[key] = value


@functools.lru_cache(maxsize=1)
def dictionary_file() -> Path:
    import importlib.util

    return Path(importlib.util.find_spec("jieba").origin).parent / "dict.txt"


@functools.lru_cache(maxsize=1)
def dictionary_key() -> str:
    """What the user-cache entries derived from jieba's dictionary are keyed on: its size and time."""
    stat = dictionary_file().stat()
    return f"{stat.st_size}-{int(stat.st_mtime)}"


_PARTS = (("jieba-words", ".txt"), ("jieba-index", ".bin"), ("jieba-frequencies", ".bin"), ("jieba-tag-codes", ".bin"))


@functools.lru_cache(maxsize=1)
def load() -> Optional[SortedDictionary]:
    """The dictionary from the user cache (built there first if need be), without
    importing jieba; None when jieba's dict.txt cannot be read."""
    try:
        key = dictionary_key()
    except (OSError, AttributeError, ImportError):
        return None
    try:
        words, index, frequencies, tags = (usercache.entry(kind, key, suffix).read_bytes() for kind, suffix in _PARTS)
        loaded = SortedDictionary(words, _array("I", index), _array("q", frequencies), tags)
        if _consistent(loaded):
            return loaded
    except (OSError, ValueError, UnicodeDecodeError, IndexError):
        pass
    try:
        parts = _build(dictionary_file())
    except (OSError, ValueError, UnicodeDecodeError, IndexError):
        return None
    for (kind, suffix), data in zip(_PARTS, parts):
        usercache.write(kind, key, suffix, data)
    words, index, frequencies, tags = parts
    return SortedDictionary(words, _array("I", index), _array("q", frequencies), tags)


def _array(typecode, data: bytes) -> array.array:
    loaded = array.array(typecode)
    loaded.frombytes(data)
    return loaded


def _consistent(loaded: SortedDictionary) -> bool:
    """Whether the four cached files agree with each other (a torn or stale write does not)."""
    size = loaded.size
    return (loaded.group_offsets[-1] == len(loaded.words) and len(loaded.frequencies) == size
            and len(loaded.tag_codes) == size and max(loaded.tag_codes, default=0) < len(loaded.tag_names))


def _build(path: Path):
    """The four cache files' contents from jieba's dict.txt."""
    frequencies, tags, total = {}, {}, 0
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if parts:
                # As jieba: the last line of a word wins, and every line counts in the total.
                frequencies[parts[0]] = int(parts[1])
                tags[parts[0]] = parts[2] if len(parts) > 2 else ""
                total += int(parts[1])
    words = sorted(frequencies)
    tag_names = sorted(set(tags.values()) | {""})
    code = {name: n for n, name in enumerate(tag_names)}
    index, offset, previous = array.array("I"), 0, None
    for number, word in enumerate(words):
        if word[0] != previous:
            index.extend((ord(word[0]), offset, number))
            previous = word[0]
        offset += len(word.encode("utf-8")) + 1
    index.extend((0x110000, offset, len(words)))  # the end of the last group
    return (
        "".join(word + "\n" for word in words).encode("utf-8"),
        index.tobytes(),
        array.array("q", [total] + [frequencies[word] for word in words]).tobytes(),
        " ".join(tag_names).encode("utf-8") + b"\n" + bytes(code[tags[word]] for word in words),
    )
