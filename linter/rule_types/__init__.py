"""Rule types: the Python side of rules. A rule file names a type and gives its
options; the type's class compiles the options and finds hits in a document.

Adding a type means adding one module here, named after the type (type
`heading-levels`: heading_levels.py), with a `RuleType` subclass (its `name`,
the `fields` its hits carry, its options `schema`, `check()`); the registry
finds it, and imports it only when a rule of the type is used.
"""

import bisect
import os
import string
from collections.abc import Mapping
from typing import Callable, Iterator, NamedTuple, Tuple


class Hit(NamedTuple):
    """A place a rule fires: offsets into the document text and the values its message shows."""

    start: int
    end: int
    fields: dict


# A hit standing for several (a pattern rule that reports only the first match of
# a line) lists the others under this field, so that its fix covers them all.
SAME_LINE = "same_line"
# A hit about a suppression comment names the comment's code (its index in
# doc.suppressions.codes) under this field: that code does not suppress it.
ABOUT_CODE = "code_index"


class RuleType:
    name = ""
    # The fields its hits carry, which a rule's message may name ({found}, {expected} …).
    fields = frozenset({"found"})
    # JSON Schema (properties and required keys) for the options this type adds to a rule.
    schema: dict = {"properties": {}, "required": []}
    # Whether hits carry an `expected` value that can replace the finding, so a
    # rule's `fix:` may leave out its `replace` template.
    gives_expected = True

    @classmethod
    def message_fields(cls, options: dict) -> frozenset:
        """The fields a rule with these options may name in its message."""
        return cls.fields

    def __init__(self, options: dict, error: Callable[[str, str], Exception]):
        """`options` is the rule's mapping; `error(key, message)` builds an error at that key's line."""
        self.options = options

    def check(self, doc) -> Iterator[Hit]:
        """Hits in one document."""
        return iter(())

    def check_run(self, docs) -> Iterator[Tuple[object, Hit]]:
        """(document, hit) pairs found by comparing the documents of one run
        (cross-document checks); most types find nothing here."""
        return iter(())

    @property
    def compares_documents(self) -> bool:
        """Whether this type has a cross-document check (the run then keeps every document)."""
        return type(self).check_run is not RuleType.check_run


class _Fields(dict):
    def __missing__(self, key):
        return "{" + key + "}"


class _Formatter(string.Formatter):
    """str.format that leaves unknown placeholders as they are instead of raising."""

    def get_value(self, key, args, kwargs):
        if isinstance(key, int):
            return args[key] if key < len(args) else "{" + str(key) + "}"
        return kwargs[key]


def render_message(template: str, fields: dict) -> str:
    """A rule's message (or fix) template filled in with a hit's fields: {found}, {0}, {1} … the
    groups, {name} a field; a placeholder the hit lacks is left as written."""
    groups = fields.get("groups") or ()
    positional = [fields.get("found", "")] + [g or "" for g in groups]
    try:
        return _Formatter().vformat(template, positional, _Fields(fields))
    except (ValueError, IndexError, KeyError, AttributeError):
        return template


# Seconds a search of a rule's regex may take per REGEX_TIMEOUT_CHARS characters it
# searches (and at least that). Rule files come from users; a catastrophically
# backtracking pattern must not hang a pre-commit hook, so their regexes run on the
# `regex` engine, which can stop a search. The limit grows with the text: a linear
# pattern that reads every character of a 20 MB line must not be stopped for it.
REGEX_TIMEOUT = 2.0
REGEX_TIMEOUT_CHARS = 100_000


def regex_budget(length: int) -> float:
    """Seconds a search over `length` characters may take."""
    return REGEX_TIMEOUT * max(1.0, length / REGEX_TIMEOUT_CHARS)


class TimedRegex:
    """A compiled user regex whose searches raise TimeoutError after their regex_budget."""

    def __init__(self, compiled):
        self.compiled = compiled

    @property
    def pattern(self) -> str:
        return self.compiled.pattern

    def search(self, text, start=0, end=None):
        end = len(text) if end is None else end
        return self.compiled.search(text, start, end, timeout=regex_budget(end - start))

    def finditer(self, text):
        return self.compiled.finditer(text, timeout=regex_budget(len(text)))


def compile_regex(pattern: str, error, key: str) -> TimedRegex:
    import regex

    try:
        return TimedRegex(compiled_regex(pattern))
    except (regex.error, ValueError, OverflowError) as exc:
        raise error(key, f"invalid regular expression {pattern!r}: {exc}")


# Compiling the rules' patterns is about a tenth of a one-file run. A compiled
# `regex` pattern pickles as its compiled code, so the patterns compiled before
# are kept in the user cache (keyed on regex's version) and unpickled instead;
# the process that compiled new ones writes them back when it exits.
_patterns = None


