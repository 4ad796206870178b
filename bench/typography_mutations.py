"""Evaluate TY011 (a space inside a word) by mutation on real text; TY010
(doubled characters) has its own bench, bench/doubled_characters.py.

    python bench/typography_mutations.py [FOLDER ...]   (default: seeds/ and ../shared/corpus/)

Sentences are taken from the simplified-character texts and segmented with
jieba. For TY011 a half-width space is put inside a word of two or more
characters (it must fire) and, separately, between two words (it must stay
silent). Each sentence is linted alone. Prints how often the rule was right.
"""

import random
import re
import sys
from pathlib import Path

from linter.document import Document
from linter.engine import lint_document
from linter.rules import load_catalog
from linter.segment import _load

ROOT = Path(__file__).resolve().parent.parent
HAN = re.compile(r"^[\u4e00-\u9fff]+$")
SAMPLES = 1000


def sentences(folders):
    for folder in folders:
        for path in sorted(Path(folder).rglob("*.txt")):
            text = path.read_text(encoding="utf-8-sig")
            if len(re.findall("[們這爲說對時來個經與發過還國會]", text)) >= 10:
                continue  # traditional characters: the checks skip these documents
            for sentence in re.split(r"(?<=[。！？；\n])", text):
                if 12 <= len(sentence) <= 120 and not re.search(r"[A-Za-z ]", sentence):
                    yield sentence


def fires(rule, text):
    return any(v.rule == rule.id for v in lint_document(Document(text), [rule]))


def main(folders):
    rules = load_catalog().rules
    spaced = rules["TY011"]
    jieba = _load()
    pool = list(sentences(folders))
    random.seed(15834)
    random.shuffle(pool)
    counts = {key: [0, 0] for key in ("space inside a word", "space between words")}
    for sentence in pool:
        if min(total for _, total in counts.values()) >= SAMPLES:
            break
        tokens = [t for t in jieba.tokenize(sentence, HMM=False)]
        words = [t for t in tokens if len(t[0]) >= 2 and HAN.match(t[0])]
        if not words:
            continue
        word, start, end = random.choice(words)
        inside = random.randrange(start + 1, end)
        cases = [("space inside a word", spaced, sentence[:inside] + " " + sentence[inside:], True)]
        pairs = [(a, b) for a, b in zip(tokens, tokens[1:]) if HAN.match(a[0]) and HAN.match(b[0])]
        if pairs:
            boundary = random.choice(pairs)[0][2]
            cases.append(("space between words", spaced, sentence[:boundary] + " " + sentence[boundary:], False))
        for key, rule, text, should_fire in cases:
            if counts[key][1] < SAMPLES:
                counts[key][0] += fires(rule, text) == should_fire
                counts[key][1] += 1
    for key, (right, total) in counts.items():
        print(f"{key:24} {right}/{total} right")


if __name__ == "__main__":
    main(sys.argv[1:] or [ROOT / "seeds", ROOT.parent / "shared" / "corpus"])
