"""Time the typography pack against autocorrect (a Rust punctuation and spacing
linter, npm `autocorrect-node`) on the same folder, side by side in one run.

    npm install --prefix /tmp/ac autocorrect-node     # for the benchmark only
    python bench/typography_vs_autocorrect.py --autocorrect /tmp/ac/node_modules/.bin/autocorrect [--runs 5] [FOLDER]

Each tool runs as a whole process (start-up included) over FOLDER (default
../shared/corpus/), alternating, --runs times; the medians are printed with
each tool's finding count. The package is byte-compiled first, as pip does on
install (with PYTHONDONTWRITEBYTECODE set, a checkout would otherwise compile
its sources on every run). reportlint runs `check --select typography
--no-cache`, with its default worker processes and with `--jobs 1`;
autocorrect runs `--lint`. autocorrect is never a
dependency of reportlint.
"""

import argparse
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(command):
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    return time.perf_counter() - started, done.stdout + done.stderr


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--autocorrect", default="autocorrect", help="the autocorrect executable")
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    ours = [sys.executable, "-m", "linter", "check", "--select", "typography", "--no-cache", "--exit-zero", options.folder]
    commands = {"reportlint typography": ours, "reportlint --jobs 1": ours[:-2] + ["--jobs", "1"] + ours[-2:],
                "autocorrect --lint": [options.autocorrect, "--lint", options.folder]}
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "linter")], check=True, capture_output=True)
    times = {name: [] for name in commands}
    outputs = {}
    for _ in range(options.runs):
        for name, command in commands.items():
            seconds, output = timed(command)
            times[name].append(seconds)
            outputs[name] = output
    ours_found = re.search(r"Found (\d+) finding", outputs["reportlint typography"])
    theirs_found = len(re.findall(r":\d+:\d+\s*$", outputs["autocorrect --lint"], re.M))
    for name, found in (("reportlint typography", ours_found.group(1) if ours_found else "?"), ("reportlint --jobs 1", "same"),
                        ("autocorrect --lint", theirs_found)):
        print(f"{name:24} median {statistics.median(times[name]):.2f} s over {options.runs} runs "
              f"(min {min(times[name]):.2f}, max {max(times[name]):.2f}); findings: {found}")


if __name__ == "__main__":
    main()
