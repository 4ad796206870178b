"""Output formats. A formatter only formats: it gets the results of a run, the
rules that ran and the report's options, and returns the text to print.

Input errors appear in every machine format as RL001 findings
(linter/results.py), so that each format agrees with the exit status 2 they cause.
"""

import json
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List
from urllib.parse import quote

import click

from linter import __version__
from linter.edits import applicable
from linter.results import INPUT_CATEGORY, INPUT_RULE, linted_count, reported, violations_of
from linter.rules import severity_rank

INFORMATION_URI = "https://pypi.org/project/reportlint/"
INPUT_SUMMARY = "文件无法读取、解码或需先转换格式（input error）"
_CONTEXT = 30  # characters of source shown on each side of a finding in long lines
_COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}
FIX_MARK = "[*]"
_TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")  # files whose fixes SARIF can give as replacements of their text
TEXT_VERSION_NOTE = "(fix available in the text version)"


@dataclass(frozen=True)
class ReportOptions:
    colour: bool = False
    fail_on: str = "warning"  # the lowest severity that fails the run (JUnit failures)
    unsafe_fixes: bool = False  # unsafe fixes count as available ([*])


def _fix_note(v, options) -> str:
    if v.fix is None:
        return ""
    if not v.fix.in_place:
        return " " + TEXT_VERSION_NOTE
    return " " + FIX_MARK if applicable(v.fix, options.unsafe_fixes) else ""


def _finding_line(v, options) -> str:
    colour = options.colour
    code = click.style(v.rule, fg=_COLOURS[v.severity], bold=True) if colour else v.rule
    where = click.style(f"{v.path}:{v.line}:{v.column}:", bold=True) if colour else f"{v.path}:{v.line}:{v.column}:"
    place = f"（{v.where()}）" if v.location else ""
    return f"{where} {code} [{v.severity}] {v.message}{place}{_fix_note(v, options)}"


def format_concise(results, rules, options=ReportOptions()) -> str:
    """One line per finding."""
    out = [_finding_line(v, options) for v in violations_of(results)]
    return "\n".join(out) + ("\n" if out else "")


def format_text(results, rules, options=ReportOptions()) -> str:
    """One line per finding, with the source line and a marker under the finding."""
    out = []
    for result in results:
        for v in result.violations:
            out.append(_finding_line(v, options))
            if result.document is not None:
                out += _source_excerpt(result.document, v, options.colour)
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


def format_json(results, rules, options=ReportOptions()) -> str:
    return json.dumps([v.to_dict() for v in reported(results)], ensure_ascii=False, indent=2) + "\n"


def format_github(results, rules, options=ReportOptions()) -> str:
    levels = {"error": "error", "warning": "warning", "info": "notice"}

    def escape(text, is_property=False):
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if is_property else text

    lines = [
        f"::{levels[v.severity]} file={escape(v.path, True)},line={v.line},col={v.column},"
        f"endLine={v.end_line},endColumn={v.end_column},title={escape(v.rule, True)}::{escape(v.rule + ' ' + v.message)}"
        for v in reported(results)
    ]
    return "\n".join(lines) + ("\n" if lines else "")


SRCROOT = "%SRCROOT%"


def artifact_location(path: str) -> dict:
    """A SARIF artifactLocation: a percent-encoded (RFC 3986) URI relative to the
    folder the run started in, or an absolute file URI for a path outside it."""
    resolved = Path(path).resolve()
    try:
        relative = resolved.relative_to(Path.cwd().resolve())
    except ValueError:
        return {"uri": resolved.as_uri()}
    return {"uri": quote(relative.as_posix(), safe="/"), "uriBaseId": SRCROOT}


