"""The fact sheet (facts.yaml): an organisation's canonical figures, people and
organisation names, validated against facts.schema.json. Checks read it from
`doc.factsheet`; it is loaded once per run."""

import calendar
import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from linter import resources
from linter.errors import UserError
from linter.yamlfile import YamlFile, schema_error


@dataclass
class FactSheet:
    path: str = ""
    figures: List[dict] = field(default_factory=list)
    people: List[dict] = field(default_factory=list)
    organisations: List[dict] = field(default_factory=list)

    # -- people ------------------------------------------------------------

    def person_names(self) -> Dict[str, dict]:
        """Registered people by name (spaces removed)."""
        return {_compact(p["name"]): p for p in self.people}

    def titles_held(self, person: dict, date: Optional[datetime.date]) -> List[str]:
        """The person's titles on `date`; every title they ever held when the date is unknown."""
        return [title for title, first, last in _titles(person) if date is None or (first <= date <= last)]

    def titles_ever(self, person: dict) -> List[str]:
        return [title for title, _, _ in _titles(person)]

    # -- organisations -----------------------------------------------------

    def organisation_names(self) -> List[Tuple[dict, str, str, Optional[datetime.date]]]:
        """(organisation, name, kind, last day the name was current) for every
        registered name; kind is "name", "short" or "former"."""
        names = []
        for org in self.organisations:
            names.append((org, org["name"], "name", None))
            names += [(org, short, "short", None) for short in org.get("short_names", [])]
            for former in org.get("former_names", []):
                if isinstance(former, str):
                    names.append((org, former, "former", datetime.date.min))
                else:
                    renamed = former.get("renamed")
                    last = partial_date(renamed)[1] if renamed is not None else datetime.date.min
                    names.append((org, former["name"], "former", last))
        return names


def partial_date(value) -> Tuple[datetime.date, datetime.date]:
    """First and last day of 2020, 2020-01 or 2020-01-15; ValueError when it is not a date."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", str(value).strip())
    if not match:
        raise ValueError(value)
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if month is None:
            return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        if day is None:
            return datetime.date(year, month, 1), datetime.date(year, month, calendar.monthrange(year, month)[1])
        date = datetime.date(year, month, day)
    except ValueError:
        raise ValueError(value) from None
    return date, date


def _titles(person: dict):
    for entry in person.get("titles", []):
        if isinstance(entry, str):
            yield entry, datetime.date.min, datetime.date.max
        else:
            first = partial_date(entry["from"])[0] if entry.get("from") is not None else datetime.date.min
            last = partial_date(entry["until"])[1] if entry.get("until") is not None else datetime.date.max
            yield entry["title"], first, last


def figure_value(figure: dict):
    """A fact sheet figure's value as a Quantity (50亿元), or None when it is not one."""
    from linter.extract.figures import DEFAULT_TOLERANCE, parse_quantity

    return parse_quantity(str(figure["value"]), figure.get("tolerance", DEFAULT_TOLERANCE))


_NOT_A_QUANTITY = "{!r} is not a number with a unit (write 50亿元, 3000张, 35%)"


def _bad_figure(figures) -> Optional[int]:
    """The index of the first figure whose value is not a quantity."""
    return next((i for i, figure in enumerate(figures) if figure_value(figure) is None), None)


def _compact(name: str) -> str:
    return re.sub(r"\s+", "", name)


def load_factsheet(path: Path) -> FactSheet:
    source = YamlFile.read(path)
    data = source.data if source.data is not None else {}
    source.validate(_schema(), data)
    _check_dates(source, data)
    bad = _bad_figure(data.get("figures", []))
    if bad is not None:
        raise source.error(["figures", bad, "value"], f"figures/{bad}/value: {_NOT_A_QUANTITY.format(data['figures'][bad]['value'])}")
    return FactSheet(str(path), data.get("figures", []), data.get("people", []), data.get("organisations", []))


def _check_dates(source: YamlFile, data: dict):
    """Dates in people's titles and former names must be real (2020, 2020-01 or 2020-01-15)."""
    places = []
    for i, person in enumerate(data.get("people", [])):
        for j, title in enumerate(person.get("titles", [])):
            if isinstance(title, dict):
                places += [(["people", i, "titles", j, key], title.get(key)) for key in ("from", "until")]
    for i, org in enumerate(data.get("organisations", [])):
        for j, former in enumerate(org.get("former_names", [])):
            if isinstance(former, dict):
                places.append((["organisations", i, "former_names", j, "renamed"], former.get("renamed")))
    for where, value in places:
        if value is None:
            continue
        try:
            partial_date(value)
        except ValueError:
            raise source.error(where, f"{'/'.join(map(str, where))}: {value!r} is not a date (use 2020, 2020-01 or 2020-01-15)")


def factsheet_from_data(data: dict, origin: str = "<facts>") -> FactSheet:
    """A fact sheet from an already parsed mapping (rule examples), validated like a file."""
    error = schema_error(_schema(), data)
    if error is not None:
        raise UserError(origin, f"facts: {error.message}")
    try:
        sheet = FactSheet(origin, data.get("figures", []), data.get("people", []), data.get("organisations", []))
        for person in sheet.people:
            list(_titles(person))
        sheet.organisation_names()
        bad = _bad_figure(sheet.figures)
        if bad is not None:
            raise UserError(origin, f"facts: figure value {_NOT_A_QUANTITY.format(sheet.figures[bad]['value'])}")
    except ValueError as error:
        raise UserError(origin, f"facts: {error} is not a date (use 2020, 2020-01 or 2020-01-15)")
    return sheet


def _schema() -> dict:
    return resources.schema("facts.schema.json")
