"""A run: finding the files to lint, reading each into a Document and linting
it (in worker processes for large runs, through the content cache), then the
cross-document checks. Input problems become per-file errors; the other files go on."""

import functools
import os
import signal
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence

from linter import knowledge
from linter.cache import ResultCache, fingerprint
from linter.config import Config, glob_match, relative_path
from linter.document import Document, document_from_bytes, read_document
from linter.engine import Violation, lint_document, lint_run
from linter.errors import UserError
from linter.factsheet import load_factsheet
from linter.readers import CONVERTIBLE, SUFFIXES
from linter.rules import RuleSets

STDIN = "-"


@dataclass
class FileResult:
    path: str
    violations: List[Violation] = field(default_factory=list)
    error: Optional[str] = None  # the file could not be linted
    notice: Optional[str] = None  # linted nothing, but nothing is wrong (an empty file, a skipped symlink loop)
    document: Optional[Document] = None
    timings: Dict[str, float] = field(default_factory=dict)  # rule id -> seconds, with --profile-rules


@dataclass
class Discovery:
    """What the paths of a run hold: the files to lint, input problems, and the
    files passed over (by extension), so a run that lints nothing can say why."""

    files: List[Path] = field(default_factory=list)
    problems: List[FileResult] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)  # extension -> files not linted
    ignored: Counter = field(default_factory=Counter)  # "file"/"folder" -> how many git or .gitignore hid


def discover(paths: Sequence[str], config: Config, extra_exclude: Sequence[str] = (), gitignore: bool = True) -> Discovery:
    """Files named on the command line, and the files of a readable format under
    named folders (hidden ones and, unless `gitignore` is false, those git or
    .gitignore ignores skipped), minus the excluded ones. Files of a format that
    must be converted first are problems."""
    excludes = list(config.exclude) + list(extra_exclude)
    found = Discovery()

    def excluded(path: Path) -> bool:
        if not excludes:
            return False  # without resolving the path (two resolve() calls per file)
        relative = relative_path(path, config.root)
        return any(glob_match(relative, p) or glob_match(relative, p.rstrip("/*")) for p in excludes if p.rstrip("/*"))

    for name in paths:
        path = Path(name)
        if name == STDIN:
            found.files.append(path)
        elif path.is_dir():
            _walk(path, excluded, found, gitignore)
        elif path.exists() or path.is_symlink():
            if not excluded(path):
                found.files.append(path)
        else:
            found.problems.append(FileResult(str(path), error=str(UserError(path, "no such file or directory"))))
    return found


def _walk(top: Path, excluded, found: Discovery, gitignore: bool = True) -> None:
    rules = _IgnoreRules(top) if gitignore else None

    def ignored(path: Path, folder: bool = False) -> bool:
        hidden = rules is not None and rules(path, folder)
        if hidden and (folder or path.suffix.lower() in SUFFIXES):
            found.ignored["folder" if folder else "file"] += 1  # counted so a run that lints nothing can say why
        return hidden

    visited = set()

    def unreadable(error: OSError):
        found.problems.append(FileResult(error.filename, error=str(UserError(error.filename, f"cannot read folder: {error.strerror}"))))

    for folder, subfolders, filenames in os.walk(top, onerror=unreadable, followlinks=True):
        real = os.path.realpath(folder)
        if real in visited:
            found.problems.append(FileResult(folder, notice=f"{folder}: symbolic link loop (back to {real}); skipped"))
            subfolders[:] = []
            continue
        visited.add(real)
        subfolders[:] = sorted(d for d in subfolders if not d.startswith(".") and not excluded(Path(folder, d))
                               and not ignored(Path(folder, d), folder=True))
        for filename in sorted(filenames):
            candidate = Path(folder, filename)
            if filename.startswith(".") or excluded(candidate) or ignored(candidate):
                continue
            suffix = candidate.suffix.lower()
            if suffix in SUFFIXES or suffix in CONVERTIBLE:
                found.files.append(candidate)  # a format to convert becomes its input error when read
            else:
                found.skipped[suffix or "(no extension)"] += 1


