"""jieba's dictionary (its dict.txt: word, frequency, part-of-speech tag), kept
in the user's cache folder in a form that loads in a few milliseconds and is
decoded only where a document needs it.

jieba's own start-up unmarshals a 350,000-word prefix dictionary (about 0.8 s);
even splitting a sorted list of the words costs 30 ms in every process. The
cache instead holds five flat files, built once from dict.txt and keyed on its
content (size and digest): the words sorted, UTF-8, one per line (`jieba-words`); every
BLOCK-th word (`jieba-heads`) and where each block of BLOCK words begins
(`jieba-blocks`); the frequency of each word (`jieba-frequencies`, after the
total); and its tag (`jieba-tag-codes`, one byte each after a line naming the
tags). The files are mapped into memory, so loading them costs about 3 ms and
a process reads only the pages its lookups touch. A lookup bisects the heads,
then decodes the one block that can hold the word, the first time it is asked
for: linting half the corpus decodes 0.46 MB of the 3.4 MB. Any problem with
the cache rebuilds it from dict.txt.
"""

import array
import functools
import mmap
from bisect import bisect_left, bisect_right
from math import log
from pathlib import Path
from typing import Optional

from linter import usercache

_UNSEEN = object()


# Words per block: a lookup decodes one block.
BLOCK = 16


class SortedDictionary:
    """Lookups in the cached dictionary. It is also jieba's FREQ mapping (word ->
    frequency, a proper prefix of a word -> 0) so that jieba segments with it
    unchanged; words jieba adds later (the fact sheet's names) are kept beside it."""

    def __init__(self, words, heads, blocks, frequencies, tags):
        """The five files' contents: bytes, or the files mapped into memory."""
        self.words, self.heads = words, bytes(heads).decode("utf-8").split("\n")
        self.block_offsets = memoryview(blocks).cast("I")
        frequencies = memoryview(frequencies).cast("q")
        self.total, self.frequencies = frequencies[0], frequencies[1:]
        names_end = tags.find(b"\n")
        self.tag_names, self.tag_codes = bytes(tags[:names_end]).decode("utf-8").split(" "), memoryview(tags)[names_end + 1:]
        self.blocks = {}  # block number -> its words, decoded when first asked for
        self.known = {}  # every answer of `get`, and the words added through jieba

    @property
    def size(self) -> int:
        return len(self.frequencies)

    def number(self, word: str) -> Optional[int]:
        """The word's place in the sorted list, or None when it is not a word."""
        found, number = self._find(word)
        return number if found == word else None

    def _find(self, key: str):
        """(the first word >= key, its number), or (None, None) past the last word."""
        block = bisect_right(self.heads, key) - 1
        if block < 0:
            block = 0
        words = self.blocks.get(block)
        if words is None:
            start, end = self.block_offsets[block], self.block_offsets[block + 1]
            words = self.blocks[block] = self.words[start:end - 1].decode("utf-8").split("\n")
        place = bisect_left(words, key)
        if place < len(words):
            return words[place], block * BLOCK + place
        if block + 1 < len(self.heads):
            return self.heads[block + 1], (block + 1) * BLOCK
        return None, None

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
        words = bytes(self.words).decode("utf-8").split("\n")[:-1]
        return ((word, self.tag_names[code] or None) for word, code in zip(words, self.tag_codes))

    # jieba's FREQ mapping
    def get(self, key, default=None):
        found = self.known.get(key, _UNSEEN)
        if found is _UNSEEN:
            found = self.known[key] = self.frequency(key)
        return default if found is None else found

    # jieba's get_DAG asks `in` and `[]` about a million times on the corpus:
    # each answers from `known` itself rather than through `get`.
    def __contains__(self, key):
        found = self.known.get(key, _UNSEEN)
        if found is _UNSEEN:
            found = self.known[key] = self.frequency(key)
        return found is not None

    def __getitem__(self, key):
        found = self.known.get(key, _UNSEEN)
        if found is _UNSEEN:
            found = self.known[key] = self.frequency(key)
        if found is None:
            raise KeyError(key)
        return found

    def __setitem__(self, key, value):
        self.known[key] = value

    # jieba's get_DAG and calc, computing exactly what they compute, with the
    # lookups made in the dict of remembered answers (a C call) instead of
    # through `in`, `[]` and `get` (a Python call each): segmentation is most
    # of the figures checks' time.
    def dag(self, sentence: str) -> dict:
        """jieba's get_DAG: start -> the ends of the words starting there (itself if none)."""
        known, dag, n = self.known, {}, len(sentence)
        for start in range(n):
            ends, end, piece = [], start, sentence[start]
            while end < n:
                found = known.get(piece, _UNSEEN)
                if found is _UNSEEN:
                    found = known[piece] = self.frequency(piece)
                if found is None:
                    break
                if found:
                    ends.append(end)
                end += 1
                piece = sentence[start:end + 1]
            dag[start] = ends or [start]
        return dag

    def best_route(self, sentence: str, dag: dict, route: dict, total: int) -> None:
        """jieba's calc over a DAG from `dag` (which has looked up every piece it
        names): route[start] = (log probability of the best segmentation from
        start on, the end of its first word)."""
        known, n = self.known, len(sentence)
        route[n] = (0, 0)
        log_total = log(total)
        for start in range(n - 1, -1, -1):
            ends = dag[start]
            if len(ends) == 1:
                end = ends[0]
                route[start] = (log(known.get(sentence[start:end + 1]) or 1) - log_total + route[end + 1][0], end)
            else:
                route[start] = max((log(known.get(sentence[start:end + 1]) or 1) - log_total + route[end + 1][0], end)
                                   for end in ends)