def format_sarif(results, rules, options=ReportOptions()) -> str:
    levels = {"error": "error", "warning": "warning", "info": "note"}
    found = reported(results)
    used = sorted({v.rule for v in found} | {r.id for r in rules})
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
        elif rule_id == INPUT_RULE:
            descriptor.update(shortDescription={"text": INPUT_SUMMARY}, defaultConfiguration={"level": "error"},
                              properties={"category": INPUT_CATEGORY})
        descriptors.append(descriptor)
    sarif_results = []
    for v in found:
        location = artifact_location(v.path)
        result = {
            "ruleId": v.rule,
            "ruleIndex": index[v.rule],
            "level": levels[v.severity],
            "message": {"text": v.message},
            "locations": [{"physicalLocation": {"artifactLocation": location, "region": _region(v.line, v.column, v.end_line, v.end_column)}}],
        }
        if v.fix is not None and v.fix.in_place and v.path.lower().endswith(_TEXT_SUFFIXES):  # a .docx's fix is a tracked change, not bytes
            replacements = [{"deletedRegion": _region(e.line, e.column, e.end_line, e.end_column), "insertedContent": {"text": e.content}}
                            for e in v.fix.edits]
            result["fixes"] = [{"description": {"text": "safe fix" if v.fix.safe else "unsafe fix"},
                                "artifactChanges": [{"artifactLocation": location, "replacements": replacements}]}]
        sarif_results.append(result)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "reportlint", "version": __version__, "informationUri": INFORMATION_URI, "rules": descriptors}},
                "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().resolve().as_uri() + "/"}},
                "invocations": [{"executionSuccessful": not any(r.error for r in results)}],
                "columnKind": "unicodeCodePoints",
                "results": sarif_results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _region(line, column, end_line, end_column) -> dict:
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def format_junit(results, rules, options=ReportOptions()) -> str:
    """One test suite per file and one test case per finding: a failure at or above
    --fail-on, skipped below it (so the XML fails exactly when the exit status
    does); an input error is an <error>; a clean file has one passing case."""
    import xml.etree.ElementTree as ET  # only for junit output

    threshold = severity_rank(options.fail_on)
    root = ET.Element("testsuites", name="reportlint")
    totals = Counter()
    for result in results:
        suite = ET.SubElement(root, "testsuite", name=result.path)
        counts = Counter()
        if result.error:
            case = ET.SubElement(suite, "testcase", classname=result.path, name="read")
            ET.SubElement(case, "error", message=result.error, type=INPUT_RULE).text = result.error
            counts["tests"] += 1
            counts["errors"] += 1
        for v in result.violations:
            case = ET.SubElement(suite, "testcase", classname=v.path, name=f"{v.rule} {v.line}:{v.column}")
            text = f"{v.path}:{v.line}:{v.column}: {v.rule} [{v.severity}] {v.message}"
            if severity_rank(v.severity) >= threshold:
                ET.SubElement(case, "failure", message=v.message, type=v.severity).text = text
                counts["failures"] += 1
            else:
                ET.SubElement(case, "skipped", message=f"{v.severity}, below --fail-on {options.fail_on}: {v.message}")
                counts["skipped"] += 1
            counts["tests"] += 1
        if not counts["tests"]:
            ET.SubElement(suite, "testcase", classname=result.path, name="no findings")
            counts["tests"] = 1
        for key in ("tests", "failures", "errors", "skipped"):
            suite.set(key, str(counts[key]))
        totals.update(counts)
    for key in ("tests", "failures", "errors", "skipped"):
        root.set(key, str(totals[key]))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def format_html(results, rules, options=ReportOptions()) -> str:
    from linter.report_html import html_report  # only for html output

    return html_report(results, rules)


FORMATTERS = {"text": format_text, "concise": format_concise, "json": format_json, "github": format_github, "sarif": format_sarif,
              "junit": format_junit, "html": format_html}
HUMAN_FORMATS = ("text", "concise")  # the others are machine formats (and html): no summary or progress bar mixed in


def format_statistics(results) -> str:
    counts = Counter((v.rule, v.severity) for v in violations_of(results))
    first_message = {}
    for v in violations_of(results):
        first_message.setdefault(v.rule, v.message)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return "".join(f"{n:>6}  {rule:<7} [{severity}] {first_message[rule]}\n" for (rule, severity), n in rows)


def plural(count: int, word: str, plural_form: str = "") -> str:
    """`1 file`, `2 files`."""
    return f"{count} {word}" if count == 1 else f"{count} {plural_form or word + 's'}"


def _fixable(found, options) -> str:
    """`; [*] 2 fixable with --fix (1 more with --fix --unsafe-fixes)`, or ""."""
    in_place = [v.fix for v in found if v.fix is not None and v.fix.in_place]
    safe = sum(1 for fix in in_place if fix.safe)
    unsafe = len(in_place) - safe
    if options.unsafe_fixes and in_place:
        return f"; {FIX_MARK} {len(in_place)} fixable with --fix --unsafe-fixes"
    if safe:
        return f"; {FIX_MARK} {safe} fixable with --fix" + (f" ({unsafe} more with --fix --unsafe-fixes)" if unsafe else "")
    return f"; {unsafe} fixable with --fix --unsafe-fixes" if unsafe else ""


def format_summary(results, options=ReportOptions(), fixing: bool = False) -> str:
    """`Found 3 findings (1 error, 2 warning) in 2 of 8 files.`, and how many could be fixed."""
    found = violations_of(results)
    linted = linted_count(results)
    if not found:
        return f"No findings in {plural(linted, 'file')}.\n"
    by_severity = Counter(v.severity for v in found)
    parts = ", ".join(f"{by_severity[s]} {s}" for s in ("error", "warning", "info") if by_severity[s])
    files = len({v.path for v in found})
    fixable = "" if fixing else _fixable(found, options)
    return f"Found {plural(len(found), 'finding')} ({parts}) in {files} of {plural(linted, 'file')}{fixable}.\n"


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
