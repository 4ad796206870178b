"""The speed ratios of issue 24: reportlint against autocorrect (a Rust
punctuation and spacing linter, npm `autocorrect-node`), alternated run by run.

    npm install --prefix /tmp/ac autocorrect-node     # for the benchmark only
    python bench/vs_autocorrect.py --autocorrect /tmp/ac/node_modules/.bin/autocorrect [--runs 5]

Three cases, each a whole process (start-up included) with no result cache
(`--no-cache`): the full default run on ../shared/corpus/, one seed file
(seeds/000_*.txt, a pre-commit run), and the typography pack on the corpus.
autocorrect runs `--lint` on the same path each time. Within a case the two
tools alternate run by run, so a slow moment of the machine falls on both; the
ratio is reportlint's median over autocorrect's. Targets: full ≤ 1.5×, one
file ≤ 1.5×, typography ≤ 1.0×. The package is byte-compiled first, as pip does
on install. autocorrect is never a dependency of reportlint.
"""

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
TARGETS = {"full default run, corpus": 1.5, "one seed file": 1.5, "typography pack, corpus": 1.0}


def timed(command) -> float:
    started = time.perf_counter()
    subprocess.run(command, capture_output=True, check=False)
    return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--autocorrect", default="autocorrect", help="the autocorrect executable")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--corpus", default=str(CORPUS))
    options = parser.parse_args()
    seed = str(sorted((ROOT / "seeds").glob("*.txt"))[0])
    ours = [sys.executable, "-m", "linter", "check", "--no-cache", "--exit-zero"]
    cases = {"full default run, corpus": (ours + [options.corpus], options.corpus),
             "one seed file": (ours + [seed], seed),
             "typography pack, corpus": (ours + ["--select", "typography", options.corpus], options.corpus)}
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "linter")], check=True, capture_output=True)
    for name, (command, path) in cases.items():
        theirs_command = [options.autocorrect, "--lint", path]
        timed(command), timed(theirs_command)  # warm the page cache
        mine, theirs = [], []
        for _ in range(options.runs):
            mine.append(timed(command))
            theirs.append(timed(theirs_command))
        ratio = statistics.median(mine) / statistics.median(theirs)
        verdict = "met" if ratio <= TARGETS[name] else "NOT met"
        print(f"{name:26} reportlint {statistics.median(mine):6.2f} s  autocorrect {statistics.median(theirs):6.2f} s  "
              f"ratio {ratio:.2f}× (target ≤ {TARGETS[name]}×, {verdict})")


if __name__ == "__main__":
    main()
