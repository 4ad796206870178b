"""A run: finding the files to lint, reading each into a Document and linting
it (in worker processes for large runs, through the content cache), then the
cross-document checks. Input problems become per-file errors; the other files go on."""

CACHE_FOLDER = ".reportlint_cache"

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from linter.cache import ResultCache, fingerprint
from linter.config import Config, glob_match, relative_path
from linter.document import TEXT_SUFFIXES, Document, read_document
from linter.engine import Violation, lint_document, lint_run
from linter.errors import UserError
from linter.factsheet import load_factsheet
from linter.rules import RuleSets


@dataclass
class FileResult:
    path: str
    violations: List[Violation] = field(default_factory=list)
    error: Optional[str] = None  # the file could not be linted
    notice: Optional[str] = None  # linted nothing, but nothing is wrong (an empty file)
    document: Optional[Document] = None
    timings: Dict[str, float] = field(default_factory=dict)  # rule id -> seconds, with --profile-rules


def discover(paths: Sequence[str], config: Config, extra_exclude: Sequence[str] = ()) -> Tuple[List[Path], List[FileResult]]:
    """Files named on the command line, and .txt/.md files under named folders
    (hidden folders and files skipped), minus the excluded ones."""
    excludes = list(config.exclude) + list(extra_exclude)
    files, errors = [], []

    def excluded(path: Path) -> bool:
        relative = relative_path(path, config.root)
        return any(glob_match(relative, p) or glob_match(relative, p.rstrip("/*")) for p in excludes if p.rstrip("/*"))

    for name in paths:
        path = Path(name)
        if path.is_dir():
            for folder, subfolders, filenames in os.walk(path):
                subfolders[:] = sorted(d for d in subfolders if not d.startswith(".") and not excluded(Path(folder, d)))
                for filename in sorted(filenames):
                    candidate = Path(folder, filename)
                    if not filename.startswith(".") and candidate.suffix.lower() in TEXT_SUFFIXES and not excluded(candidate):
                        files.append(candidate)
        elif path.exists():
            if not excluded(path):
                files.append(path)
        else:
            errors.append(FileResult(str(path), error=str(UserError(path, "no such file or directory"))))
    return files, errors


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


def lint_file(path: Path, settings: Settings) -> FileResult:
    config = settings.config
    try:
        doc = read_document(path, config.date, settings.factsheet, config.max_file_mb)
    except UserError as error:
        return FileResult(str(path), error=str(error))
    if not doc.source.strip():
        return FileResult(str(path), notice=f"{path}: empty file, nothing to lint", document=doc)
    rules = settings.rules.for_document(doc)
    key = settings.cache.key(doc, rules) if settings.cache else None
    cached = settings.cache.get(key, str(path)) if key else None
    if cached is not None:
        return FileResult(str(path), cached, document=_kept(doc, cached, settings, rules))
    errors, timings = [], {} if settings.profile else None
    violations = lint_document(doc, rules, errors, timings)
    if key and not errors:
        settings.cache.put(key, violations)
    doc.forget_scratch()
    return FileResult(str(path), violations, error="; ".join(errors) or None, document=_kept(doc, violations, settings, rules),
                      timings=timings or {})


def _kept(doc: Document, violations, settings: Settings, rules) -> Optional[Document]:
    keep = violations or settings.keep_documents or any(rule.checker.compares_documents for rule in rules)
    return doc if keep else None


# Below this much text, worker processes cost more than they save (each loads jieba).
PARALLEL_MIN_BYTES = 1_000_000


def lint_files(files: Sequence[Path], settings: Settings, jobs: int) -> List[FileResult]:
    """Lint files, in worker processes when there are enough of them; results keep the order of `files`."""
    size = sum(_size(path) for path in files)
    if jobs <= 1 or len(files) < 2 or size < PARALLEL_MIN_BYTES:
        return [lint_file(path, settings) for path in files]
    from concurrent.futures import ProcessPoolExecutor  # imported only for a parallel run (30 ms)

    with ProcessPoolExecutor(max_workers=min(jobs, len(files)), initializer=_start_worker, initargs=(settings,)) as pool:
        return list(pool.map(_lint_in_worker, files, chunksize=max(1, len(files) // (jobs * 8))))


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
        use_cache: bool = False, profile: bool = False, keep_documents: bool = False) -> List[FileResult]:
    """Lint files with `rules`: a RuleSets (rules per document) or one list of rules for all."""
    rule_sets = rules if isinstance(rules, RuleSets) else RuleSets.fixed(rules)
    files, results = discover(paths, config, extra_exclude)
    factsheet = load_factsheet(config.facts) if config.facts else None
    cache = ResultCache(config.root / CACHE_FOLDER, fingerprint(rule_sets.possible(), config)) if use_cache else None
    linted = lint_files(files, Settings(rule_sets, config, factsheet, cache, profile, keep_documents), jobs)
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
