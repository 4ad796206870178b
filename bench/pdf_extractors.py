"""Which PDF text extractor keeps Chinese text in order: the measurement behind
linter/readers/pdf.py.

    pip install pdfplumber pypdf          # only for this comparison
    python bench/pdf_extractors.py [--soffice]

Makes PDFs of the seeds (and, with --soffice, of three corpus work reports)
and compares each extractor's text, whitespace removed, with the source text
(difflib ratio, 1.0000 = every character in order) and its time:
- reportlab with the built-in CID font STSong-Light (tests/makefiles.py);
- with --soffice: python-docx -> LibreOffice (`soffice --headless`), with
  embedded TrueType subsets and quotation marks from a fallback font, as
  real Word-made PDFs have (needs LibreOffice and a CJK font, e.g. Debian's
  libreoffice-writer-nogui and fonts-wqy-zenhei).
"""

import argparse
import difflib
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.makefiles import write_docx, write_pdf  # noqa: E402


def ours(path):
    from linter.readers import pdf

    return "".join(line.text for page in pdf._extract(path.read_bytes(), path) for line in page)


def pdfplumber_text(path):
    import pdfplumber

    with pdfplumber.open(str(path)) as opened:
        return "".join(page.extract_text() or "" for page in opened.pages)


def pypdf_text(path):
    import pypdf

    return "".join(page.extract_text() or "" for page in pypdf.PdfReader(str(path)).pages)


def pdfminer_layout_text(path):
    from pdfminer.high_level import extract_text

    return extract_text(str(path))


EXTRACTORS = {"reportlint (pdfminer chars)": ours, "pdfplumber": pdfplumber_text, "pypdf": pypdf_text, "pdfminer LAParams": pdfminer_layout_text}


def squeeze(text: str) -> str:
    return re.sub(r"\s+|-\d+-", "", text)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--soffice", action="store_true", help="also PDFs set by LibreOffice from .docx")
    options = parser.parse_args()
    sources = sorted((ROOT / "seeds").glob("*.txt"))
    reports = sorted((ROOT.parent / "shared" / "corpus" / "gov-work-reports").glob("202[345]*.txt"))
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        made = [(write_pdf(folder / f"{p.stem}.rl.pdf", p.read_text(encoding="utf-8")), p, "reportlab") for p in sources]
        if options.soffice:
            for p in sources + reports:
                write_docx(folder / f"{p.stem[:20]}.docx", p.read_text(encoding="utf-8").split("\n"))
            subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder / "lo")] +
                           [str(d) for d in sorted(folder.glob("*.docx"))], check=True, capture_output=True)
            made += [(folder / "lo" / f"{p.stem[:20]}.pdf", p, "LibreOffice") for p in sources + reports]
        print(f"{'extractor':<28}{'maker':<13}{'files':>6}{'min ratio':>11}{'mean ratio':>12}{'seconds':>9}")
        for name, extract in EXTRACTORS.items():
            for maker in ("reportlab", "LibreOffice"):
                pdfs = [(pdf, source) for pdf, source, by in made if by == maker]
                if not pdfs:
                    continue
                try:
                    started = time.perf_counter()
                    ratios = [difflib.SequenceMatcher(None, squeeze(source.read_text(encoding="utf-8")), squeeze(extract(pdf)), autojunk=False).ratio()
                              for pdf, source in pdfs]
                    seconds = time.perf_counter() - started
                except ImportError as error:
                    print(f"{name:<28}{maker:<13}  not installed ({error.name})")
                    break
                print(f"{name:<28}{maker:<13}{len(pdfs):>6}{min(ratios):>11.4f}{sum(ratios) / len(ratios):>12.4f}{seconds:>9.2f}")


if __name__ == "__main__":
    main()
