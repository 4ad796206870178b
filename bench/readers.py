"""Throughput and memory of the Word and PDF readers on a 100-page document.

    python bench/readers.py [--pages 100] [--runs 3]

Builds a document of about --pages A4 pages from the seeds' text (as .docx
with python-docx, as .pdf with reportlab, as in the tests), then reports for
each: the reader alone (median seconds, pages and paragraphs per second;
peak Python allocations from tracemalloc, in a run of its own) and a whole `reportlint check` run
of the file with the default packs (median wall seconds, peak resident memory
of the process tree). The reader's median comes from repeated reads in one
process; the check run also pays, once, for loading pdfminer's CMaps of the
built-in font (a PDF with embedded fonts carries its own). Needs the test
extras (reportlab).
"""

import argparse
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import timed_run  # noqa: E402
from linter.document import read_document  # noqa: E402
from tests.makefiles import write_docx, write_pdf  # noqa: E402

def build(folder: Path, pages: int):
    """A .pdf and a .docx of the seeds' text repeated to about `pages` PDF pages."""
    seeds = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    pdf = write_pdf(folder / "report.pdf", seeds)
    copies = max(1, round(pages / pdf_pages(pdf)))
    text = "\n".join([seeds] * copies)
    return text, write_pdf(folder / "report.pdf", text), write_docx(folder / "report.docx", text.split("\n"))


def pdf_pages(path: Path) -> int:
    doc = read_document(path, max_mb=500)
    return doc.location(len(doc.source))["page"]


def read_seconds(path: Path) -> float:
    started = time.perf_counter()
    read_document(path, max_mb=500)
    return time.perf_counter() - started


def read_allocations_mb(path: Path) -> float:
    """Peak Python allocations while reading (a separate run: tracing slows Python down)."""
    tracemalloc.start()
    read_document(path, max_mb=500)
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return peak


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        text, pdf, docx = build(Path(scratch), options.pages)
        pages = pdf_pages(pdf)
        paragraphs = sum(1 for line in text.split("\n") if line.strip())
        print(f"document: {len(text):,} characters, {paragraphs:,} paragraphs, {pages} PDF pages "
              f"(docx {docx.stat().st_size / 1e6:.1f} MB, pdf {pdf.stat().st_size / 1e6:.1f} MB)")
        print(f"{'format':<8}{'read s':>9}{'pages/s':>9}{'paras/s':>10}{'alloc MB':>10}{'check s':>9}{'peak RSS MB':>13}")
        command = [sys.executable, "-m", "linter", "check", "--quiet", "--no-cache", "--exit-zero"]
        for name, path in (("docx", docx), ("pdf", pdf)):
            seconds = statistics.median(read_seconds(path) for _ in range(options.runs))
            allocated = read_allocations_mb(path)
            checks = [timed_run(command + [str(path)]) for _ in range(options.runs)]
            wall, rss = statistics.median(c[0] for c in checks), max(c[1] for c in checks)
            print(f"{name:<8}{seconds:>9.2f}{pages / seconds:>9.1f}{paragraphs / seconds:>10.0f}{allocated:>10.0f}{wall:>9.2f}{rss:>13.0f}")


if __name__ == "__main__":
    main()
