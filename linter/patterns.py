"""Regular expressions compiled at their first use.

The stdlib engine compiles a character class holding a CJK range (一-鿿) in
Python, a few milliseconds each, and a one-file run imports about ninety
module-level patterns of which it uses half. The modules that hold many such
patterns declare them with `lazy()`; a run compiles only those it uses.
"""

import re


class LazyPattern:
    """re.compile(pattern, flags), compiled when an attribute other than
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
        value = getattr(re.compile(self.pattern, self._flags), name)
        setattr(self, name, value)
        return value


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    return LazyPattern(pattern, flags)
