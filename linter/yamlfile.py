"""Loading YAML (safe loader only) and validating it against a JSON Schema,
with errors that name the file and the line of the offending value."""

import functools
import hashlib
import json
from pathlib import Path
from typing import Optional, Set

from linter import usercache
from linter.errors import UserError

# PyYAML is imported only to parse a text the user cache does not hold (the
# first run, an edited file): a run whose packs and config were read before
# never imports it (about 11 ms).


@functools.lru_cache(maxsize=1)
def _safe_loader():
    """PyYAML's safe loader (its C parser when built with libyaml, several times
    faster) that leaves dates as strings: we parse them ourselves, so 2022-13-01
    is our clear error rather than a ValueError inside PyYAML."""
    import yaml

    class SafeLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        pass

    SafeLoader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return SafeLoader


def safe_load(text: str):
    import yaml

    return yaml.load(text, Loader=_safe_loader())


class LocatedData:
    """Data read from a file that can say on which line a value stands."""

    path: str
    data: object

    def line_of(self, data_path) -> Optional[int]:
        raise NotImplementedError

    def error(self, data_path, message) -> UserError:
        return UserError(self.path, message, self.line_of(list(data_path)))

    def validate(self, schema, data=None, base_path=(), as_read=False):
        """Raise a UserError for the first schema violation, at its line. `as_read`:
        the data is the file's value at base_path as parsed, not changed since."""
        error = schema_error(schema, self.data if data is None else data, self._read_key(base_path) if as_read else None)
        if error is not None:
            where = "/".join(str(p) for p in list(base_path) + list(error.absolute_path))
            raise self.error(list(base_path) + list(error.absolute_path), f"{where or 'top level'}: {error.message}")

    def _read_key(self, base_path) -> Optional[str]:
        """What stands for the data at base_path when it is as parsed (None: digest the data)."""
        return None


def schema_error(schema, data, read_key: Optional[str] = None):
    """The most relevant jsonschema error of `data`, or None when it is valid.
    `read_key` stands for the data when it is a function of it (see YamlFile._read_key)."""
    digest = _digest(schema, data) if read_key is None else _key_digest(schema, read_key)
    if digest is not None and digest in _valid_digests():
        return None
    import jsonschema  # 0.1 s to import: only when something has not been validated before

    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        return jsonschema.exceptions.best_match(errors)
    if digest is not None:
        _remember_valid(digest)
    return None


# Validation is a pure function of the schema and the data, and the same rule
# packs and config are read on every run (every commit, with pre-commit); so the
# digests of what passed are remembered in the user cache and a run validates
# (and imports jsonschema) only what it has not seen. Failures are never stored.
_VALID_FILE = "valid-yaml.txt"
_valid: Optional[Set[str]] = None


def _digest(schema, data) -> Optional[str]:
    def refuse(value):
        raise TypeError(value)  # a YAML set or binary: no JSON form that could not collide, so always validate

    try:
        dumped = json.dumps(data, sort_keys=True, ensure_ascii=False, default=refuse)
    except (TypeError, ValueError):
        return None
    return hashlib.sha256(f"{_schema_digest(schema)}\0{dumped}".encode("utf-8")).hexdigest()[:40]


def _key_digest(schema, read_key: str) -> str:
    return hashlib.sha256(f"{_schema_digest(schema)}\0read\0{read_key}".encode("utf-8")).hexdigest()[:40]


_schema_digests = {}  # id(schema) -> (schema, the digest of its JSON)


def _schema_digest(schema) -> str:
    """A schema's digest, worked out once: the same schema objects validate every rule of a pack."""
    known = _schema_digests.get(id(schema))
    if known is None or known[0] is not schema:
        text = json.dumps(schema, sort_keys=True, ensure_ascii=False)
        known = _schema_digests[id(schema)] = (schema, hashlib.sha256(text.encode("utf-8")).hexdigest())
    return known[1]


# The file grows by a line for each new text validated (an edited config, a new
# version's packs); past this many lines only the newest half is kept.
_VALID_KEPT = 4096


