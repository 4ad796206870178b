"""Evaluate the figures rules by mutation on real text.

    python bench/figures_mutations.py [FOLDER ...]   (default: seeds/ and ../shared/corpus/)

For every figure FG001 would compare, the sentence that states it is repeated
right after itself, once as written (FG001 must stay silent) and once with the
number doubled (FG001 must fire on the repeated sentence; a figure of a
normative sentence, a rule for a case, is compared with nothing by design, and
its misses are counted apart). For every
由A…到B change, B is replaced so that the direction word is wrong (FG004 must
fire on that line). Prints how often each rule was right.
"""

import re
import sys
from pathlib import Path

from linter.document import Document
from linter.engine import lint_document
from linter.extract.figures import figures
from linter.extract.outline import NORMATIVE

NARROW = str.maketrans("０１２３４５６７８９．％，", "0123456789.%,")
WIDEN = str.maketrans("0123456789.", "０１２３４５６７８９．")
from linter.rule_types.figures import Figures
from linter.rules import load_catalog

ROOT = Path(__file__).resolve().parent.parent


def sentence_span(text, offset):
    start = max(text.rfind(c, 0, offset) for c in "。！？\n") + 1
    ends = [i for i in (text.find(c, offset) for c in "。！？\n") if i >= 0]
    end = min(ends, default=len(text))
    return start, end + (1 if end < len(text) and text[end] != "\n" else 0)


def fired_on(text, rule, line):
    doc = Document(text, "<mutant>")
    return any(v.rule == rule.id and v.line == line for v in lint_document(doc, [rule]))


def main(folders):
    catalog = load_catalog()
    fg001, fg004 = catalog.rules["FG001"], catalog.rules["FG004"]
    comparable = Figures({"check": "consistency"}, None)._comparable  # the figures FG001 compares
    counts = {"FG001 changed": [0, 0], "FG001 repeated as written": [0, 0], "FG004 reversed": [0, 0]}
    normative_misses = 0
    for path in sorted(p for folder in folders for p in Path(folder).rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        doc = Document(text, str(path))
        for figure in list(comparable(doc)):
            if figure.high == float("inf"):
                continue  # 超过1.5万亿元 agrees with any larger value
            start, end = sentence_span(text, figure.start)
            sentence = text[start:end]
            line = text.count("\n", 0, end) + 1
            at = figure.start - start
            digits = re.match(r"\D*(\d[\d.,，．]*)", text[figure.start:figure.end])
            written = digits.group(1).translate(NARROW)
            value = float(written.replace(",", ""))
            doubled = f"{value * 2:.15g}"
            if written != digits.group(1):  # a full-width number stays full-width
                doubled = doubled.translate(WIDEN)
            changed = sentence[:at + digits.start(1)] + doubled + sentence[at + digits.end(1):]
            for label, copy, should_fire in (("FG001 changed", changed, True), ("FG001 repeated as written", sentence, False)):
                mutant = text[:end] + copy + text[end:]
                right = fired_on(mutant, fg001, line) == should_fire
                counts[label][0] += right
                normative_misses += not right and should_fire and figure.modality == NORMATIVE
                if not right and "-v" in sys.argv:
                    print(f"{label}: {path.name}:{line}: {copy.strip()[:120]}")
                counts[label][1] += 1
        narrow = text.translate(NARROW)
        for change in figures(doc).changes:
            # The second value becomes the first one halved (or doubled), in the first one's form.
            number = re.match(r"[\d.,]+", change.before.text).group(0)
            wrong = f"{float(number.replace(',', '')) * (0.5 if change.direction > 0 else 2):g}" + change.before.text[len(number):]
            span = narrow[change.start:change.end]
            at = span.rindex(change.after.text)
            mutant = text[:change.start] + span[:at] + wrong + span[at + len(change.after.text):] + text[change.end:]
            right = fired_on(mutant, fg004, text.count("\n", 0, change.start) + 1)
            counts["FG004 reversed"][0] += right
            if not right and "-v" in sys.argv:
                print(f"FG004 reversed: {path.name}: {mutant[change.start:change.end + 10]}")
            counts["FG004 reversed"][1] += 1
    for label, (right, total) in counts.items():
        print(f"{label:<28} right {right}/{total}" + (f" ({100 * right / total:.0f}%)" if total else "")
              + (f"; {normative_misses} of the misses are normative figures" if label == "FG001 changed" else ""))


if __name__ == "__main__":
    main([a for a in sys.argv[1:] if a != "-v"] or [ROOT / "seeds", ROOT.parent / "shared" / "corpus"])
