"""Knowledge as data: the Chinese-language word lists and policies the rules use
(document types and their names, titles and surnames, units, qualifiers,
approximation words), shipped in linter/data/knowledge.yaml and extended by
the config's `knowledge:` (same keys: lists are added to, mappings merged,
the surname string extended).

A run sets its config's additions with `use()` before it lints (and so does
each worker process); modules derive their patterns from `get()` through
`derived`, which rebuilds them only when the knowledge changed."""

import functools
import json
from typing import Callable

from linter import resources

_additions: dict = {}
_version = 0


def use(additions: dict) -> None:
    """The config's `knowledge:` for every document from now on (replacing earlier additions)."""
    global _additions, _version
    if additions != _additions:
        _additions, _version = dict(additions or {}), _version + 1


def get(section: str, key: str):
    return _merged(_version)[section][key]


def derived(build: Callable):
    """A function of the knowledge, computed once per state of it: `build()` rebuilt
    only after `use()` changed the additions."""
    cached = functools.lru_cache(maxsize=2)(lambda version: build())

    @functools.wraps(build)
    def current():
        return cached(_version)

    return current


@functools.lru_cache(maxsize=2)
def _merged(version: int) -> dict:
    merged = json.loads(json.dumps(_shipped()))  # a copy
    for section, values in _additions.items():
        for key, value in values.items():
            merged[section][key] = _merge(merged[section].get(key), value)
    return merged


def _merge(shipped, added):
    if isinstance(shipped, dict):
        return {**shipped, **{k: _merge(shipped.get(k), v) if isinstance(v, (dict, list)) else v for k, v in added.items()}}
    if isinstance(shipped, list):
        return shipped + [item for item in added if item not in shipped]
    if isinstance(shipped, str):
        return shipped + "".join(c for c in added if c not in shipped)
    return added


@functools.lru_cache(maxsize=1)
def _shipped() -> dict:
    from linter.yamlfile import YamlFile

    path = resources.folder("linter.data") / "knowledge.yaml"
    data = YamlFile.read(path)
    data.validate(schema(), as_read=True)
    return data.data


def schema() -> dict:
    return resources.schema("knowledge.schema.json")
