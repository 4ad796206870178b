"""Findings per genre and per format, on a half of the fixed split (GUIDE §7).

    python bench/genres.py [--half held_back|tuning|all] [--formats txt,md,docx] [--select FG,DT,NM]
                           [--folders laws,news-sentences] [--show FG] [--jobs 2]

Every folder (the seeds and each folder of ../shared/corpus/) is reported on its
own: a rate measured on work reports says nothing about regulations or news.
Each file of the half is written out in every format asked for and linted as a
user would lint it (`reportlint check`, shipped default rules, no config):

- `txt`: the text, with Markdown's `#` heading marks and the laws' metadata
  marker (`<!-- INFO END -->`) taken out;
- `md`: that same text as a `.md` file (headings typed as 一、 lines, no `#`);
- `md#`: the file as written when it is Markdown (laws/), else like `md`;
- `docx`: one plain paragraph per line (no heading styles);
- `pdf`: set by reportlab (slow: about a minute a folder).

Printed per folder and format: characters, findings per category and per 10,000
characters, and how many files' findings differ from the `txt` ones (same rule
and message, any line). `--show PREFIX` lists the findings of rules starting
with it, with the line they are on, so that every one can be read.
"""

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.split import CORPUS, SEEDS, half_of  # noqa: E402
from tests.makefiles import write_as  # noqa: E402

CATEGORIES = {"FG": "figures", "DT": "dates", "NM": "names", "TM": "terms", "SP": "spelling", "TY": "typography",
              "SE": "sections", "GD": "sections", "WR": "sections"}
MARKUP = re.compile(r"^#{1,6}[ \t]+", re.M)
INFO_END = re.compile(r"^<!-- INFO END -->\n?", re.M)


def folders():
    yield "seeds", SEEDS
    for folder in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        yield folder.name, folder


def sources(folder: Path, half: str):
    files = sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".md") and p.name != "README.md")
    return [p for p in files if half == "all" or half_of(p) == half]


def plain(text: str) -> str:
    return INFO_END.sub("", MARKUP.sub("", text))


def write(path: Path, fmt: str, out: Path) -> Path:
    """`path` written in format `fmt` into the folder `out` (same stem)."""
    text = path.read_text(encoding="utf-8")
    if fmt == "md#" and path.suffix == ".md":
        target = out / path.name
        target.write_text(text, encoding="utf-8")
        return target
    text = plain(text)
    suffix = {"txt": ".txt", "md": ".md", "md#": ".md", "docx": ".docx", "pdf": ".pdf"}[fmt]
    return write_as(out / (path.stem + suffix), text)


def lint(folder: Path, jobs: int, select=()):
    # --select also brings in the opt-in packs it names (spelling), as for a user.
    chosen = ["--select", ",".join(select)] if select else []
    command = [sys.executable, "-m", "linter", "check", "--format", "json", "--no-cache", "--exit-zero", "--jobs", str(jobs),
               *chosen, str(folder)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode not in (0, 1, 2) or not done.stdout.startswith("["):
        sys.exit(f"reportlint failed on {folder}:\n{done.stderr}")
    return json.loads(done.stdout)


def category(rule: str) -> str:
    return CATEGORIES.get(rule[:2], rule[:2])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--half", default="held_back", choices=["held_back", "tuning", "all"])
    parser.add_argument("--formats", default="txt,md,docx")
    parser.add_argument("--select", default="", help="only rules starting with these prefixes (comma-separated)")
    parser.add_argument("--folders", default="", help="only these folders (comma-separated names)")
    parser.add_argument("--show", default="", help="list the findings of rules starting with these prefixes")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    formats = args.formats.split(",")
    wanted = set(filter(None, args.folders.split(",")))
    select = tuple(filter(None, args.select.split(",")))
    show = tuple(filter(None, args.show.split(",")))
    print(f"half: {args.half}; findings per 10,000 characters (count)")
    for name, folder in folders():
        if wanted and name not in wanted:
            continue
        files = sources(folder, args.half)
        if not files:
            continue
        size = sum(len(plain(p.read_text(encoding="utf-8"))) for p in files)
        by_format = {}
        for fmt in formats:
            with tempfile.TemporaryDirectory() as out:
                written = {write(p, fmt, Path(out)).stem: p for p in files}
                found = [v for v in lint(Path(out), args.jobs, select) if not select or v["rule"].startswith(select)]
            per_file = defaultdict(Counter)
            for v in found:
                per_file[Path(v["path"]).stem][(v["rule"], v["message"])] += 1
                if show and v["rule"].startswith(show):
                    print(f"  {fmt} {Path(v['path']).name}:{v['line']}: {v['rule']} {v['message']}")
            by_format[fmt] = (Counter(category(v["rule"]) for v in found), per_file, written)
        print(f"{name}: {len(files)} files, {size:,} characters")
        base = by_format[formats[0]][1]
        for fmt, (counts, per_file, written) in by_format.items():
            rates = "  ".join(f"{cat} {n / size * 1e4:.3f} ({n})" for cat, n in sorted(counts.items()))
            differ = sum(1 for stem in written if per_file.get(stem, Counter()) != base.get(stem, Counter()))
            print(f"  {fmt:5} {rates or 'no findings'}" + (f"  | {differ} files differ from {formats[0]}" if fmt != formats[0] else ""))


if __name__ == "__main__":
    main()
