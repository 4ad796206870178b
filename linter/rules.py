"""Rule files: loading packs (shipped and the user's), validating them against
the JSON Schema, and choosing the rules a run uses (packs, select, ignore)."""

import datetime
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from linter import resources
from linter.document import Document, parse_iso_or_chinese_date
from linter.errors import UserError
from linter.factsheet import FactSheet, factsheet_from_data
from linter.edits import FixSpec
from linter.rule_types import TYPES, RuleType, TimedRegex, compile_regex, compiled_regex
from linter.yamlfile import YamlFile

SEVERITIES = ("info", "warning", "error")  # ascending
CATEGORIES = ("dates", "figures", "names", "sections", "terminology", "typography", "spelling", "suppressions")
# Pack names the code relies on (the document-type packs are named in extract/metadata.py).
DEFAULT_PACK = "default"  # the rules safe on any document; a run without config runs it
CROSS_DOCUMENT_PACK = "cross-document"  # comparisons across the files of a run (--cross-document)
DEFAULT_PACKS = (DEFAULT_PACK,)


@dataclass(frozen=True)
class Example:
    text: str
    date: Optional[datetime.date] = None
    reader: str = "text"  # the text-based format it is read as (markdown: true in the rule file)
    facts_data: Optional[dict] = None  # a fact sheet for this example (people, organisations), as written
    earlier: Tuple[str, ...] = ()  # documents linted before this one in the same run (cross-document rules)

    @functools.cached_property
    def facts(self) -> Optional[FactSheet]:
        """The example's fact sheet, built when the example is run (a lint run never does)."""
        return factsheet_from_data(self.facts_data) if self.facts_data is not None else None

    def document(self) -> Document:
        return Document(self.text, "<example>", self.reader, self.date, self.facts)

    def earlier_documents(self) -> List[Document]:
        return [Document(text, f"<earlier example {i + 1}>", self.reader, None, self.facts) for i, text in enumerate(self.earlier)]


@dataclass
class Rule:
    id: str
    category: str
    severity: str
    message: str
    description: str
    pack: str
    checker: RuleType
    when: Optional[TimedRegex] = None
    from_date: Optional[datetime.date] = None
    until_date: Optional[datetime.date] = None
    bad_examples: List[Example] = field(default_factory=list)
    good_examples: List[Example] = field(default_factory=list)
    source: str = ""  # file:line where the rule is defined
    fix: Optional[FixSpec] = None

    @property
    def summary(self) -> str:
        """The description's first sentence (or the message)."""
        text = flowed(self.description.split("\n\n")[0]) or self.message
        end = text.find("。")
        return text[: end + 1] if end > 0 else text

    def applies_to(self, doc: Document) -> bool:
        if self.from_date or self.until_date:
            date = doc.metadata.date
            # Without a publication date a date-bound rule cannot be sure: stay silent.
            if date is None:
                return False
            if self.from_date and date < self.from_date:
                return False
            if self.until_date and date > self.until_date:
                return False
        return self.when is None or self.when.search(doc.text) is not None