class _IgnoreRules:
    """What git ignores under a folder: asked of git inside a repository (its
    exclude rules, global and nested .gitignore files), else the folder's own
    .gitignore files read with gitignore semantics."""

    def __init__(self, top: Path):
        self.top = top
        self.tracked = _git_files(top)
        self.specs: Dict[str, object] = {}  # folder -> its .gitignore (pathspec), or None

    def __call__(self, path: Path, folder: bool = False) -> bool:
        if self.tracked is None:
            return self._by_ignore_files(path, folder)
        relative = os.path.relpath(path, self.top).replace(os.sep, "/")
        return relative not in (self.tracked_folders if folder else self.tracked)

    @functools.cached_property
    def tracked_folders(self) -> set:
        """Every folder that holds a file git does not ignore."""
        return {name.rsplit("/", depth)[0] for name in self.tracked for depth in range(1, name.count("/") + 1)}

    def _by_ignore_files(self, path: Path, folder: bool) -> bool:
        ignored = False
        relative = Path(os.path.relpath(path, self.top))
        for depth in range(len(relative.parts)):
            base = self.top.joinpath(*relative.parts[:depth])
            spec = self._spec(base)
            if spec is None:
                continue
            inner = "/".join(relative.parts[depth:]) + ("/" if folder else "")
            result = spec.check_file(inner)
            if result.include is not None:
                ignored = result.include
        return ignored

    def _spec(self, folder: Path):
        key = str(folder)
        if key not in self.specs:
            self.specs[key] = None
            ignore_file = folder / ".gitignore"
            if ignore_file.is_file():
                import pathspec  # only outside a git repository

                try:
                    lines = ignore_file.read_text(encoding="utf-8", errors="replace").splitlines()
                    self.specs[key] = pathspec.GitIgnoreSpec.from_lines(lines)
                except (OSError, ValueError):
                    pass
        return self.specs[key]


