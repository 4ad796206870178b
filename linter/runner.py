"""A run: finding the files to lint, reading each into a Document and linting
it. Input problems become per-file errors; the other files go on."""

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

from linter.config import Config, relative_path, glob_match
from linter.document import TEXT_SUFFIXES, Document, read_document
from linter.engine import Violation, lint_document, lint_run
from linter.errors import UserError
from linter.factsheet import load_factsheet


@dataclass
class FileResult:
    path: str
    violations: List[Violation] = field(default_factory=list)
    error: Optional[str] = None  # the file could not be linted
    notice: Optional[str] = None  # linted nothing, but nothing is wrong (an empty file)
    document: Optional[Document] = None


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


def lint_file(path: Path, rules, config: Config, factsheet=None) -> FileResult:
    try:
        doc = read_document(path, config.date, factsheet, config.max_file_mb)
    except UserError as error:
        return FileResult(str(path), error=str(error))
    if not doc.source.strip():
        return FileResult(str(path), notice=f"{path}: empty file, nothing to lint", document=doc)
    errors = []
    violations = lint_document(doc, rules, errors)
    return FileResult(str(path), violations, error="; ".join(errors) or None, document=doc)


def run(paths: Sequence[str], rules, config: Config, extra_exclude: Sequence[str] = ()) -> List[FileResult]:
    files, results = discover(paths, config, extra_exclude)
    factsheet = load_factsheet(config.facts) if config.facts else None
    linted = [lint_file(path, rules, config, factsheet) for path in files]
    docs = [r.document for r in linted if r.document is not None and r.error is None and r.notice is None]
    by_path = {r.path: r for r in linted}
    for violation in lint_run(docs, rules):
        by_path[violation.path].violations.append(violation)
    for result in linted:
        ignored = config.ignored_for(result.path)
        if ignored:
            result.violations = [v for v in result.violations if not any(v.rule.startswith(c) or v.category == c for c in ignored)]
        result.violations.sort(key=lambda v: (v.line, v.column, v.rule))
    return results + linted
