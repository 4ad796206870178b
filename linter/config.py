"""Configuration: `.reportlint.yaml` (or `[tool.reportlint]` in pyproject.toml)
found in the current directory or a parent, or given with --config."""

import codecs
import datetime
import fnmatch
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from linter import knowledge, resources, usercache
from linter.document import DEFAULT_MAX_MB, parse_iso_or_chinese_date
from linter.extract.metadata import document_types
from linter.errors import UserError
from linter.rules import DEFAULT_PACKS
from linter.yamlfile import LocatedData, YamlFile

CONFIG_NAMES = (".reportlint.yaml", ".reportlint.yml")
CACHE_FOLDER = ".reportlint_cache"


@dataclass(frozen=True)
class Override:
    """`overrides:` entry: files matching any glob also run these packs."""

    files: Tuple[str, ...]
    packs: Tuple[str, ...]


@dataclass
class Config:
    path: Optional[Path] = None
    root: Path = field(default_factory=Path.cwd)  # relative paths in the config resolve here
    packs: List[str] = field(default_factory=lambda: list(DEFAULT_PACKS))
    rule_files: List[Path] = field(default_factory=list)
    select: List[str] = field(default_factory=list)
    ignore: List[str] = field(default_factory=list)
    per_file_ignores: Dict[str, List[str]] = field(default_factory=dict)
    overrides: List[Override] = field(default_factory=list)
    exclude: List[str] = field(default_factory=list)
    date: Optional[datetime.date] = None
    facts: Optional[Path] = None
    fail_on: str = "warning"
    max_file_mb: float = DEFAULT_MAX_MB
    cross_document: bool = False  # run the cross-document pack (figures compared across files)
    encoding: Dict[str, str] = field(default_factory=dict)  # glob -> codec, for files whose encoding cannot be told
    knowledge: dict = field(default_factory=dict)  # additions to linter/data/knowledge.yaml (titles, units …)
    words: List[str] = field(default_factory=list)  # words jieba lacks, for the word checks ("词 [频率] [词性]")

    @property
    def origin(self) -> str:
        return str(self.path) if self.path else "command line"

    @property
    def cache_folder(self) -> Path:
        """The result cache: beside the config file, else in the user cache (never in
        whatever folder the command happened to run from)."""
        return self.root / CACHE_FOLDER if self.path else usercache.folder() / "results"

    def options_for(self, path: str) -> dict:
        """What a reader is told about a file: the `encoding` its glob names, if any."""
        if not self.encoding:
            return {}  # without resolving the path (two resolve() calls per file)
        relative = relative_path(Path(path), self.root)
        codec = next((codec for pattern, codec in self.encoding.items() if glob_match(relative, pattern)), None)
        return {"encoding": codec} if codec else {}

    def packs_for(self, path: str, doc_type: Optional[str] = None, known: Sequence[str] = ()) -> List[str]:
        """The packs a file runs: `packs`, plus those of every override whose glob
        matches it, plus the pack its front matter `type:` names (when `known`)."""
        relative = relative_path(Path(path), self.root)
        packs = list(self.packs)
        for override in self.overrides:
            if any(glob_match(relative, pattern) for pattern in override.files):
                packs += [p for p in override.packs if p not in packs]
        doc_type = document_types().get(doc_type, doc_type)
        if doc_type and doc_type in known and doc_type not in packs:
            packs.append(doc_type)
        return packs

    def ignored_for(self, path: str) -> List[str]:
        """Codes that per-file-ignores switches off for this file."""
        if not self.per_file_ignores:
            return []
        relative = relative_path(Path(path), self.root)
        return [code for pattern, codes in self.per_file_ignores.items() if glob_match(relative, pattern) for code in codes]


def glob_match(relative_path: str, pattern: str) -> bool:
    """fnmatch on the relative path or the file name; `**/x` also matches `x` at the top."""
    candidates = (relative_path, relative_path.rsplit("/", 1)[-1])
    patterns = (pattern, pattern[3:]) if pattern.startswith("**/") else (pattern,)
    return any(fnmatch.fnmatch(c, p) for c in candidates for p in patterns)


