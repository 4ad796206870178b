"""Linting on a Dask cluster (`check --scheduler tcp://HOST:8786`, with
`pip install 'reportlint[dask]'`): the files of a run go to the cluster's
workers, one task per chunk of files (runner.size_balanced_chunks), and the
results are the local run's.

A worker reads a file from its path when it sees the client's copy there
(the same size and modification time: a shared network filesystem);
otherwise the client reads it and sends its bytes with a second task. A file
a worker sees but cannot read is an input error of that file alone. The
result cache is the client's: it looks each file up before submitting and
stores what comes back. A worker that dies loses nothing: Dask runs its
tasks again elsewhere.
"""

import dataclasses
import functools
import os
from pathlib import Path
from typing import List, Optional, Sequence

from linter.document import file_bytes
from linter.errors import UserError
from linter.runner import STDIN, FileResult, ReadFile, Settings, lint_file, read_file, size_balanced_chunks

CHUNKS_PER_THREAD = 4  # a few tasks per worker thread: the load stays balanced, and a lost worker costs little
CONNECT_TIMEOUT = "10s"


def on_cluster(address: str):
    """The runner's backend (runner.run) that lints on the cluster whose scheduler is at `address`."""
    return functools.partial(lint_on_cluster, address=address)


def lint_on_cluster(files: Sequence[Path], settings: Settings, progress=None, *, address: str) -> List[FileResult]:
    """The results of `files`, in order, linted on the cluster's workers."""
    from distributed import Client

    results: List[Optional[FileResult]] = [None] * len(files)
    keys = {}  # index -> the file's cache entry, for what the workers send back

    def done(index: int, result: FileResult) -> None:
        results[index] = result
        if index in keys and result.error is None:
            settings.cache.put(keys[index], result.violations)
        if progress is not None:
            progress(result)

    to_lint = []
    for index, path in enumerate(files):
        read = read_file(path, settings) if settings.cache else None  # the client's cache, looked up before submitting
        if isinstance(read, FileResult):
            done(index, read)
            continue
        if isinstance(read, ReadFile):
            keys[index] = read.cache_key
        to_lint.append(index)
    if not to_lint:
        return results
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, ValueError) as error:
        raise UserError(address, f"cannot reach the Dask scheduler: {error}")
    with client:
        shared = client.scatter(dataclasses.replace(settings, cache=None), broadcast=True)
        threads = max(1, sum(client.nthreads().values()))
        first = [(index, str(files[index]), _stamp(files[index]), None) for index in to_lint]
        not_shared = _run(client, shared, first, threads, done)
        second = []
        for index in not_shared:  # the client holds the only copy: its bytes go with the task
            try:
                second.append((index, str(files[index]), None, file_bytes(files[index], settings.config.max_file_mb)))
            except UserError as error:
                done(index, FileResult(str(files[index]), error=str(error)))
        _run(client, shared, second, threads, done)
    return results


def _run(client, settings, entries, threads: int, done) -> List[int]:
    """Submit the entries in chunks and report each result as it comes; returns
    the indexes of the files the workers do not see as the client does."""
    from distributed import as_completed

    if not entries:
        return []
    paths = [Path(path) for _, path, _, _ in entries]
    chunks = size_balanced_chunks(paths, min(len(entries), threads * CHUNKS_PER_THREAD))
    futures = [client.submit(lint_chunk, [entries[i] for i in chunk], settings, pure=False) for chunk in chunks]
    not_seen = []
    for future in as_completed(futures):
        for index, result in future.result():
            if result is None:
                not_seen.append(index)
            else:
                done(index, result)
    return sorted(not_seen)


def lint_chunk(entries, settings: Settings):
    """On a worker: (index, result) for each (index, path, stamp, bytes) entry; the
    result is None for a file this worker does not see as the client does."""
    out = []
    for index, path, stamp, data in entries:
        if data is None and stamp is not None and _stamp(Path(path)) != stamp:
            out.append((index, None))
        else:
            out.append((index, lint_file(Path(path), settings, data)))
    return out


def _stamp(path: Path):
    """(size, modification time) of a file as seen here, or "missing"; None for
    standard input (its bytes travel in the settings)."""
    if str(path) == STDIN:
        return None
    try:
        stat = os.stat(path)
    except OSError:
        return "missing"
    return (stat.st_size, stat.st_mtime_ns)
