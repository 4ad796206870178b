"""The speed ratios of issue 24: reportlint against autocorrect (a Rust
punctuation and spacing linter, npm `autocorrect-node`), alternated run by run.

    npm install --prefix /tmp/ac autocorrect-node     # for the benchmark only
    python bench/vs_autocorrect.py --autocorrect /tmp/ac/node_modules/.bin/autocorrect [--runs 5]

Three cases, each a whole process (start-up included) with no result cache
(`--no-cache`): the full default run on ../shared/corpus/, one seed file
(seeds/000_*.txt, a pre-commit run), and the typography pack on the corpus.
autocorrect runs `--lint` on the same path each time. Within a case the two
tools alternate run by run, so a slow moment of the machine falls on both; the
ratio is reportlint's median over autocorrect's. The machine is shared, so
each case also gives the median user CPU time of both tools (less sensitive to
other load than wall time) and the load average when it ran. reportlint runs
with a user cache of its own (REPORTLINT_CACHE_DIR, filled by the warm-up
runs): on a machine where more installations share ~/.cache/reportlint than it
keeps entries for, they rebuild each other's dictionary cache at random. Targets: full ≤ 1.5×, one
file ≤ 1.5×, typography ≤ 1.0×. The package is byte-compiled first, as pip does
on install. autocorrect is never a dependency of reportlint.
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
TARGETS = {"full default run, corpus": 1.5, "one seed file": 1.5, "typography pack, corpus": 1.0}


def timed(command) -> tuple[float, float]:
    """Wall time and user CPU time (the process and its workers) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
    started = time.perf_counter()
    subprocess.run(command, capture_output=True, check=False)
    wall = time.perf_counter() - started
    return wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - before


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--autocorrect", default="autocorrect", help="the autocorrect executable")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--corpus", default=str(CORPUS))
    options = parser.parse_args()
    os.environ.setdefault("REPORTLINT_CACHE_DIR", tempfile.mkdtemp(prefix="reportlint-bench-"))
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
        wall_mine, wall_theirs = (statistics.median(run[0] for run in runs) for runs in (mine, theirs))
        user_mine, user_theirs = (statistics.median(run[1] for run in runs) for runs in (mine, theirs))
        ratio = wall_mine / wall_theirs
        verdict = "met" if ratio <= TARGETS[name] else "NOT met"
        print(f"{name:26} reportlint {wall_mine:6.2f} s  autocorrect {wall_theirs:6.2f} s  "
              f"ratio {ratio:.2f}× (target ≤ {TARGETS[name]}×, {verdict}); "
              f"user CPU {user_mine:.2f} s / {user_theirs:.2f} s = {user_mine / user_theirs:.2f}×; "
              f"load {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