def relative_path(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def find_config(start: Path) -> Optional[Path]:
    for folder in [start, *start.parents]:
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _read_pyproject(pyproject) is not None:
            return pyproject
    return None


def load_config(explicit: Optional[Path] = None, start: Optional[Path] = None) -> Config:
    path = explicit or find_config((start or Path.cwd()).resolve())
    if path is None:
        return Config()
    if path.name == "pyproject.toml":
        source = PyprojectTable(path)
    else:
        source = YamlFile.read(path)
    data = source.data if source.data is not None else {}
    source.data = data
    source.validate(_config_schema())
    root = path.parent
    config = Config(
        path=path,
        root=root,
        packs=list(data.get("packs", DEFAULT_PACKS)),
        rule_files=[root / p for p in data.get("rules", [])],
        select=list(data.get("select", [])),
        ignore=list(data.get("ignore", [])),
        per_file_ignores=dict(data.get("per-file-ignores", {})),
        overrides=[_override(o) for o in data.get("overrides", [])],
        exclude=list(data.get("exclude", [])),
        fail_on=data.get("fail-on", "warning"),
        facts=root / data["facts"] if "facts" in data else None,
        max_file_mb=data.get("max-file-mb", DEFAULT_MAX_MB),
        cross_document=data.get("cross-document", False),
        encoding=dict(data.get("encoding", {})),
        words=list(data.get("words", [])),
        knowledge=dict(data.get("knowledge", {})),
    )
    if config.knowledge:
        source.validate(knowledge.schema(), config.knowledge, ["knowledge"])
    for pattern, codec in config.encoding.items():
        try:
            codecs.lookup(codec)
        except LookupError:
            raise source.error(["encoding", pattern], f"unknown encoding {codec!r} (use a name such as gb18030, big5, utf-16)")
    if "date" in data:
        config.date = parse_iso_or_chinese_date(str(data["date"]))
        if config.date is None:
            raise source.error(["date"], f"date {data['date']!r} is not a real date (use YYYY-MM-DD)")
    return config


def _override(data: dict) -> Override:
    files = data["files"]
    return Override(tuple([files] if isinstance(files, str) else files), tuple(data["packs"]))


class PyprojectTable(LocatedData):
    """`[tool.reportlint]` in pyproject.toml; a key's line is found by its name."""

    def __init__(self, path: Path):
        self.path = str(path)
        self.data = _read_pyproject(path)
        if self.data is None:
            raise UserError(path, "has no [tool.reportlint] table")
        self.lines = path.read_text(encoding="utf-8").splitlines()

    def line_of(self, data_path) -> Optional[int]:
        header = next((i for i, line in enumerate(self.lines) if line.strip() == "[tool.reportlint]"), None)
        if header is None:
            return None
        if data_path:
            key = re.compile(rf"""\s*["']?{re.escape(str(data_path[0]))}["']?\s*=""")
            for number in range(header + 1, len(self.lines)):
                if self.lines[number].lstrip().startswith("["):
                    break
                if key.match(self.lines[number]):
                    return number + 1
        return header + 1


def _read_pyproject(path: Path):
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as error:
        raise UserError(path, f"cannot read: {error}")
    # Most pyproject.toml files configure other tools only: one that never names
    # reportlint (not even through a quoted key's escapes) has no [tool.reportlint]
    # table and is not parsed (importing tomllib and parsing: 1% of a one-file run).
    if b"reportlint" not in raw and b"\\u" not in raw and b"\\U" not in raw:
        return None
    # A project that uses reportlint names it in its pyproject.toml (a dependency)
    # whether or not it configures it there: the table read from each text is
    # remembered in the user cache, and a run neither imports tomllib nor parses
    # (1.5 % of a one-file run). Only what JSON gives back unchanged is kept.
    import hashlib

    key = f"{sys.version_info[0]}.{sys.version_info[1]}-{hashlib.sha256(raw).hexdigest()[:40]}"
    cached = usercache.entry("pyproject", key, ".json")
    try:
        return json.loads(cached.read_text("utf-8"))["tool.reportlint"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    try:
        import tomllib
    except ImportError:  # Python < 3.11
        import tomli as tomllib
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise UserError(path, f"cannot read: {error}")
    table = data.get("tool", {}).get("reportlint")
    try:
        dumped = json.dumps({"tool.reportlint": table}, ensure_ascii=False)
        if json.loads(dumped) == {"tool.reportlint": table}:
            usercache.write("pyproject", key, ".json", dumped.encode("utf-8"))
    except (TypeError, ValueError):
        pass
    return table


def _config_schema() -> dict:
    return resources.schema("config.schema.json")


STARTER_CONFIG = """\
# reportlint configuration. Every key is optional; delete what you do not need.
# Full reference: README.md, section "Configuration".

# Shipped rule packs to run (see `reportlint rules`).
packs:
  - default

# Extra rule files of your own (same format as the shipped packs).
# rules:
#   - rules/our-terms.yaml

# Rule ids, id prefixes, categories or pack names to skip, or to run exclusively.
# ignore: [TY]
# select: [dates, TM001]

# Document-type packs for some files (added to `packs`; globs are relative to
# this file). A Markdown file's front matter `type: newsletter` does the same.
# overrides:
#   - files: "院报/**"
#     packs: [newsletter]

# Codes to skip in some files (globs are relative to this file).
# per-file-ignores:
#   "archive/**": [TM001]

# Files and folders not to lint.
# exclude:
#   - "drafts/**"

# Fact sheet: the organisation's canonical figures, people and names.
# facts: facts.yaml

# Publication date for documents whose front matter and masthead do not give one.
# date: 2024-02-29

# Files larger than this many megabytes are skipped with a message.
# max-file-mb: 20

# Lowest severity that makes the exit status 1: error, warning (default) or info.
# fail-on: warning

# Compare figures across the files of a run (FG008), like --cross-document.
# cross-document: true

# The encoding of files whose encoding cannot be told from their bytes (globs
# are relative to this file); others are detected: UTF-8/16/32, GB18030, Big5.
# encoding:
#   "旧稿/**": big5

# Additions to the knowledge the rules use (linter/data/knowledge.yaml): titles
# before names, surnames, document-type names, units, qualifiers.
# knowledge:
#   names: {titles: [质控科科长, 督导员]}
#   document-types: {names: {医讯: newsletter}}
#   figures: {counting-units: [人份]}

# Words jieba's dictionary lacks (local names, department jargon), for the word
# checks such as TY010 (doubled characters): "词 [频率] [词性]" as in jieba.
# words: [荆荆高铁 ns, 带教 v]
"""
