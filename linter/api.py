"""The Python API, for programs that embed reportlint (a publishing system, a
notebook, a web service): what `reportlint check` runs, as functions.

    from linter import lint_paths, lint_text

    for v in lint_text("会议于2023年2月30日召开。", date="2024-03-01"):
        print(v.line, v.column, v.rule, v.message)

Both return the findings as `Violation`s, file by file in the order
`check --format json` reports them (`to_dict()` is that format's object). A
file that cannot be linted raises `InputError` (its `path`, `line`, `reason`),
or with `errors="report"` is an RL001 finding, as in the machine formats; a
config or rule file that cannot be used always raises it. The command line is
built on `setup()` and `Linting.run()` below.
"""

import datetime
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, List, Optional, Union

from linter import knowledge
from linter.config import Config, load_config
from linter.engine import Violation
from linter.errors import UserError
from linter.extract.metadata import parse_iso_or_chinese_date
from linter.results import error_parts, reported
from linter.rules import CROSS_DOCUMENT_PACK, Catalog, RuleSets, load_catalog
from linter.runner import STDIN, Discovery, FileResult, discover, run

__all__ = ["lint_paths", "lint_text", "Violation", "InputError"]

Codes = Union[str, Iterable[str], None]  # "TY,DT001" or ["TY", "DT001"]
AnyDate = Union[datetime.date, str, None]


class InputError(UserError):
    """A file that could not be linted, or a config or rule file that could not be
    used: `path`, `line` (None when not known) and `reason`. `errors`: every
    file of the run that could not be linted, as RL001 findings."""

    def __init__(self, path, reason, line=None, errors=()):
        super().__init__(path, reason, line)
        self.errors = list(errors)

    @property
    def reason(self) -> str:
        return self.message


def lint_paths(paths, *, config=None, select: Codes = None, ignore: Codes = None, date: AnyDate = None,
               errors: str = "raise", jobs: int = 1) -> List[Violation]:
    """Lint files and folders (a path or several; folders are walked like
    `reportlint check` walks them). `config`: a config file (default: the
    .reportlint.yaml or pyproject.toml found upwards from the paths); `select`
    and `ignore`: rule ids, prefixes, categories or packs; `date`: the
    publication date of documents that show none; `jobs`: worker processes."""
    _check_errors(errors)
    paths = [os.fspath(paths)] if isinstance(paths, (str, os.PathLike)) else [os.fspath(p) for p in paths]
    linting = _setup_for_caller(config, select, ignore, date, common_folder(paths))
    found = linting.discover(paths)
    if not found.files and not found.problems:
        raise InputError(" ".join(paths), nothing_to_lint(found.skipped, ignored=found.ignored))
    return _findings(linting.run(paths, jobs=jobs, found=found), errors)


def lint_text(text: Union[str, bytes], *, filename: str = "-.txt", config=None, select: Codes = None, ignore: Codes = None,
              date: AnyDate = None, errors: str = "raise") -> List[Violation]:
    """Lint one document given as text (or as a file's bytes: a .docx or .pdf
    `filename` reads them so). `filename` is the findings' path; its suffix
    says the format and its folder where the config is found."""
    _check_errors(errors)
    # Text is sent as UTF-8 behind a byte-order mark, so its encoding is never guessed.
    data = b"\xef\xbb\xbf" + text.encode("utf-8") if isinstance(text, str) else bytes(text)
    linting = _setup_for_caller(config, select, ignore, date, common_folder([filename]))
    return _findings(linting.run([STDIN], stdin=data, stdin_name=filename), errors)


@dataclass
class Linting:
    """What a run lints with: the config, every known rule, and the rules each file runs."""

    config: Config
    catalog: Catalog
    rules: RuleSets

    def discover(self, paths, exclude=(), gitignore: bool = True) -> Discovery:
        """The files `paths` hold (folders walked, what git ignores skipped unless `gitignore`
        is false), the input problems and the files passed over."""
        return discover(paths, self.config, exclude, gitignore)

    def run(self, paths, scheduler: Optional[str] = None, **options) -> List[FileResult]:
        """The results of linting `paths`, in order, on this machine or on the Dask
        cluster whose scheduler is at `scheduler`; `options` as runner.run takes them."""
        if scheduler:
            from linter.cluster import on_cluster

            options["backend"] = on_cluster(scheduler)
        return run(paths, self.rules, self.config, **options)


