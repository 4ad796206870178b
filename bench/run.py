"""Benchmark whole-process `reportlint check` runs with the default packs.

    python bench/run.py [--runs 5] [--archive-mb 50] [--jobs N]

Targets: one seed file, seeds/, ../shared/corpus/ (when present) and a
synthetic archive of about --archive-mb MB made by repeating the corpus (or the
seeds). For each it prints the median wall time of --runs runs (the archive:
fewer), MB/s, and the peak memory of the whole process tree (sampled from
/proc), then the per-rule time on the corpus (`--profile-rules`). The cache is
off (`--no-cache`), so every run lints every file.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants (Linux /proc)."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total


def timed_run(args):
    """(wall seconds, peak tree RSS in MB) of one run."""
    started = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss_kb(process.pid))
        time.sleep(0.02)
    return time.perf_counter() - started, peak / 1024


def size_mb(target: Path) -> float:
    files = [target] if target.is_file() else [p for p in target.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files) / 1e6


def build_archive(source: Path, megabytes: float, folder: Path) -> Path:
    archive = folder / "archive"
    copy = 0
    while not archive.exists() or size_mb(archive) < megabytes:
        shutil.copytree(source, archive / f"copy{copy:03d}")
        copy += 1
    return archive


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--archive-mb", type=float, default=50)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    options = parser.parse_args()

    command = [sys.executable, "-m", "linter", "check", "--quiet", "--no-cache", "--exit-zero", "--jobs", str(options.jobs)]
    with tempfile.TemporaryDirectory() as scratch:
        # 004 needs no word boundaries; 000 has a term (新冠肺炎) whose check segments it with jieba.
        targets = [("one seed file", ROOT / "seeds" / "004_0d71b96646b1a74a.txt"),
                   ("one seed, jieba", ROOT / "seeds" / "000_5a305377e07a99ac.txt"), ("seeds/", ROOT / "seeds")]
        if CORPUS.is_dir():
            targets.append(("corpus", CORPUS))
        if options.archive_mb > 0:
            targets.append((f"archive ~{options.archive_mb:g} MB", build_archive(CORPUS if CORPUS.is_dir() else ROOT / "seeds", options.archive_mb, Path(scratch))))

        subprocess.run(command + [str(ROOT / "seeds")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # warm caches
        print(f"{'target':<22}{'files':>7}{'MB':>9}{'wall s':>9}{'MB/s':>8}{'peak MB':>9}   (median of runs; jobs={options.jobs})")
        for name, target in targets:
            runs = options.runs if not name.startswith("archive") else max(1, options.runs // 3)
            measured = [timed_run(command + [str(target)]) for _ in range(runs)]
            wall = statistics.median(m[0] for m in measured)
            peak = max(m[1] for m in measured)
            files = 1 if target.is_file() else sum(1 for p in target.rglob("*") if p.suffix in (".txt", ".md"))
            megabytes = size_mb(target)
            print(f"{name:<22}{files:>7}{megabytes:>9.2f}{wall:>9.2f}{megabytes / wall:>8.2f}{peak:>9.0f}", flush=True)

        profiled = CORPUS if CORPUS.is_dir() else ROOT / "seeds"
        print(f"\nper-rule time on {profiled.name}/ (one process, --profile-rules):")
        result = subprocess.run([sys.executable, "-m", "linter", "check", "--quiet", "--exit-zero", "--jobs", "1", "--profile-rules", str(profiled)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        print(result.stderr, end="")


if __name__ == "__main__":
    main()
