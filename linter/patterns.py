"""Regular expressions (stdlib `re`) compiled once per installation, and
module-level ones compiled at their first use.

The stdlib engine parses and compiles a pattern in Python: a character class
holding a CJK range (一-鿿) costs it 1-6 ms, and a one-file run compiles about
150 patterns (0.12 s, a quarter of the run). What it compiles to, the code
`_sre.compile` takes, is a pure function of the pattern, the flags and the
Python build, so `compile()` keeps it in the user cache (keyed on the Python
build) and a later run builds its patterns from it without parsing or
compiling. A pattern met for the first time is compiled as `re` does, and kept
only when it equals `re.compile`'s own (a Pattern compares by its code), so a
Python whose internals differ just compiles as before; the process that
compiled new patterns writes them back when it exits. Patterns built from text
(a document's words) go to `re` directly: the cache holds the code's patterns.

Modules that hold many patterns declare them with `lazy()`: a run compiles
only those it uses.
"""

import re

_RE_COMPILE = re.compile  # re's own, also while `import_through_cache` stands in for it
_built = {}  # (pattern, flags) -> Pattern built in this process
_codes = None  # (pattern, flags) -> the arguments of _sre.compile, from the user cache
_new = False  # whether this process compiled patterns the cache lacks
# Past this many entries the cache starts again (patterns of rules or
# knowledge since changed would otherwise pile up).
MAX_ENTRIES = 4000


def compile(pattern: str, flags: int = 0) -> re.Pattern:
    """re.compile(pattern, flags), built from the user cache's compiled code when it has it."""
    key = (pattern, int(flags))
    found = _built.get(key)
    if found is None:
        found = _built[key] = _build(key)
    return found


def _build(key) -> re.Pattern:
    global _codes, _new
    import _sre

    if _codes is None:
        _codes = _read()
    args = _codes.get(key)
    if args is not None:
        try:
            found = _sre.compile(*args)
            if found.pattern == key[0]:
                return found
        except Exception:  # a corrupt entry: compile again
            pass
    compiled = _RE_COMPILE(*key)
    args = _arguments(*key)
    try:
        if args is not None and _sre.compile(*args) == compiled:
            _codes[key] = args
            if not _new:
                import atexit

                atexit.register(_write)
                _new = True
    except Exception:
        pass
    return compiled


def _arguments(pattern: str, flags: int):
    """What re.compile passes to _sre.compile for this pattern (re's internals, checked by the caller)."""
    try:
        try:
            from re import _compiler, _parser
        except ImportError:  # Python 3.10
            import sre_compile as _compiler
            import sre_parse as _parser
        if not isinstance(pattern, str) or flags & re.DEBUG:
            return None
        parsed = _parser.parse(pattern, flags)
        code = [int(op) for op in _compiler._code(parsed, flags)]  # re's named opcodes do not pickle
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        return (pattern, flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
    except Exception:
        return None


def _cache_key() -> str:
    import sys
    import zlib

    import _sre

    return f"{sys.version_info[0]}.{sys.version_info[1]}-{_sre.MAGIC}-{zlib.crc32(sys.version.encode()):08x}"


def _read() -> dict:
    loaded = read_cache("re-patterns", _cache_key())
    return loaded if len(loaded) <= MAX_ENTRIES else {}


def read_cache(kind: str, key: str) -> dict:
    """A dict pickled in the user cache; empty when missing, stale or corrupt (compile again)."""
    import pickle

    from linter import usercache

    try:
        loaded = pickle.loads(usercache.entry(kind, key, ".pickle").read_bytes())
        return loaded if isinstance(loaded, dict) else {}
    except Exception:
        return {}


def write_cache(kind: str, key: str, entries: dict, most: int = 0) -> None:
    """Add entries to a dict pickled in the user cache, keeping what other
    processes (a run's workers) wrote meanwhile; past `most` entries it starts again."""
    import pickle

    from linter import usercache

    if not usercache.folder().is_dir():
        return  # none yet, or removed meanwhile (a test session's): not worth making at exit
    kept = read_cache(kind, key)
    if most and len(kept) + len(entries) > most:
        kept = {}
    kept.update(entries)
    try:
        data = pickle.dumps(kept, pickle.HIGHEST_PROTOCOL)
    except Exception:
        return
    usercache.write(kind, key, ".pickle", data)


def write_new() -> None:
    """Write the patterns this process compiled, if any, now (a forked worker ends
    with os._exit, which runs no exit handlers)."""
    if _new:
        _write()


def _write() -> None:
    write_cache("re-patterns", _cache_key(), _codes, MAX_ENTRIES)


def import_through_cache(name: str):
    """Import a module (a library's) whose module-level `re.compile` calls go
    through `compile`, and so are built from the user cache."""
    import importlib

    global _codes
    if _codes is None:
        _codes = _read()  # before re.compile is replaced: reading it imports modules that compile
    re.compile = compile
    try:
        return importlib.import_module(name)
    finally:
        re.compile = _RE_COMPILE


class LazyPattern:
    """compile(pattern, flags), compiled when an attribute other than
    `pattern` is first asked for. It is used like a compiled pattern
    (`.search`, `.finditer`, `.sub` …) but is not one: re's module functions
    (re.sub(p, …)) do not take it."""

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern, self._flags = pattern, flags

    def __getattr__(self, name):
        # Called only for names the instance does not have yet: the compiled
        # pattern's attribute is kept, so later uses are plain lookups.
        if name.startswith("__") or "pattern" not in self.__dict__:
            raise AttributeError(name)  # copy/pickle probing, or a half-built object
        value = getattr(compile(self.pattern, self._flags), name)
        setattr(self, name, value)
        return value


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    return LazyPattern(pattern, flags)