def setup(config=None, *, select: Codes = None, ignore: Codes = None, date: Optional[datetime.date] = None, facts=None,
          cross_document: bool = False, start: Optional[Path] = None) -> Linting:
    """Load the config (`config`, a file, or the one found upwards from `start`)
    and every known rule, and choose the rules: the config's packs, `select`
    replacing its select and `ignore` adding to its ignore; `date` and `facts`
    (a fact sheet) override the config's. Raises UserError."""
    loaded = load_config(Path(config) if config else None, start)
    knowledge.use(loaded.knowledge)
    catalog = load_catalog(loaded.rule_files)
    if date is not None:
        loaded.date = date
    if facts:
        loaded.facts = Path(facts)
    chosen, skipped = codes(select) or loaded.select, loaded.ignore + codes(ignore)
    packs = list(loaded.packs)
    if cross_document or loaded.cross_document:
        packs.append(CROSS_DOCUMENT_PACK)
        if chosen:  # a selection replaces the packs; cross-document still adds FG008
            chosen = chosen + [CROSS_DOCUMENT_PACK]
    loaded.packs = packs  # every file's packs start from these (Config.packs_for)
    return Linting(loaded, catalog, RuleSets(catalog, loaded, chosen, skipped, loaded.origin))


def codes(values: Codes) -> List[str]:
    """Rule selectors from "TY,DT001" or a list of such strings."""
    if values is None:
        return []
    values = [values] if isinstance(values, str) else values
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def parse_date(value: AnyDate) -> Optional[datetime.date]:
    """A datetime.date, or YYYY-MM-DD (2024年2月29日 too); ValueError when it is not a real date."""
    if value is None or isinstance(value, datetime.date):
        return value
    parsed = parse_iso_or_chinese_date(str(value))
    if parsed is None:
        raise ValueError(f"{value!r} is not a real date (use YYYY-MM-DD)")
    return parsed


def common_folder(paths) -> Path:
    """Where the config search starts: the folder holding every linted path."""
    folders = [Path(p).resolve() if Path(p).is_dir() else Path(p).resolve().parent for p in paths]
    return Path(os.path.commonpath(folders)) if folders else Path.cwd()


def nothing_to_lint(skipped, where: str = "", ignored=None) -> str:
    """Why a run found no file to lint (in `where`), with the files it passed over by extension
    and the files and folders git ignores (`ignored`, a Discovery's)."""
    reasons = []
    if ignored:
        hidden = " and ".join(f"{ignored[kind]} {kind}(s)" for kind in ("file", "folder") if ignored[kind])
        reasons.append(f"{hidden} ignored by git (.gitignore; lint them anyway with --no-gitignore)")
    if skipped:
        kinds = ", ".join(f"{count} {suffix}" for suffix, count in sorted(skipped.items(), key=lambda item: (-item[1], item[0])))
        reasons.append(f"{sum(skipped.values())} file(s) skipped ({kinds}); reportlint reads .txt, .md, .docx and .pdf")
    message = f"no file to lint in {where}" if where else "no file to lint"
    return ": ".join([message, "; ".join(reasons)]) if reasons else message


def _setup_for_caller(config, select, ignore, date, start) -> Linting:
    try:
        return setup(config, select=select, ignore=ignore, date=parse_date(date), start=start)
    except InputError:
        raise
    except UserError as error:
        raise InputError(error.path, error.message, error.line) from None


def _check_errors(errors: str) -> None:
    if errors not in ("raise", "report"):
        raise ValueError(f"errors={errors!r}: give 'raise' or 'report'")


def _findings(results: List[FileResult], errors: str) -> List[Violation]:
    found = reported(results)
    failed = [v for v in found if v.rule == "RL001"]
    if failed and errors == "raise":
        first = next(r for r in results if r.error)
        line, reason = error_parts(first)
        raise InputError(first.path, reason, line, failed)
    return found
