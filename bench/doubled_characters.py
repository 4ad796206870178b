"""Evaluate TY010 (doubled characters) on real text, on the fixed split of
bench/split.py: recall on doublings put into the texts, and findings on the
texts as they are.

    python bench/doubled_characters.py [--half held_back|tuning|all] [--per-pass N] [--show-misses N]

Mutations: every sentence (split at 。！？； and line breaks) of a
simplified-character text is segmented with jieba (HMM off); one of its words
of two or more Chinese characters is chosen at random and its first or second
character typed twice (all words, not a fixed list; a numeral inside a word,
as in 一些, is doubled too although TY010 does not check numerals). Each
document is linted whole, in passes that each double at most
--per-pass sentences (evenly spread; default 1, about two minutes a half), so every doubling is judged among the
document's own words as a user's rare slip would be: TY010 takes a doubling
the document repeats for an intentional one, and dozens of doublings in one
text would repeat each other. A doubling is found when a TY010 finding on its
line covers it. Clean text: TY010 on the unmodified texts; every finding is
printed with its context to be read.
"""

import argparse
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from split import split  # noqa: E402

from linter.document import Document  # noqa: E402
from linter.engine import lint_document  # noqa: E402
from linter.rules import load_catalog  # noqa: E402
from linter.segment import _load  # noqa: E402

HAN_WORD = re.compile(r"^[\u4e00-\u9fff]{2,}$")
SENTENCE = re.compile(r"[^。！？；\n]+")
TRADITIONAL = re.compile("[們這爲說對時來個經與發過還國會]")
SEED = 15835


def simplified_texts(paths):
    for path in paths:
        text = path.read_text(encoding="utf-8-sig")
        if len(TRADITIONAL.findall(text)) < 10:  # TY010 does not judge traditional text
            yield path, text


def doublings(text, rng, jieba):
    """[(offset of the doubled character, word)] — one per sentence that has a word to double."""
    found = []
    for sentence in SENTENCE.finditer(text):
        words = [t for t in jieba.tokenize(sentence.group(0), HMM=False) if HAN_WORD.match(t[0])]
        if words:
            word, start, _ = rng.choice(words)
            found.append((sentence.start() + start + rng.randrange(2), word))
    return found


def ty010(rule, text, path):
    return [v for v in lint_document(Document(text, str(path)), [rule]) if v.rule == "TY010"]


def evaluate(paths, rule, jieba, per_pass=1, show_misses=0):
    rng = random.Random(SEED)
    found = total = chars = 0
    clean_findings, misses = [], []
    for path, text in simplified_texts(paths):
        chars += len(text)
        for v in ty010(rule, text, path):
            line = text.split("\n")[v.line - 1]
            clean_findings.append((path.name, v.line, line[max(0, v.column - 13):v.column + 12], v.message))
        planned = doublings(text, rng, jieba)
        passes = max(1, -(-len(planned) // per_pass))
        for first in range(passes):
            chosen = planned[first::passes]
            mutated, shift, inserted = text, 0, []
            for offset, word in chosen:
                at = offset + shift
                mutated = mutated[:at + 1] + mutated[at:]
                inserted.append((at, word))
                shift += 1
            # (line, column) of each doubled pair in the mutated text
            starts = [0] + [m.end() for m in re.finditer("\n", mutated)]
            by_line = {}
            for v in ty010(rule, mutated, path):
                by_line.setdefault(v.line, []).append(v)
            for at, word in inserted:
                line = next(i for i in range(len(starts) - 1, -1, -1) if starts[i] <= at) + 1
                column = at - starts[line - 1] + 1
                hit = any(v.column <= column + 1 and column < v.end_column for v in by_line.get(line, []))
                found += hit
                total += 1
                if not hit and len(misses) < show_misses:
                    misses.append((word, mutated[max(0, at - 8):at + 10].replace("\n", "⏎")))
    return found, total, chars, clean_findings, misses


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--half", choices=["held_back", "tuning", "all"], default="all")
    parser.add_argument("--per-pass", type=int, default=1, help="doublings per lint of a document (more is faster)")
    parser.add_argument("--show-misses", type=int, default=0)
    options = parser.parse_args()
    halves = split()
    wanted = ["held_back", "tuning"] if options.half == "all" else [options.half]
    rule = load_catalog().rules["TY010"]
    jieba = _load()
    for half in wanted:
        found, total, chars, clean, misses = evaluate(halves[half], rule, jieba, options.per_pass, options.show_misses)
        print(f"{half}: doublings found {found}/{total} ({found / total:.1%}); "
              f"clean text {chars} characters, {len(clean)} TY010 findings ({len(clean) / chars * 10000:.3f} per 10,000)")
        for name, line, context, message in clean:
            print(f"  {name}:{line}  …{context}…  {message}")
        for word, context in misses:
            print(f"  missed {word}: {context}")


if __name__ == "__main__":
    main()