@dataclass
class Catalog:
    """Every known rule, and which rules each pack enables (with its includes)."""

    rules: Dict[str, Rule] = field(default_factory=dict)
    packs: Dict[str, List[str]] = field(default_factory=dict)  # pack -> own rule ids
    includes: Dict[str, List[str]] = field(default_factory=dict)
    user_packs: List[str] = field(default_factory=list)
    opt_in: set = field(default_factory=set)  # packs whose rules a category or prefix does not select
    descriptions: Dict[str, str] = field(default_factory=dict)  # pack -> its rule file's description

    def pack_rules(self, pack: str, _seen=None) -> List[str]:
        seen = _seen if _seen is not None else set()
        if pack in seen:
            return []
        seen.add(pack)
        ids = list(self.packs.get(pack, []))
        for included in self.includes.get(pack, []):
            ids += self.pack_rules(included, seen)
        return ids

    def matches(self, rule: Rule, selector: str) -> bool:
        return (
            rule.id.startswith(selector)
            or selector == rule.category
            or (selector in self.packs and rule.id in self.pack_rules(selector))
        )

    def _selects(self, rule: Rule, selector: str) -> bool:
        """Whether `--select selector` runs the rule: an opt-in pack's rule only by its id or pack."""
        if rule.pack in self.opt_in:
            return selector in (rule.id, rule.pack)
        return self.matches(rule, selector)

    def select(self, packs: Sequence[str], select: Sequence[str] = (), ignore: Sequence[str] = (), origin="") -> List[Rule]:
        """Rules of the given packs (and every user rule file), or those matching `select`, minus `ignore`."""
        for name in list(packs):
            if name not in self.packs:
                raise UserError(origin or "config", f"unknown pack {name!r}; known packs: {', '.join(sorted(self.packs))}")
        for selector in list(select) + list(ignore):
            if not any(self.matches(rule, selector) for rule in self.rules.values()):
                raise UserError(origin or "config", f"unknown rule, category or pack {selector!r} (see `reportlint rules`)")
        if select:
            chosen = [r for r in self.rules.values() if any(self._selects(r, s) for s in select)]
        else:
            ids = {i for name in list(packs) + self.user_packs for i in self.pack_rules(name)}
            chosen = [r for r in self.rules.values() if r.id in ids]
        return sorted((r for r in chosen if not any(self.matches(r, s) for s in ignore)), key=lambda r: r.id)


class RuleSets:
    """The rules each document of a run is linted with: the packs the config
    gives for its path and front matter `type:` (Config.packs_for), with select
    and ignore applied. Each distinct set of packs is resolved once per run.
    A plain list of rules (`RuleSets.fixed`) lints every document alike."""

    def __init__(self, catalog: Optional[Catalog], config=None, select: Sequence[str] = (), ignore: Sequence[str] = (), origin=""):
        self.catalog, self.config = catalog, config
        self.select, self.ignore = list(select), list(ignore)
        self._chosen: Dict[tuple, List[Rule]] = {}
        if catalog is not None:
            # Check every pack and selector now, so a mistake stops the run before any file is read.
            self.base = catalog.select(config.packs, self.select, self.ignore, origin)
            for override in config.overrides:
                catalog.select(override.packs, (), (), origin)
            self._chosen[tuple(config.packs)] = self.base

    @classmethod
    def fixed(cls, rules: Sequence[Rule]) -> "RuleSets":
        sets = cls(None)
        sets.base = list(rules)
        return sets

    def for_document(self, doc: Document) -> List[Rule]:
        if self.catalog is None or self.select:  # --select replaces every pack choice
            return self.base
        packs = tuple(self.config.packs_for(doc.path, doc.metadata.pack_type, self.catalog.packs))
        if packs not in self._chosen:
            self._chosen[packs] = self.catalog.select(packs, (), self.ignore)
        return self._chosen[packs]

    def possible(self) -> List[Rule]:
        """Every rule some document of the run may be linted with (for the cache fingerprint)."""
        if self.catalog is None or self.select:
            return self.base
        return self.catalog.select(list(self.catalog.packs), (), self.ignore)

    def known_ids(self) -> frozenset:
        """Every rule id there is: what a suppression comment may name."""
        if not hasattr(self, "_known"):
            self._known = frozenset(self.catalog.rules if self.catalog is not None else (r.id for r in self.base))
        return self._known

    def with_reported(self, rule_ids) -> List[Rule]:
        """The base rules and those of the given findings (for formatters that describe rules)."""
        extra = {i for i in rule_ids if i not in {r.id for r in self.base}}
        return self.base + [self.catalog.rules[i] for i in sorted(extra) if self.catalog and i in self.catalog.rules]


def shipped_pack_files() -> List[Path]:
    return sorted(resources.folder("linter.packs").glob("*.yaml"), key=lambda p: p.name)


def load_catalog(user_rule_files: Sequence[Path] = ()) -> Catalog:
    catalog = Catalog()
    for path in shipped_pack_files():
        _load_rule_file(catalog, path, expected_pack=path.stem)
    for path in user_rule_files:
        catalog.user_packs.append(_load_rule_file(catalog, Path(path)))
    for pack, included in catalog.includes.items():
        for name in included:
            if name not in catalog.packs:
                raise UserError(pack, f"includes unknown pack {name!r}")
    return catalog


