"""Readers: a file of some format becomes the text reportlint lints.

Each format is one module here (found by the registry, nothing to list) with
a `NAME`, the `SUFFIXES` it reads and `read(data, path, options) -> Parsed`; a text-based format also has
`parse(text) -> Parsed`, so a snippet (a rule's example, a test, stdin) can be
linted as that format without a file. `Document` (linter/document.py) is built
from a `Parsed`; nothing after that knows which format a document came from,
except through the location fields a reader attaches.

Formats that cannot be read here (.xls, .ppt …, and .doc, .wps … when LibreOffice
is not installed: readers/office.py) get an input error that names the conversion
command instead of a silent skip.
"""

from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Dict, List, Optional, Tuple

from linter.errors import UserError


@dataclass(frozen=True)
class Encoding:
    """How a text file was stored, so a fix can be written back the same way."""

    codec: str  # a Python codec name: utf-8, utf-16-le, gb18030, big5 …
    bom: bytes = b""
    newline: str = "\n"  # the file's line ending: \n, \r\n or \r


@dataclass
class Parsed:
    """What a reader makes of a file: the text and what the format says about it."""

    text: str  # lines joined by \n
    reader: str  # the reader's NAME
    hidden: List[Tuple[int, int]] = field(default_factory=list)  # spans not linted (front matter, fenced code)
    front_matter: dict = field(default_factory=dict)
    heading_levels: Dict[int, int] = field(default_factory=dict)  # 1-based line -> level the format's markup gives
    # (offset, fields) in ascending offset: from each offset on, the text is at that
    # place of the source file (a PDF's page and line, a Word file's part).
    locations: List[Tuple[int, dict]] = field(default_factory=list)
    encoding: Optional[Encoding] = None  # text files only


def _registry():
    """Every module here that names a format (`NAME`) is that format's reader."""
    import importlib
    import pkgutil

    modules = (importlib.import_module(f"{__name__}.{info.name}") for info in pkgutil.iter_modules(__path__))
    return {module.NAME: module for module in modules if hasattr(module, "NAME")}


# Formats people have that no maintained pure-Python library reads well: the
# format LibreOffice converts each to, which reportlint then reads.
CONVERTIBLE = {
    ".doc": "docx", ".wps": "docx", ".rtf": "docx", ".odt": "docx", ".wpt": "docx", ".dot": "docx",
    ".et": "pdf", ".xls": "pdf", ".xlsx": "pdf", ".dps": "pdf", ".ppt": "pdf", ".pptx": "pdf",
}


def convertible_error(path) -> Optional[UserError]:
    """The input error for a format no reader reads but LibreOffice converts, else None
    (linter/readers/office.py reads the word processor formats when soffice is installed)."""
    suffix = PurePath(str(path)).suffix.lower()
    if suffix not in CONVERTIBLE or suffix in SUFFIXES:
        return None
    return conversion_error(path)


def conversion_error(path) -> UserError:
    """The input error for a file to convert with LibreOffice first."""
    suffix = PurePath(str(path)).suffix.lower()
    target = CONVERTIBLE[suffix]
    return UserError(path, f"{suffix} files are not read; convert it first (soffice --headless --convert-to {target} '{path}') "
                           f"and lint the .{target}")


READERS = _registry()
SUFFIXES = {suffix: module for module in READERS.values() for suffix in module.SUFFIXES}


def reader_for(path) -> Optional[object]:
    """The reader module of a path by its suffix, or None (unknown suffix)."""
    return SUFFIXES.get(PurePath(str(path)).suffix.lower())


def parse_text(text: str, reader: str = "text", path="<text>") -> Parsed:
    """A snippet read as a text-based format (text or markdown)."""
    return READERS[reader].parse(text, path)
