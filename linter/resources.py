"""The files shipped inside the package (rule packs, schemas, data), by path.

reportlint is installed as files, never zipped, so its data is read where it
lies; importing `importlib.resources` (with tempfile, shutil and, for an
editable install, zipfile) costs a one-file run about 3 %.
"""

import importlib
import json
from pathlib import Path


def folder(package: str) -> Path:
    """The folder of one of reportlint's data packages: linter.packs, linter.schemas, linter.data."""
    return Path(importlib.import_module(package).__path__[0])


def schema(name: str) -> dict:
    """A JSON Schema of linter/schemas/."""
    return json.loads((folder("linter.schemas") / name).read_text("utf-8"))