def _git_files(top: Path) -> Optional[set]:
    """Paths (relative to `top`) git does not ignore, or None outside a repository or without git."""
    if not _inside_repository(top):
        return None  # without starting git (5-10 ms)
    import subprocess

    try:
        done = subprocess.run(["git", "-C", str(top), "ls-files", "--cached", "--others", "--exclude-standard", "-z", "--", "."],
                              capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return {name for name in done.stdout.decode("utf-8", "surrogateescape").split("\0") if name}


def _inside_repository(top: Path) -> bool:
    """Whether a .git folder (or a worktree's .git file) is at or above `top`, or GIT_DIR names one."""
    if os.environ.get("GIT_DIR"):
        return True
    folder = top.resolve()
    return any((parent / ".git").exists() for parent in (folder, *folder.parents))


@dataclass
class Settings:
    """What every file of a run is linted with (sent once to each worker process)."""

    rules: RuleSets
    config: Config
    factsheet: object = None
    cache: Optional[ResultCache] = None
    profile: bool = False
    # Documents travel back from workers only when something reads them later: a
    # cross-document rule or --show-metadata; otherwise only those with findings
    # (for the source excerpt), which keeps a large run's memory flat.
    keep_documents: bool = False
    stdin: bytes = b""  # what was read from standard input, for the path "-"
    stdin_name: str = STDIN  # the name it is linted under (--stdin-filename): its format, config and findings' path


def lint_file(path: Path, settings: Settings, data: Optional[bytes] = None) -> FileResult:
    """A file's result; `data`: its bytes when they were read already (sent to a cluster's worker)."""
    read = read_file(path, settings, data)
    return read if isinstance(read, FileResult) else lint_read(read, settings)


@dataclass
class ReadFile:
    """A file read whose result is not known without linting it."""

    doc: Document
    rules: list
    cache_key: Optional[str]  # its entry in the result cache, when the run has one


def read_file(path: Path, settings: Settings, data: Optional[bytes] = None):
    """The file read: its FileResult when that is known without linting (an input
    error, an empty file, a result in the cache), else a ReadFile to lint."""
    config = settings.config
    knowledge.use(config.knowledge)  # here, so a worker process has it too
    if config.words:
        from linter.segment import use_words

        use_words(config.words)
    try:
        if path == Path(STDIN):
            path = Path(settings.stdin_name)
            doc = document_from_bytes(settings.stdin, str(path), config.date, settings.factsheet, config.options_for(str(path)))
        else:
            doc = read_document(path, config.date, settings.factsheet, config.max_file_mb, config.options_for(str(path)), data)
    except UserError as error:
        return FileResult(str(path), error=str(error))
    if not doc.source.strip():
        return FileResult(str(path), notice=f"{path}: empty file, nothing to lint", document=doc)
    rules = settings.rules.for_document(doc)
    key = settings.cache.key(doc, rules) if settings.cache else None
    cached = settings.cache.get(key, str(path)) if key else None
    if cached is not None:
        return FileResult(str(path), cached, document=_kept(doc, cached, settings, rules))
    return ReadFile(doc, rules, key)


def lint_read(read: ReadFile, settings: Settings) -> FileResult:
    """The result of linting a file read, stored in the cache when the run has one."""
    doc, rules = read.doc, read.rules
    errors, timings = [], {} if settings.profile else None
    violations = lint_document(doc, rules, errors, timings, settings.rules.known_ids())
    if read.cache_key and not errors:
        settings.cache.put(read.cache_key, violations)
    doc.forget_scratch()
    return FileResult(doc.path, violations, error="; ".join(errors) or None, document=_kept(doc, violations, settings, rules),
                      timings=timings or {})


def _kept(doc: Document, violations, settings: Settings, rules) -> Optional[Document]:
    keep = violations or settings.keep_documents or any(rule.checker.compares_documents for rule in rules)
    return doc if keep else None


# Below this much text, worker processes cost more than they save (each loads jieba).
PARALLEL_MIN_BYTES = 1_000_000

# Where multiprocessing would start its workers by forking anyway (Linux), the
# workers are forked directly: importing multiprocessing and starting a Pool costs
# about 20 ms, a large share of a run over a folder. Elsewhere (Windows, macOS,
# where a forked process is unsafe) multiprocessing.Pool spawns them.
FORK_WORKERS = sys.platform.startswith("linux") and hasattr(os, "fork")


def lint_files(files: Sequence[Path], settings: Settings, jobs: int, progress=None) -> List[FileResult]:
    """Lint files, in worker processes when there are enough of them; results keep
    the order of `files`. `progress(result)` is called as each file is done."""
    size = sum(_size(path) for path in files)
    if jobs <= 1 or len(files) < 2 or size < PARALLEL_MIN_BYTES:
        done = (lint_file(path, settings) for path in files)
        return [_reported(result, progress) for result in done]
    workers = min(jobs, len(files))
    if FORK_WORKERS:
        return _lint_in_forks(files, settings, workers, progress)
    import multiprocessing

    # Pool queues every chunk at once, so a worker never waits for the next one
    # (concurrent.futures keeps one spare chunk per worker in flight).
    with multiprocessing.Pool(workers, initializer=_start_worker, initargs=(settings,)) as pool:
        done = pool.imap(_lint_in_worker, files, chunksize=max(1, len(files) // (jobs * 8)))
        return [_reported(result, progress) for result in done]


def _reported(result: FileResult, progress) -> FileResult:
    if progress is not None:
        progress(result)
    return result


def _lint_in_forks(files: Sequence[Path], settings: Settings, workers: int, progress) -> List[FileResult]:
    """Fork `workers` children that each lint a share of the files (balanced by
    size) and send back each result, pickled and length-prefixed, through a pipe;
    the results are read as they come."""
    import pickle
    import select

    shares = size_balanced_chunks(files, workers)
    results: List[Optional[FileResult]] = [None] * len(files)
    pipes, children = {}, []
    # The children read the lifeline and exit when it closes: when this process ends, however it ends.
    lifeline, holding = os.pipe()
    try:
        for share in shares:
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:
                try:  # a signal before the child set its own handlers must not run the parent's code below
                    os.close(read_end)
                    os.close(holding)
                    _lint_share(files, share, settings, write_end, lifeline)  # never returns
                finally:
                    os._exit(1)
            os.close(write_end)
            pipes[read_end] = bytearray()
            children.append(pid)
        while pipes:
            ready, _, _ = select.select(list(pipes), [], [])
            for pipe in ready:
                data = os.read(pipe, 1 << 20)
                if not data:
                    os.close(pipe)
                    del pipes[pipe]
                    continue
                received = pipes[pipe]
                received += data
                while len(received) >= 8 and len(received) >= 8 + int.from_bytes(received[:8], "little"):
                    length = int.from_bytes(received[:8], "little")
                    index, result = pickle.loads(received[8:8 + length])
                    del received[:8 + length]
                    if isinstance(result, str):
                        raise RuntimeError(f"a worker process failed on {files[index]}:\n{result}")
                    results[index] = _reported(result, progress)
    except BaseException:  # interrupted (SIGINT, SIGTERM) or a worker's bug: the others stop now
        for pid in children:
            _kill(pid)
        raise
    finally:
        os.close(lifeline)
        os.close(holding)
        for pipe in pipes:
            os.close(pipe)
        for pid in children:
            os.waitpid(pid, 0)
    missing = [str(files[i]) for i, result in enumerate(results) if result is None]
    if missing:
        raise RuntimeError(f"a worker process ended before linting {', '.join(missing)}")
    return results


def size_balanced_chunks(files: Sequence[Path], count: int) -> List[List[int]]:
    """The indexes of `files` in `count` chunks of about equal size (the largest file
    first, each to the lightest chunk so far): a worker's share, or a cluster's task."""
    chunks, loads = [[] for _ in range(count)], [0] * count
    for index in sorted(range(len(files)), key=lambda i: -_size(files[i])):
        least = loads.index(min(loads))
        chunks[least].append(index)
        loads[least] += _size(files[index]) + 1
    return [chunk for chunk in chunks if chunk]


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass


def _lint_share(files, share, settings: Settings, pipe: int, lifeline: int) -> None:
    """In a forked child: lint the files of its share and write each result to the pipe, then exit;
    exit at once when the parent's lifeline closes (the parent is gone) or on SIGTERM or SIGINT."""
    import pickle
    import threading
    import traceback

    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)

    def watch():
        os.read(lifeline, 1)  # returns when the parent's end closes
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()
    status = 0
    try:
        with os.fdopen(pipe, "wb") as out:
            for index in share:
                try:
                    result = lint_file(files[index], settings)
                except Exception:  # a bug: the parent reports it with this traceback
                    result = traceback.format_exc()
                data = pickle.dumps((index, result), pickle.HIGHEST_PROTOCOL)
                out.write(len(data).to_bytes(8, "little") + data)
        _keep_compiled_patterns()
    except BaseException:  # interrupted, or the parent went away
        status = 1
    finally:
        os._exit(status)


def _keep_compiled_patterns() -> None:
    """The regular expressions a worker compiled, into the user cache for the next
    run: os._exit runs no exit handlers, where a process writes them otherwise."""
    from linter import patterns, rule_types

    patterns.write_new()
    rule_types.write_new_patterns()


_worker_settings: Optional[Settings] = None


def _start_worker(settings: Settings) -> None:
    global _worker_settings
    _worker_settings = settings


def _lint_in_worker(path: Path) -> FileResult:
    return lint_file(path, _worker_settings)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def run(paths: Sequence[str], rules, config: Config, extra_exclude: Sequence[str] = (), jobs: int = 1,
        use_cache: bool = False, profile: bool = False, keep_documents: bool = False, stdin: bytes = b"",
        stdin_name: str = STDIN, found: Optional[Discovery] = None, progress=None, backend=None) -> List[FileResult]:
    """Lint files with `rules`: a RuleSets (rules per document) or one list of rules for all.
    `found`: the paths' discovery when the caller made it already; `progress(result)`:
    called as each file is linted; `backend(files, settings, progress)`: what lints
    the files instead of this machine's processes (a cluster: linter/cluster.py)."""
    rule_sets = rules if isinstance(rules, RuleSets) else RuleSets.fixed(rules)
    found = found or discover(paths, config, extra_exclude)
    factsheet = load_factsheet(config.facts) if config.facts else None
    cache = ResultCache(config.cache_folder, fingerprint(rule_sets.possible(), config)) if use_cache else None
    settings = Settings(rule_sets, config, factsheet, cache, profile, keep_documents, stdin, stdin_name)
    linted = backend(found.files, settings, progress) if backend else lint_files(found.files, settings, jobs, progress)
    results = list(found.problems)
    docs = [r.document for r in linted if r.document is not None and r.error is None and r.notice is None]
    by_path = {r.path: r for r in linted}
    used = {rule.id: rule for doc in docs for rule in rule_sets.for_document(doc)}
    for violation in lint_run(docs, list(used.values()), rule_sets.for_document):
        by_path[violation.path].violations.append(violation)
    for result in linted:
        ignored = config.ignored_for(result.path)
        if ignored:
            result.violations = [v for v in result.violations if not any(v.rule.startswith(c) or v.category == c for c in ignored)]
        result.violations.sort(key=lambda v: (v.line, v.column, v.rule))
    return results + linted
