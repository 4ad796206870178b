"""Speed of the figures rules on long lines (PDF extraction often gives one line per page or per document).

    python bench/figures_speed.py [--mb 0.5 1 2]

Joins the real texts into one line of about N MB (line breaks become spaces),
then times reading the figures and the outline and running FG001-FG010 on it.
Linear time shows as seconds growing with the size, not with its square.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.split import texts  # noqa: E402
from linter.document import Document  # noqa: E402
from linter.engine import lint_document  # noqa: E402
from linter.extract.figures import figures  # noqa: E402
from linter.rules import load_catalog  # noqa: E402

RULES = ["FG001", "FG002", "FG003", "FG004", "FG005", "FG006", "FG009", "FG010"]


def one_line(megabytes: float) -> str:
    source = " ".join(p.read_text(encoding="utf-8").replace("\n", " ") for p in texts())
    size = int(megabytes * 1e6 / 3)  # about 3 bytes a character in UTF-8
    return (source * (size // len(source) + 1))[:size]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, nargs="+", default=[0.5, 1, 2])
    options = parser.parse_args()
    catalog = load_catalog()
    rules = [catalog.rules[code] for code in RULES]
    print(f"{'MB':>5}{'chars':>10}{'figures':>9}{'extract s':>11}{'rules s':>9}{'findings':>10}")
    for megabytes in options.mb:
        text = one_line(megabytes)
        doc = Document(text, "<one line>")
        started = time.perf_counter()
        found = len(figures(doc).figures)
        extracted = time.perf_counter() - started
        violations = lint_document(doc, rules)
        total = time.perf_counter() - started
        print(f"{len(text.encode('utf-8')) / 1e6:>5.1f}{len(text):>10}{found:>9}{extracted:>11.2f}{total - extracted:>9.2f}{len(violations):>10}", flush=True)


if __name__ == "__main__":
    main()
