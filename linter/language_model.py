"""A character bigram model of Chinese official text, for checks that ask
whether one character reads better than another in its place (SP003).

The counts (linter/data/spelling/bigrams.bin, built by bench/spelling_bigrams.py,
see docs/spelling-data.md) come from two sources: the tuning halves of the
official texts of ../shared/corpus (government work reports, State Council
documents, laws: public domain), where a bigram may cross a word boundary, and
jieba's dictionary, where every word adds its frequency to each bigram inside
it, scaled to the corpus's size. Only characters of U+4E00–U+9FFF count.

API (all functions take Chinese characters; anything else is out of the model):

- `bigram_score(a, b)`: log P(b | a), smoothed towards P(b) so that an unseen
  bigram gets a finite, low score.
- `log_probability(text)`: the sum of `bigram_score` over each pair of
  neighbouring Chinese characters of the text (a pair with anything else in it
  is skipped), i.e. the log probability of the text's Chinese runs given their
  first characters.
- `count(a, b)`: the bigram's (weighted) count; 0 when unseen.

The file is read on first use (about 6 MB, mapped into memory where the package
is a folder, so a process reads only the pages its lookups touch) and kept for
the process; nothing is parsed, so loading costs a few milliseconds.
"""

import array
import bisect
import functools
import json
import math
import mmap
from importlib import resources

FIRST, LAST = 0x4E00, 0x9FFF
SIZE = LAST - FIRST + 1
MAGIC = b"RLBIGRAM1\n"
# P(b | a) = (count(ab) + SMOOTHING * P(b)) / (count(a·) + SMOOTHING): a bigram
# seen once in a rare character's context moves the estimate; one unseen after a
# frequent character stays near P(b) * SMOOTHING / count(a·).
SMOOTHING = 2.0


def key(a: str, b: str) -> int:
    """The bigram's number in the sorted key array (-1 when either is no Chinese character)."""
    x, y = ord(a) - FIRST, ord(b) - FIRST
    if 0 <= x < SIZE and 0 <= y < SIZE:
        return x << 15 | y
    return -1


class BigramModel:
    """Bigram counts: sorted keys, their counts, and per character its count as
    the first of a bigram (`left`) and as a character (`unigram`)."""

    def __init__(self, keys, counts, left, unigram, meta):
        self.keys, self.counts, self.left, self.unigram, self.meta = keys, counts, left, unigram, meta
        self.total = float(meta["total"])
        self._norm = self.total + SIZE
        self._log_total = math.log(self._norm)
        self._size = len(keys)
        self._ranges = {}  # first character -> where its bigrams are in keys (made on first use)

    def count(self, a: str, b: str) -> float:
        k = key(a, b)
        if k < 0:
            return 0.0
        i = bisect.bisect_left(self.keys, k)
        return self.counts[i] if i < len(self.keys) and self.keys[i] == k else 0.0

    def unigram_score(self, b: str) -> float:
        """log P(b), add-one smoothed."""
        y = ord(b) - FIRST
        return math.log(self.unigram[y] + 1) - self._log_total if 0 <= y < SIZE else -self._log_total

    def bigram_score(self, a: str, b: str) -> float:
        """log P(b | a), smoothed towards P(b). (SP003 asks this a quarter of a
        million times on the corpus: one bisection among the bigrams of a, one logarithm.)"""
        x, y = ord(a) - FIRST, ord(b) - FIRST
        if not (0 <= y < SIZE):
            return self.unigram_score(b)
        p_b = (self.unigram[y] + 1) / self._norm
        if not (0 <= x < SIZE):
            return math.log(p_b)
        k = x << 15 | y
        keys = self.keys
        span = self._ranges.get(x)
        if span is None:
            span = self._ranges[x] = (bisect.bisect_left(keys, x << 15), bisect.bisect_left(keys, (x + 1) << 15))
        i = bisect.bisect_left(keys, k, *span)
        seen = self.counts[i] if i < span[1] and keys[i] == k else 0.0
        return math.log((seen + SMOOTHING * p_b) / (self.left[x] + SMOOTHING))

    def log_probability(self, text: str) -> float:
        score = 0.0
        for a, b in zip(text, text[1:]):
            if key(a, b) >= 0:
                score += self.bigram_score(a, b)
        return score

    # -- the file ------------------------------------------------------------

    def to_bytes(self) -> bytes:
        header = json.dumps({**self.meta, "bigrams": len(self.keys)}, ensure_ascii=False).encode("utf-8")
        return b"".join([MAGIC, header, b"\n", _padded(len(MAGIC) + len(header) + 1),
                         array.array("I", self.keys).tobytes(), array.array("f", self.counts).tobytes(),
                         array.array("f", self.left).tobytes(), array.array("f", self.unigram).tobytes()])

    @classmethod
    def from_buffer(cls, data) -> "BigramModel":
        view = memoryview(data)
        if bytes(view[:len(MAGIC)]) != MAGIC:
            raise ValueError("not a bigram file")
        end = bytes(view[len(MAGIC):len(MAGIC) + 4096]).index(b"\n") + len(MAGIC)
        meta = json.loads(bytes(view[len(MAGIC):end]).decode("utf-8"))
        at = end + 1
        at += len(_padded(at))
        n = meta["bigrams"]
        parts = []
        for code, length in (("I", n), ("f", n), ("f", SIZE), ("f", SIZE)):
            parts.append(view[at:at + 4 * length].cast(code))
            at += 4 * length
        return cls(*parts, meta)


def _padded(offset: int) -> bytes:
    """Spaces to put the arrays on a 4-byte boundary (memoryview.cast needs none, mmap pages like it)."""
    return b" " * (-offset % 4)


@functools.lru_cache(maxsize=1)
def model() -> BigramModel:
    """The shipped model, read on first use."""
    resource = resources.files("linter.data").joinpath("spelling", "bigrams.bin")
    try:
        with resources.as_file(resource) as path, open(path, "rb") as handle:
            return BigramModel.from_buffer(mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ))
    except (OSError, ValueError):
        return BigramModel.from_buffer(resource.read_bytes())


def count(a: str, b: str) -> float:
    """The bigram's count in the shipped model (0 when unseen)."""
    return model().count(a, b)


def bigram_score(a: str, b: str) -> float:
    """log P(b | a) under the shipped model."""
    return model().bigram_score(a, b)


def log_probability(text: str) -> float:
    """The log probability of the text's runs of Chinese characters (each given its first character)."""
    return model().log_probability(text)
