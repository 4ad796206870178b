"""Tunes SP003's margin (confusable characters scored by the bigram model).

Typo sets: the tuning half of each ../shared/typos set (bench/spelling_typos.py's
split), scored with the shipped model (built without them). Clean text: the
tuning halves of ../shared/corpus, each scored with a model built from the
other tuning files only (two folds by file name), so that no text is scored by
a model that counted it. Prints, per margin, the typo recall and precision and
the candidates per 10,000 characters in each folder, for the shipped MARGIN and
WORD_MARGIN and several TOTALs (news-sentences holds real typos: read them).

    python bench/spelling_sp003.py [--show]
"""

import argparse
import hashlib
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import spelling_bigrams  # noqa: E402
from bench.split import CORPUS, half_of  # noqa: E402
from bench.spelling_typos import TYPOS, halves  # noqa: E402
from linter import language_model, segment  # noqa: E402
from linter.rule_types.spelling import MARGIN, TOTAL, WORD_MARGIN, confusable_candidates  # noqa: E402

TOTALS = (18, 20, 21, 22, 23, 24, 26, 28)


def is_word(word):
    return word in segment.domain_words() or segment._in_dictionary(word)


WORDS = segment._model((), ())


def fold(path):
    return hashlib.sha256(f"fold:{path.name}".encode()).digest()[0] % 2


def typo_candidates():
    """{set name: (characters, wrong characters, [(gain, right?, line text, offset, replacement)])}"""
    found = {}
    for path in sorted(TYPOS.glob("*.tsv")):
        pairs = [l.split("\t") for l in path.read_text(encoding="utf-8").splitlines() if "\t" in l]
        pairs = [p for p in pairs if len(p) == 2 and len(p[0]) == len(p[1])]
        tuning, _ = halves(pairs)
        # One document of all lines, as bench/spelling_typos.py lints it.
        source, target = "\n".join(s for s, _ in tuning), "\n".join(t for _, t in tuning)
        errors = sum(a != b for a, b in zip(source, target))
        chars = len(source)
        rows = [(gain, source[offset] != target[offset], target[offset] == better, source, offset, better, words)
                for offset, char, better, gain, words in confusable_candidates(source, is_word, WORDS, MARGIN)]
        found[path.stem] = (chars, errors, rows)
    return found


def corpus_candidates():
    """{folder: (characters, [(gain, text, offset, replacement, file)])}, each file scored by the other fold's model."""
    paths = [p for p in sorted(CORPUS.rglob("*")) if p.suffix in (".txt", ".md") and p.name != "README.md"
             and half_of(p) == "tuning"]
    official = [p for p in paths if p.parent.name in spelling_bigrams.FOLDERS]
    jieba = spelling_bigrams.jieba_counts()
    models = {k: spelling_bigrams.build([p for p in official if fold(p) != k], jieba=jieba) for k in (0, 1)}
    found = defaultdict(lambda: [0, []])
    for path in paths:
        text = path.read_text(encoding="utf-8")
        entry = found[path.parent.name]
        entry[0] += len(text)
        # news-sentences is in no model: either fold's will do.
        for offset, char, better, gain, words in confusable_candidates(text, is_word, WORDS, MARGIN, models[fold(path)]):
            entry[1].append((gain, text, offset, better, path.name, words))
    return found


def chosen(gain, words, total):
    """The rule's decision (linter/rule_types/spelling.py) with `total` in place of TOTAL."""
    return gain >= MARGIN and words >= WORD_MARGIN and gain + words >= total


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print the false candidates the shipped TOTAL keeps")
    args = parser.parse_args()
    typos = typo_candidates()
    corpus = corpus_candidates()
    print(f"MARGIN {MARGIN}, WORD_MARGIN {WORD_MARGIN}; TOTAL | " + " | ".join(f"{name} recall/precision" for name in typos)
          + " | " + " | ".join(f"{folder} per 10k" for folder in sorted(corpus)))
    for total in TOTALS:
        cells = []
        for chars, errors, rows in typos.values():
            kept = [r for r in rows if chosen(r[0], r[6], total)]
            right = sum(1 for r in kept if r[1])
            cells.append(f"{right}/{errors} {right / max(1, errors):.1%} / {right / max(1, len(kept)):.0%}")
        for folder in sorted(corpus):
            chars, rows = corpus[folder]
            n = sum(1 for r in rows if chosen(r[0], r[5], total))
            cells.append(f"{n} = {n / chars * 1e4:.2f}")
        print(f"{total} | " + " | ".join(cells))
    if args.show:
        for folder in sorted(corpus):
            for gain, text, offset, better, name, words in sorted(corpus[folder][1], key=lambda r: -r[0]):
                if chosen(gain, words, TOTAL):
                    print(f"{folder} {gain:5.1f} {words:5.1f} {text[max(0, offset - 10):offset].strip()}[{text[offset]}→{better}]"
                          f"{text[offset + 1:offset + 8].strip()}  ({name})")
        for name, (_, _, rows) in typos.items():
            for gain, wrong, exact, source, offset, better, words in sorted(rows, key=lambda r: -r[0]):
                if chosen(gain, words, TOTAL) and not wrong:
                    print(f"{name} false {gain:5.1f} {source[max(0, offset - 10):offset]}[{source[offset]}→{better}]{source[offset + 1:offset + 8]}")


if __name__ == "__main__":
    main()
