"""Output formats. A formatter only formats: it gets the results of a run and
the rules that ran, and returns the text to print."""

import json
import unicodedata
from collections import Counter
from typing import Dict, List

import click

from linter import __version__

FORMATS = ("text", "json", "github", "sarif", "junit")
_CONTEXT = 30  # characters of source shown on each side of a finding in long lines
_COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}


def violations_of(results) -> list:
    return [v for result in results for v in result.violations]


def format_text(results, rules, colour=False) -> str:
    out = []
    for result in results:
        for v in result.violations:
            code = click.style(v.rule, fg=_COLOURS[v.severity], bold=True) if colour else v.rule
            where = click.style(f"{v.path}:{v.line}:{v.column}:", bold=True) if colour else f"{v.path}:{v.line}:{v.column}:"
            place = f"（{v.where()}）" if v.location else ""
            out.append(f"{where} {code} [{v.severity}] {v.message}{place}")
            if result.document is not None:
                out += _source_excerpt(result.document, v, colour)
    return "\n".join(out) + ("\n" if out else "")


def _source_excerpt(doc, v, colour) -> List[str]:
    """The line of the finding and a marker under it, both trimmed around the finding."""
    line = doc.source_line(v.line)
    start = v.column - 1
    end = v.end_column - 1 if v.end_line == v.line else len(line)
    left, right = max(0, start - _CONTEXT), min(len(line), max(end, start + 1) + _CONTEXT)
    shown = ("…" if left else "") + line[left:right] + ("…" if right < len(line) else "")
    pad = _width(("…" if left else "") + line[left:start])
    marker = " " * pad + "^" * max(1, _width(line[start:end]))
    gutter = f"{v.line:>5} | "
    if colour:
        marker = click.style(marker, fg=_COLOURS[v.severity])
    return [gutter + shown.replace("\t", " "), " " * (len(gutter) - 2) + "| " + marker]


def _width(text: str) -> int:
    """Terminal cells: CJK and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def format_json(results, rules) -> str:
    return json.dumps([v.to_dict() for v in violations_of(results)], ensure_ascii=False, indent=2) + "\n"


def format_github(results, rules) -> str:
    levels = {"error": "error", "warning": "warning", "info": "notice"}

    def escape(text, is_property=False):
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if is_property else text

    lines = [
        f"::{levels[v.severity]} file={escape(v.path, True)},line={v.line},col={v.column},"
        f"endLine={v.end_line},endColumn={v.end_column},title={escape(v.rule, True)}::{escape(v.rule + ' ' + v.message)}"
        for v in violations_of(results)
    ]
    return "\n".join(lines) + ("\n" if lines else "")


def format_sarif(results, rules) -> str:
    levels = {"error": "error", "warning": "warning", "info": "note"}
    used = sorted({v.rule for v in violations_of(results)} | {r.id for r in rules})
    by_id: Dict[str, object] = {r.id: r for r in rules}
    index = {rule_id: i for i, rule_id in enumerate(used)}
    descriptors = []
    for rule_id in used:
        rule = by_id.get(rule_id)
        descriptor = {"id": rule_id}
        if rule is not None:
            descriptor.update(
                shortDescription={"text": rule.summary},
                fullDescription={"text": rule.description.strip() or rule.summary},
                defaultConfiguration={"level": levels[rule.severity]},
                properties={"category": rule.category, "pack": rule.pack},
            )
        descriptors.append(descriptor)
    sarif_results = [
        {
            "ruleId": v.rule,
            "ruleIndex": index[v.rule],
            "level": levels[v.severity],
            "message": {"text": v.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": v.path.replace("\\", "/")},
                        "region": {"startLine": v.line, "startColumn": v.column, "endLine": v.end_line, "endColumn": v.end_column},
                    }
                }
            ],
        }
        for v in violations_of(results)
    ]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "reportlint", "version": __version__, "rules": descriptors}},
                "columnKind": "unicodeCodePoints",
                "results": sarif_results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def format_junit(results, rules) -> str:
    """One test suite per file, one failing test case per finding (a passing one for a clean file)."""
    import xml.etree.ElementTree as ET  # only for junit output

    root = ET.Element("testsuites", name="reportlint")
    total = failures = 0
    for result in results:
        suite = ET.SubElement(root, "testsuite", name=result.path)
        cases = 0
        if result.error:
            case = ET.SubElement(suite, "testcase", classname=result.path, name="read")
            ET.SubElement(case, "error", message=result.error).text = result.error
            cases = 1
            suite.set("errors", "1")
        for v in result.violations:
            case = ET.SubElement(suite, "testcase", classname=v.path, name=f"{v.rule} {v.line}:{v.column}")
            failure = ET.SubElement(case, "failure", message=v.message, type=v.severity)
            failure.text = f"{v.path}:{v.line}:{v.column}: {v.rule} [{v.severity}] {v.message}"
            cases += 1
        if not cases:
            ET.SubElement(suite, "testcase", classname=result.path, name="no findings")
            cases = 1
        suite.set("tests", str(cases))
        suite.set("failures", str(len(result.violations)))
        total += cases
        failures += len(result.violations)
    root.set("tests", str(total))
    root.set("failures", str(failures))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


FORMATTERS = {"text": format_text, "json": format_json, "github": format_github, "sarif": format_sarif, "junit": format_junit}


def format_statistics(results) -> str:
    counts = Counter((v.rule, v.severity) for v in violations_of(results))
    first_message = {}
    for v in violations_of(results):
        first_message.setdefault(v.rule, v.message)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return "".join(f"{n:>6}  {rule:<7} [{severity}] {first_message[rule]}\n" for (rule, severity), n in rows)


def format_summary(results) -> str:
    found = violations_of(results)
    if not found:
        return f"No findings in {sum(1 for r in results if r.error is None)} file(s).\n"
    by_severity = Counter(v.severity for v in found)
    parts = ", ".join(f"{by_severity[s]} {s}" for s in ("error", "warning", "info") if by_severity[s])
    files = len({v.path for v in found})
    return f"Found {len(found)} finding(s) ({parts}) in {files} file(s).\n"


def format_profile(results) -> str:
    """Seconds per rule over the run, slowest first (the first rule to need jieba
    or an extraction also pays for it)."""
    totals = Counter()
    for result in results:
        totals.update(result.timings)
    overall = sum(totals.values()) or 1.0
    rows = [f"{'rule':<8}{'seconds':>9}{'share':>8}"]
    rows += [f"{rule:<8}{seconds:>9.3f}{seconds / overall:>8.1%}" for rule, seconds in totals.most_common()]
    return "\n".join(rows) + "\n"