@functools.lru_cache(maxsize=1)
def dictionary_file() -> Path:
    import importlib.util

    return Path(importlib.util.find_spec("jieba").origin).parent / "dict.txt"


@functools.lru_cache(maxsize=1)
def dictionary_key() -> str:
    """What the user-cache entries derived from jieba's dictionary are keyed on: its content."""
    return usercache.content_key(dictionary_file())


_PARTS = (("jieba-words", ".txt"), ("jieba-heads", ".txt"), ("jieba-blocks", ".bin"), ("jieba-frequencies", ".bin"),
          ("jieba-tag-codes", ".bin"))


@functools.lru_cache(maxsize=1)
def load() -> Optional[SortedDictionary]:
    """The dictionary from the user cache (built there first if need be), without
    importing jieba; None when jieba's dict.txt cannot be read."""
    try:
        key = dictionary_key()
    except (OSError, AttributeError, ImportError):
        return None
    try:
        loaded = SortedDictionary(*(_mapped(usercache.entry(kind, key, suffix)) for kind, suffix in _PARTS))
        if _consistent(loaded):
            return loaded
    except (OSError, ValueError, TypeError, UnicodeDecodeError, IndexError):
        pass
    try:
        parts = _build(dictionary_file())
    except (OSError, ValueError, UnicodeDecodeError, IndexError):
        return None
    for (kind, suffix), data in zip(_PARTS, parts):
        usercache.write(kind, key, suffix, data)
    return SortedDictionary(*parts)


def _mapped(path: Path) -> mmap.mmap:
    """A cache file mapped into memory: only the pages a lookup touches are read,
    and worker processes share them."""
    with open(path, "rb") as handle:
        return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)


def _consistent(loaded: SortedDictionary) -> bool:
    """Whether the cached files agree with each other (a torn or stale write does not)."""
    size = loaded.size
    return (len(loaded.heads) == -(-size // BLOCK) and len(loaded.block_offsets) == len(loaded.heads) + 1
            and loaded.block_offsets[-1] == len(loaded.words) and len(loaded.tag_codes) == size
            and not bytes(loaded.tag_codes).translate(None, bytes(range(len(loaded.tag_names)))))  # every code names a tag


def _build(path: Path):
    """The five cache files' contents from jieba's dict.txt."""
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
    blocks, offset = array.array("I"), 0
    for number, word in enumerate(words):
        if number % BLOCK == 0:
            blocks.append(offset)
        offset += len(word.encode("utf-8")) + 1
    blocks.append(offset)  # the end of the last block
    return (
        "".join(word + "\n" for word in words).encode("utf-8"),
        "\n".join(words[::BLOCK]).encode("utf-8"),
        blocks.tobytes(),
        array.array("q", [total] + [frequencies[word] for word in words]).tobytes(),
        " ".join(tag_names).encode("utf-8") + b"\n" + bytes(code[tags[word]] for word in words),
    )


# -- jieba's HMM emission table ---------------------------------------------------
# jieba/finalseg/prob_emit.py is a dict literal of 35,000 (state, character) log
# probabilities: executing it is half of importing jieba (10-25 ms), and a run
# looks up a few hundred of them. The table is kept in the user cache (keyed on
# the file's content) as each state's characters, sorted, and their values, and
# `emission_table()` stands in for it: a row answers `.get(char, default)`, all
# that jieba's viterbi asks of it, from those arrays, with the same floats.

_EMISSIONS_KIND = "jieba-emissions"
_ABSENT = object()


class EmissionRow:
    """One HMM state's row of jieba's emit_P: character -> log probability."""

    __slots__ = ("chars", "values", "known")

    def __init__(self, chars: str, values):
        self.chars, self.values, self.known = chars, values, {}

    def get(self, char, default=None):
        found = self.known.get(char, _ABSENT)
        if found is _ABSENT:
            index = bisect_left(self.chars, char)
            found = self.values[index] if index < len(self.chars) and self.chars[index] == char else None
            self.known[char] = found
        return default if found is None else found


def _emissions_key() -> str:
    return usercache.content_key(dictionary_file().parent / "finalseg" / "prob_emit.py")


def emission_table() -> Optional[dict]:
    """{state: EmissionRow} from the user cache, without importing jieba; None when it is not there."""
    try:
        data = usercache.entry(_EMISSIONS_KIND, _emissions_key(), ".bin").read_bytes()
        header, _, values = data.partition(b"\0")
        states, *rows = header.decode("utf-8").split("\n")
        values = memoryview(values).cast("d")
        if len(states) != len(rows) or sum(map(len, rows)) != len(values):
            return None  # torn or stale
        table, start = {}, 0
        for state, chars in zip(states, rows):
            table[state] = EmissionRow(chars, values[start:start + len(chars)])
            start += len(chars)
        return table
    except (OSError, ValueError, TypeError, UnicodeDecodeError, AttributeError, ImportError):
        return None


def remember_emission_table(emit_p: dict) -> None:
    """Keep jieba's own emit_P in the user cache (when it has the shape emission_table reads)."""
    try:
        states = "".join(emit_p)
        rows = ["".join(sorted(emit_p[state])) for state in states]
        if len(states) != len(emit_p) or "\n" in states or any(
                len(char) != 1 or char in "\n\0" or type(value) is not float for row in emit_p.values() for char, value in row.items()):
            return
        values = array.array("d", [emit_p[state][char] for state, row in zip(states, rows) for char in row])
        usercache.write(_EMISSIONS_KIND, _emissions_key(), ".bin",
                        "\n".join([states, *rows]).encode("utf-8") + b"\0" + values.tobytes())
    except (OSError, ValueError, TypeError, AttributeError, ImportError):
        pass
