"""The Dask runner against the local one: --documents files (the corpus copied
into a temporary folder until there are that many) linted on a
distributed.LocalCluster of two worker processes (one thread each, loopback)
and by the local runner with --jobs 2, alternated, --runs times.

    pip install -e '.[dask]'
    python bench/dask_runner.py [--documents 2000] [--runs 1] [--corpus ../shared/corpus]
    python bench/dask_runner.py --scheduler tcp://HOST:8786   # a real cluster

Each run is a whole `reportlint check --no-cache --exit-zero` process. Printed:
wall time, documents per second, and the Dask runner's overhead per document
(its time less the local runner's, over the documents). On a real cluster the
folder must be one the workers see at the same path (a network filesystem),
or the client sends each file's bytes with its task; pass --folder to lint a
shared folder instead of the temporary copy.
"""

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def copied_corpus(corpus: Path, documents: int, into: Path) -> int:
    """Copy the corpus's files round by round until there are `documents`."""
    files = sorted(p for p in corpus.rglob("*") if p.is_file())
    made = 0
    while made < documents:
        for source in files:
            if made == documents:
                break
            target = into / f"copy{made // len(files):03}" / source.relative_to(corpus)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            made += 1
    return made


def timed(command) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr}")
    return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--scheduler", help="a running cluster's scheduler address (default: a LocalCluster of two workers)")
    parser.add_argument("--folder", help="lint this folder (shared with the workers) instead of a copy of the corpus")
    options = parser.parse_args()
    cluster = None
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(options.folder) if options.folder else Path(temporary)
        count = sum(1 for p in folder.rglob("*") if p.is_file()) if options.folder else \
            copied_corpus(Path(options.corpus), options.documents, folder)
        address = options.scheduler
        if address is None:
            from distributed import LocalCluster

            cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                   dashboard_address=None)
            address = cluster.scheduler_address
        check = [sys.executable, "-m", "linter", "check", "--no-cache", "--exit-zero", "--format", "json"]
        commands = {"local --jobs 2": check + ["--jobs", "2", str(folder)],
                    f"dask ({address})": check + ["--scheduler", address, str(folder)]}
        times = {name: [] for name in commands}
        try:
            for _ in range(options.runs):
                for name, command in commands.items():
                    times[name].append(timed(command))
        finally:
            if cluster is not None:
                cluster.close()
    medians = {name: statistics.median(seconds) for name, seconds in times.items()}
    for name, seconds in medians.items():
        print(f"{name:32} {seconds:7.1f} s  {count / seconds:6.1f} documents/s  ({count} documents)")
    local, dask = medians.values()
    print(f"Dask overhead per document: {(dask - local) / count * 1000:+.1f} ms")


if __name__ == "__main__":
    main()
