"""The fact sheet (facts.yaml): an organisation's canonical figures, people and
organisation names, validated against facts.schema.json. Checks read it from
`doc.factsheet`; it is loaded once per run."""

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import List

from linter.yamlfile import YamlFile


@dataclass
class FactSheet:
    path: str = ""
    figures: List[dict] = field(default_factory=list)
    people: List[dict] = field(default_factory=list)
    organisations: List[dict] = field(default_factory=list)


def load_factsheet(path: Path) -> FactSheet:
    source = YamlFile.read(path)
    data = source.data if source.data is not None else {}
    source.validate(_schema(), data)
    return FactSheet(str(path), data.get("figures", []), data.get("people", []), data.get("organisations", []))


def _schema() -> dict:
    return json.loads(resources.files("linter.schemas").joinpath("facts.schema.json").read_text("utf-8"))