def _valid_digests() -> Set[str]:
    global _valid
    if _valid is None:
        path = usercache.folder() / _VALID_FILE
        try:
            lines = path.read_text(encoding="ascii").split()
        except (OSError, UnicodeDecodeError):
            lines = []
        if len(lines) > _VALID_KEPT:
            lines = lines[-_VALID_KEPT // 2:]
            usercache.write_file(path, "".join(line + "\n" for line in lines).encode("ascii"))
        _valid = set(lines)
    return _valid


def _remember_valid(digest: str) -> None:
    _valid_digests().add(digest)
    try:
        usercache.folder().mkdir(parents=True, exist_ok=True)
        with open(usercache.folder() / _VALID_FILE, "a", encoding="ascii") as handle:
            handle.write(digest + "\n")
    except OSError:
        pass  # a read-only home only costs speed


class YamlFile(LocatedData):
    """Parsed YAML data and the line of every value in it (by data path)."""

    def __init__(self, path, text: str):
        self.path = str(path)
        self.digest = _text_digest(text)
        self.data, self.lines = _parse(self.path, text, self.digest)

    @classmethod
    def read(cls, path) -> "YamlFile":
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise UserError(path, "no such file")
        except (OSError, UnicodeDecodeError) as error:
            raise UserError(path, f"cannot read file: {error}")
        return cls(path, text)

    def _read_key(self, base_path) -> str:
        # Parsed data is a function of the text and of PyYAML: validating a rule pack
        # digests its text once instead of dumping every rule to JSON (a fifth of
        # loading the catalog).
        return f"{_yaml_key()}\0{self.digest}\0{json.dumps(list(base_path), ensure_ascii=False)}"

    def line_of(self, data_path) -> int:
        """1-based line of the value at `data_path` (keys and indexes), or of its nearest parent."""
        path = tuple(data_path)
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)


def _text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:40]


def _parse(path: str, text: str, digest: str):
    """(data, {data path: line}) of a YAML text (`digest`: its _text_digest), from the
    user cache when this text was parsed before: the shipped rule packs are read on
    every run, and PyYAML builds their 110 KB in about 20 ms, the cached JSON in about 3."""
    cached = _parsed().get(digest)
    try:
        return cached["data"], {tuple(where): line for where, line in cached["lines"]}
    except (KeyError, TypeError, ValueError):
        pass  # not there, or not what was written: parse the text
    import yaml

    loader = _safe_loader()(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        raise UserError(path, f"invalid YAML: {problem}", mark.line + 1 if mark else None)
    finally:
        loader.dispose()
    lines = dict(_node_lines(yaml.nodes, root, ())) if root is not None else {}
    _remember_parsed(digest, data, lines)
    return data, lines


def _node_lines(nodes, node, path):
    """(data path, 1-based line) of a node and of every node below it (`nodes`: yaml.nodes)."""
    yield path, node.start_mark.line + 1
    if isinstance(node, nodes.MappingNode):
        for key, value in node.value:
            if isinstance(key, nodes.ScalarNode):
                yield from _node_lines(nodes, value, path + (key.value,))
    elif isinstance(node, nodes.SequenceNode):
        for index, value in enumerate(node.value):
            yield from _node_lines(nodes, value, path + (index,))


# Parsed YAML in the user cache: one JSON file of the most recent texts, keyed by
# their digest (and the file by the installed PyYAML's content). Only data
# that JSON gives back unchanged is stored (no integer keys, sets or binary).
_PARSED_KIND, _PARSED_KEPT = "parsed-yaml", 64
_parsed_texts: Optional[dict] = None


@functools.lru_cache(maxsize=1)
def _yaml_key() -> str:
    """The installed PyYAML, without importing it: its __init__'s content."""
    import importlib.util

    try:
        return usercache.content_key(Path(importlib.util.find_spec("yaml").origin))
    except (AttributeError, ImportError, OSError):
        return "unknown"


def _parsed() -> dict:
    global _parsed_texts
    if _parsed_texts is None:
        try:
            _parsed_texts = json.loads(usercache.entry(_PARSED_KIND, _yaml_key(), ".json").read_text("utf-8"))
            if not isinstance(_parsed_texts, dict):
                _parsed_texts = {}
        except (OSError, ValueError):
            _parsed_texts = {}
    return _parsed_texts


def _remember_parsed(digest: str, data, lines: dict) -> None:
    entry = {"data": data, "lines": [[list(where), line] for where, line in lines.items()]}
    try:
        dumped = json.dumps(entry, ensure_ascii=False)
        if json.loads(dumped) != entry:
            return
    except (TypeError, ValueError):
        return
    parsed = _parsed()
    parsed[digest] = json.loads(dumped)
    for old in list(parsed)[:-_PARSED_KEPT]:
        del parsed[old]
    usercache.write(_PARSED_KIND, _yaml_key(), ".json", json.dumps(parsed, ensure_ascii=False).encode("utf-8"))
