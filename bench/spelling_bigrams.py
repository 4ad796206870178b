"""Regenerates linter/data/spelling/bigrams.bin, the character bigram model of
SP003 (linter/language_model.py), from

- the tuning halves (bench/split.py) of the official texts of ../shared/corpus:
  gov-work-reports, state-council-documents, laws (public domain: Art. 5 of the
  PRC Copyright Law). Never the held-back halves, news-sentences (news, with
  real typos) or the seeds;
- the words of jieba's dictionary (MIT): each word adds its frequency to every
  bigram inside it and to each of its characters, the whole scaled so that
  jieba's bigram mass is JIEBA_WEIGHT times the corpus's.

    python bench/spelling_bigrams.py [--jieba-weight W]

`build()` is also what bench/spelling_sp003.py uses to tune on a model made
without some of the tuning files.
"""

import argparse
import array
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.split import CORPUS, half_of  # noqa: E402
from linter.language_model import FIRST, SIZE, BigramModel, key  # noqa: E402

OUT = ROOT / "linter" / "data" / "spelling" / "bigrams.bin"
FOLDERS = ("gov-work-reports", "state-council-documents", "laws")
JIEBA_WEIGHT = 1.0
_RUN = re.compile("[\u4e00-\u9fff]{2,}")


def tuning_files():
    return sorted(p for folder in FOLDERS for p in (CORPUS / folder).glob("*")
                  if p.suffix in (".txt", ".md") and half_of(p) == "tuning")


def corpus_counts(paths):
    """(bigram counts, character counts) of the files' runs of Chinese characters."""
    bigrams, chars = Counter(), Counter()
    for path in paths:
        text = path.read_text(encoding="utf-8")
        chars.update(c for c in text if "\u4e00" <= c <= "\u9fff")
        for run in _RUN.findall(text):
            bigrams.update(run[i:i + 2] for i in range(len(run) - 1))
    return bigrams, chars


def jieba_counts():
    """(bigram counts, character counts) of jieba's dictionary words, each weighted by its frequency."""
    import jieba

    bigrams, chars = Counter(), Counter()
    path = Path(jieba.__file__).parent / "dict.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) < 2 or not re.fullmatch("[\u4e00-\u9fff]+", parts[0]):
            continue
        word, frequency = parts[0], int(parts[1])
        for c in word:
            chars[c] += frequency
        for i in range(len(word) - 1):
            bigrams[word[i:i + 2]] += frequency
    return bigrams, chars


def build(paths, jieba_weight=JIEBA_WEIGHT, jieba=None) -> BigramModel:
    corpus_bigrams, corpus_chars = corpus_counts(paths)
    jieba_bigrams, jieba_chars = jieba or jieba_counts()
    scale = jieba_weight * sum(corpus_bigrams.values()) / sum(jieba_bigrams.values())
    combined = Counter({b: float(n) for b, n in corpus_bigrams.items()})
    for b, n in jieba_bigrams.items():
        combined[b] += n * scale
    keys = sorted((key(b[0], b[1]), n) for b, n in combined.items())
    left, unigram = [0.0] * SIZE, [0.0] * SIZE
    for k, n in keys:
        left[k >> 15] += n
    for c, n in corpus_chars.items():
        unigram[ord(c) - FIRST] += n
    for c, n in jieba_chars.items():
        unigram[ord(c) - FIRST] += n * scale
    meta = {"source": "bench/spelling_bigrams.py", "files": len(paths), "corpus_bigrams": sum(corpus_bigrams.values()),
            "jieba_weight": jieba_weight, "total": sum(unigram)}
    return BigramModel(array.array("I", [k for k, _ in keys]), array.array("f", [n for _, n in keys]),
                       array.array("f", left), array.array("f", unigram), meta)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jieba-weight", type=float, default=JIEBA_WEIGHT)
    args = parser.parse_args()
    paths = tuning_files()
    model = build(paths, args.jieba_weight)
    OUT.write_bytes(model.to_bytes())
    print(f"{OUT}: {len(model.keys):,} bigrams from {len(paths)} files and jieba's dictionary, "
          f"{OUT.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
