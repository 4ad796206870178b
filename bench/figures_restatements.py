"""Restatement bench: does FG001 find a figure restated with another value?

    python bench/figures_restatements.py [--per-file 25] [-v]

For figures stated in the real texts (Arabic numerals, a value with both ends
bounded: not 超过…, 近…, …以下, which agree with a larger or smaller value by
design; not a value of 由A到B; not digits spaced out by a conversion), the sentence that states one is copied to the end of a later
paragraph of the same top-level section, once with the figure changed (×1.5)
and once as written (a control). Figures of normative text (a rule for a
case: 应当在30日内, 处…罚款) are compared with nothing by design and counted
apart. Recall is the share of changed copies FG001
reports on the copy's line or the original's; controls flagged are false
alarms. Reported for the tuning half and the held-back half (bench/split.py):
the checks were tuned on the first only.
"""

import argparse
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.split import split  # noqa: E402
from linter.document import Document  # noqa: E402
from linter.engine import lint_document  # noqa: E402
from linter.extract.figures import figures  # noqa: E402
from linter.extract.outline import NORMATIVE, outline  # noqa: E402
from linter.rules import load_catalog  # noqa: E402

NARROW = str.maketrans("０１２３４５６７８９．％，", "0123456789.%,")
WIDEN = str.maketrans("0123456789.", "０１２３４５６７８９．")
SENTENCE_END = "。！？"


def sentence_span(text, offset):
    start = max(text.rfind(c, 0, offset) for c in SENTENCE_END + "\n") + 1
    ends = [i for i in (text.find(c, offset) for c in SENTENCE_END + "\n") if i >= 0]
    end = min(ends, default=len(text))
    return start, end + (1 if end < len(text) and text[end] != "\n" else 0)


def changed_number(written):
    """The number ×1.5 in the same form (decimals, full width); ×2 when ×1.5 is
    within one unit of the last digit (2% → 3% could both be 2.5%)."""
    narrow = written.translate(NARROW).replace(",", "")
    decimals = len(narrow.partition(".")[2])
    for factor in (1.5, 2):
        new = f"{float(narrow) * factor:.{decimals}f}"
        if abs(float(new) - float(narrow)) > 10 ** -decimals:
            break
    return new.translate(WIDEN) if written != written.translate(NARROW) else new


def later_paragraph(doc, figure_line, section, rng):
    """A later non-empty line of the same top-level section that is not a heading
    (before the first heading: a line before it)."""
    headings = {h.line for h in doc.headings}
    end = section.children[0].start if section.heading is None and section.children else section.end
    first_line, last_line = figure_line + 1, doc.position(max(section.start, end - 1))[0]
    lines = [n for n in range(first_line, last_line + 1) if n not in headings and doc.source_line(n).strip()]
    return rng.choice(lines) if lines else None


def fg001_lines(text, rule):
    return {v.line for v in lint_document(Document(text, "<bench>"), [rule]) if v.rule == "FG001"}


def candidates(doc):
    facts = figures(doc)
    spans = [(c.start, c.end) for c in facts.changes]
    for figure in facts.figures:
        if not figure.arabic or figure.high == float("inf") or figure.low == 0 or any(s <= figure.start < e for s, e in spans):
            continue  # a bound (超过…, 近…, …以下) agrees with a larger or smaller value by design
        if re.search(r"[\d０-９][ \t]$", doc.text[max(0, figure.start - 2):figure.start]):
            continue  # 4 9 2 5 0 万吨: digits spaced out by the conversion, not one number
        yield figure


def bench_file(path, rule, per_file, verbose):
    text = path.read_text(encoding="utf-8")
    doc = Document(text, str(path))
    shape = outline(doc)
    rng = random.Random(path.name)
    found = list(candidates(doc))
    rng.shuffle(found)
    baseline = fg001_lines(text, rule)
    counts = {"changed": [0, 0], "control": [0, 0], "normative": [0, 0]}
    for figure in found[:per_file]:
        if figure.modality == NORMATIVE:
            counts["normative"][1] += 1
            continue
        start, end = sentence_span(text, figure.start)
        sentence = text[start:end]
        if len(sentence.strip()) < 8:
            continue
        line = doc.position(figure.start)[0]
        target = later_paragraph(doc, line, shape.section_at(figure.start).top, rng)
        if target is None:
            continue
        digits = re.search(r"[\d０-９][\d０-９.,，．]*", text[figure.start:figure.end])
        at = figure.start - start + digits.start()
        changed = sentence[:at] + changed_number(digits.group(0)) + sentence[at + len(digits.group(0)):]
        _, line_end = doc.line_span(target)
        joint = "" if text[line_end - 1] in SENTENCE_END else "。"
        for label, copy in (("changed", changed), ("control", sentence)):
            copy = copy.strip()
            mutant = text[:line_end] + joint + copy + text[line_end:]
            fired = fg001_lines(mutant, rule) - baseline
            hit = bool(fired & {line, target})
            counts[label][0] += hit
            counts[label][1] += 1
            if verbose and hit != (label == "changed"):
                print(f"  {label} {'missed' if label == 'changed' else 'flagged'}: {path.name}:{line}->{target}: {copy[:90]}")
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--per-file", type=int, default=25, help="figures sampled per file (fixed seed)")
    parser.add_argument("-v", action="store_true", help="print every miss and every flagged control")
    options = parser.parse_args()
    rule = load_catalog().rules["FG001"]
    for half, paths in split().items():
        total = {"changed": [0, 0], "control": [0, 0], "normative": [0, 0]}
        for path in paths:
            for label, (hits, count) in bench_file(path, rule, options.per_file, options.v).items():
                total[label][0] += hits
                total[label][1] += count
        (found, changed), (flagged, controls) = total["changed"], total["control"]
        print(f"{half:<10} recall {found}/{changed} ({100 * found / max(changed, 1):.1f}%)   "
              f"controls flagged {flagged}/{controls} ({100 * flagged / max(controls, 1):.1f}%)   "
              f"normative figures left out {total['normative'][1]}", flush=True)


if __name__ == "__main__":
    main()