def _load_rule_file(catalog: Catalog, path: Path, expected_pack: Optional[str] = None) -> str:
    yaml_file = YamlFile.read(path)
    yaml_file.validate(_file_schema(), as_read=True)
    data = yaml_file.data
    pack = data.get("pack", path.stem)
    if expected_pack and pack != expected_pack:
        raise yaml_file.error(["pack"], f"shipped pack {pack!r} must be in a file named {pack}.yaml")
    if pack in catalog.packs:
        raise yaml_file.error(["pack"], f"pack {pack!r} is defined twice")
    catalog.packs[pack] = []
    catalog.descriptions[pack] = data.get("description", "")
    catalog.includes[pack] = list(data.get("include", []))
    if data.get("opt-in"):
        catalog.opt_in.add(pack)
    for index, spec in enumerate(data["rules"]):
        rule = _build_rule(yaml_file, ["rules", index], spec, pack, shipped=expected_pack is not None)
        if rule.id in catalog.rules:
            raise yaml_file.error(["rules", index, "id"], f"rule id {rule.id} is already defined at {catalog.rules[rule.id].source}")
        catalog.rules[rule.id] = rule
        catalog.packs[pack].append(rule.id)
    return pack


def _build_rule(yaml_file: YamlFile, where: list, spec: dict, pack: str, shipped: bool = False) -> Rule:
    def unknown_type():
        return yaml_file.error(where + ["type"], f"unknown rule type {spec['type']!r}; known types: {', '.join(sorted(TYPES))}")

    if spec["type"] not in TYPES:
        raise unknown_type()

    def error(key, message):
        return yaml_file.error(where + [key], f"rule {spec['id']}: {message}")

    source = f"{yaml_file.path}:{yaml_file.line_of(where)}"
    if shipped:
        checker, when = _ShippedChecker(yaml_file, where, spec, source), _LazyRegex(spec["when"]) if "when" in spec else None
    else:
        rule_type = TYPES.get(spec["type"])
        if rule_type is None:  # a module here without its type: a bug, but the user's file names the type
            raise unknown_type()
        _check_options(yaml_file, where, spec, rule_type)
        checker = rule_type(spec, error)
        when = compile_regex(spec["when"], error, "when") if "when" in spec else None
    return Rule(
        id=spec["id"],
        category=spec["category"],
        severity=spec["severity"],
        message=spec["message"],
        description=spec.get("description", ""),
        pack=pack,
        checker=checker,
        when=when,
        from_date=_date_option(spec, "from_date", error),
        until_date=_date_option(spec, "until_date", error),
        bad_examples=[_example(e, error, shipped) for e in spec["examples"]["bad"]],
        good_examples=[_example(e, error, shipped) for e in spec["examples"]["good"]],
        source=source,
        fix=FixSpec(spec["fix"], error) if "fix" in spec else None,
    )


def _check_options(yaml_file: YamlFile, where: list, spec: dict, rule_type) -> None:
    """What a rule's spec must be for its type: the type's options (its schema), the
    fields its message names, and a fix without `replace` only where the type gives `expected`."""
    yaml_file.validate(_rule_schema(rule_type), spec, where, as_read=True)
    _check_placeholders(spec, rule_type, lambda message: yaml_file.error(where + ["message"], f"rule {spec['id']}: {message}"))
    fix = spec.get("fix", {})
    if fix and "replace" not in fix and "translate" not in fix and not rule_type.gives_expected:
        raise yaml_file.error(where + ["fix"], f"rule {spec['id']}: this rule type computes no `expected` value: "
                                               "give `replace` (a template) or `translate`")


# A run loads every shipped pack but uses few of them, and importing the rule
# types and compiling their regular expressions is most of the start-up time: a
# shipped rule's type is imported, its options checked against it, and its
# checker and `when` built at first use. (The test suite builds every shipped
# rule; a user's rule file is built at load, so its mistakes stop the run at once.)