def compiled_regex(pattern: str):
    """regex.compile(pattern), from the user cache when it was compiled before."""
    global _patterns
    import regex

    if _patterns is None:
        _patterns = _read_patterns()
    found = _patterns.get(pattern)
    if not isinstance(found, regex.Pattern) or found.pattern != pattern:  # new, or a corrupt entry
        found = _patterns[pattern] = regex.compile(pattern)
        _schedule_write()
    return found


def _patterns_key() -> str:
    import sys

    import regex

    return f"{regex.__version__}-{sys.version_info[0]}.{sys.version_info[1]}"


def _read_patterns() -> dict:
    from linter import patterns

    return patterns.read_cache("regex-patterns", _patterns_key())


_write_scheduled = False


def _schedule_write() -> None:
    global _write_scheduled
    if not _write_scheduled:
        import atexit

        atexit.register(_write_patterns)
        _write_scheduled = True


def write_new_patterns() -> None:
    """Write the patterns this process compiled, if any, now (a forked worker ends
    with os._exit, which runs no exit handlers)."""
    if _write_scheduled:
        _write_patterns()


def _write_patterns() -> None:
    from linter import patterns

    patterns.write_cache("regex-patterns", _patterns_key(), _patterns)


def word_boundaries(doc) -> "WordBoundaries":
    """Where jieba puts word boundaries in the document text (`offset in bounds`)."""
    return doc.memo("word_boundaries", lambda: WordBoundaries(doc), scratch=True)


# jieba segments each run of these characters alone (its re_han_default) and makes
# every other character (a mark, a space, a line break) a token of its own.
_JIEBA_BLOCK = "\u4E00-\u9FD5a-zA-Z0-9+#&._%\\-"


class WordBoundaries:
    """Word boundaries, found by segmenting only the run of jieba's block characters
    (Chinese, letters, digits) around each offset asked about: jieba segments each
    such run alone, so it is cut exactly as inside its document, and neither a
    document with one term to check nor a 20 MB line is segmented whole."""

    def __init__(self, doc):
        import regex

        self.doc = doc
        self.blocks = {}  # start of a segmented run -> (its end, its boundaries)
        self.starts = []  # those starts, sorted: an offset of a long run already segmented is found by bisection
        self._in_block = regex.compile(f"[{_JIEBA_BLOCK}]")
        self._last_outside = regex.compile(f"(?r)[^{_JIEBA_BLOCK}]")  # searched backwards
        self._next_outside = regex.compile(f"[^{_JIEBA_BLOCK}]")

    def __contains__(self, offset: int) -> bool:
        text = self.doc.text
        if offset <= 0 or offset >= len(text) or not (self._in_block.match(text, offset - 1) and self._in_block.match(text, offset)):
            return True  # the text's ends and either side of a character outside the runs
        index = bisect.bisect_right(self.starts, offset) - 1
        if index >= 0 and offset < self.blocks[self.starts[index]][0]:
            return offset in self.blocks[self.starts[index]][1]
        before = self._last_outside.search(text, 0, offset)
        after = self._next_outside.search(text, offset)
        start, end = before.end() if before else 0, after.start() if after else len(text)
        from linter.segment import tokenize

        bounds = {start, end}
        for _, first, last in tokenize(self.doc, text[start:end]):
            bounds.update((start + first, start + last))
        self.blocks[start] = (end, bounds)
        bisect.insort(self.starts, start)
        return offset in bounds


class _Registry(Mapping):
    """Every RuleType subclass with a name, by name: a module of this package is
    the type of its name (`-` for `_`), so a new rule type is one module here,
    nothing to list. A type's module is imported when the type is first asked
    for: a run imports only the types of the rules it runs."""

    def __init__(self, folder: str):
        self._names = sorted(entry.name[:-3].replace("_", "-") for entry in os.scandir(folder)
                             if entry.name.endswith(".py") and entry.name != "__init__.py")
        self._types = {}

    def __getitem__(self, name: str) -> type:
        found = self._types.get(name)
        if found is None:
            if name not in self._names:
                raise KeyError(name)
            import importlib

            module = importlib.import_module(f"{__name__}.{name.replace('-', '_')}")
            found = next((value for value in vars(module).values() if isinstance(value, type) and issubclass(value, RuleType)
                          and value.__module__ == module.__name__ and value.name == name), None)
            if found is None:
                raise KeyError(name)
            self._types[name] = found
        return found

    def __contains__(self, name) -> bool:
        return name in self._names

    def __iter__(self):
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


TYPES = _Registry(__path__[0])