class _ShippedChecker:
    """A shipped rule's RuleType, built when first used."""

    def __init__(self, yaml_file: YamlFile, where: list, spec: dict, source: str):
        self._file, self._where, self._spec, self._source, self._built = yaml_file, where, spec, source, None
        self.name = spec["type"]

    @property
    def _type(self):
        return TYPES[self.name]

    @property
    def compares_documents(self) -> bool:
        # A type without check_run never compares; one with it may depend on the rule's options.
        return self._type.check_run is not RuleType.check_run and self.built().compares_documents

    def built(self) -> RuleType:
        if self._built is None:
            def error(key, message):
                return UserError(self._source, f"rule {self._spec['id']}: {key}: {message}")

            _check_options(self._file, self._where, self._spec, self._type)
            self._built = self._type(self._spec, error)
        return self._built

    def check(self, doc):
        return self.built().check(doc)

    def check_run(self, docs):
        return self.built().check_run(docs)

    def check_comments(self, doc, known_codes, rules):
        return self.built().check_comments(doc, known_codes, rules)


class _LazyRegex:
    """A shipped rule's `when`, compiled at its first search."""

    def __init__(self, pattern: str):
        self.pattern, self._compiled = pattern, None

    def search(self, text, start=0, end=None):
        if self._compiled is None:
            self._compiled = TimedRegex(compiled_regex(self.pattern))
        return self._compiled.search(text, start, end)


def _check_placeholders(spec: dict, rule_type, error) -> None:
    """A message may name only the fields its rule type fills in ({0} is the found text):
    a misspelt {expeted} would print as typed."""
    import string

    try:
        names = {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(spec["message"]) if name}
    except ValueError as exc:
        raise error(f"message is not a valid template ({exc})")
    known = set(rule_type.fields) | {"0"}
    if names - known:
        known = set(rule_type.message_fields(spec)) | {"0"}
    unknown = sorted(names - known)
    if unknown:
        raise error(f"message names {{{unknown[0]}}}, which type {spec['type']} does not fill in (it fills in: "
                    + ", ".join("{" + name + "}" for name in sorted(known - {"0"})) + ")")


def _date_option(spec, key, error) -> Optional[datetime.date]:
    value = spec.get(key)
    if value is None:
        return None
    date = parse_iso_or_chinese_date(str(value))
    if date is None:
        raise error(key, f"{value!r} is not a date (use YYYY-MM-DD)")
    return date


def _example(item, error, shipped: bool) -> Example:
    if isinstance(item, str):
        return Example(item)
    reader = "markdown" if item.get("markdown") else "text"
    example = Example(item["text"], _date_option(item, "date", error), reader, item.get("facts"), tuple(item.get("earlier", ())))
    if not shipped:  # a user's example fact sheet is checked when the rule file loads (the tests check the shipped ones)
        try:
            example.facts
        except UserError as exc:
            raise error("examples", f"example fact sheet: {exc.message}")
    return example


_schemas: Dict[str, dict] = {}


def _file_schema() -> dict:
    if "file" not in _schemas:
        _schemas["file"] = resources.schema("rule-file.schema.json")
    return _schemas["file"]


@functools.lru_cache(maxsize=None)
def _rule_schema(rule_type) -> dict:
    """The shared rule schema closed over the type's own options."""
    base = _file_schema()["definitions"]["rule"]
    return {
        "definitions": _file_schema()["definitions"],
        "type": "object",
        "properties": {**base["properties"], **rule_type.schema["properties"]},
        "required": base["required"] + rule_type.schema.get("required", []),
        "additionalProperties": False,
    }


def flowed(text: str) -> str:
    """Lines of a wrapped text joined: no space where a line break fell between two
    Chinese characters or marks (YAML folds wrapped lines with spaces)."""
    joined = " ".join(line.strip() for line in text.strip().splitlines())
    return compiled_regex(_SPACE_IN_CHINESE).sub("", joined)


_SPACE_IN_CHINESE = r"(?<=[\p{Han}\u3000-\u303f\uff00-\uffef“”‘’—…]) +(?=[\p{Han}\u3000-\u303f\uff00-\uffef“”‘’—…])"  # compiled at first use


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)
