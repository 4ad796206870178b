"""Markdown (.md): YAML front matter (date, type, org), `#` headings; front
matter, fenced code and HTML comments are kept in the text but not linted."""

import re

from linter.errors import UserError
from linter.readers import Parsed, text as plain
from linter.yamlfile import safe_load

NAME = "markdown"
SUFFIXES = (".md", ".markdown")


def read(data: bytes, path, options) -> Parsed:
    parsed = plain.read(data, path, options)
    return _parsed(parsed.text, path, parsed.encoding)


def parse(text: str, path="<text>") -> Parsed:
    return _parsed(plain.normalise_newlines(text), path, None)


def _parsed(text: str, path, encoding) -> Parsed:
    front_matter, hidden = {}, []
    match = _FRONT_MATTER.match(text)
    if match:
        front_matter = _front_matter(match.group(1) or "", path)
        hidden.append(match.span())
    hidden += _fenced_code_spans(text, match.end() if match else 0)
    hidden += [m.span() for m in _HTML_COMMENT.finditer(text)]
    levels, offset = {}, 0
    for number, line in enumerate(text.split("\n"), 1):
        heading = _HEADING.match(line.strip())
        if heading and not any(start <= offset < end for start, end in hidden):
            levels[number] = len(heading.group(1))
        offset += len(line) + 1
    return Parsed(text, NAME, hidden, front_matter, levels, encoding=encoding)


def _front_matter(block: str, path) -> dict:
    import yaml  # only for a file with front matter

    try:
        data = safe_load(block)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        raise UserError(path, f"front matter is not valid YAML: {getattr(error, 'problem', error)}", line)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise UserError(path, "front matter must be a mapping of keys to values", 1)
    return data


def _fenced_code_spans(text: str, start: int):
    spans, fence, fence_start = [], None, 0
    for match in re.finditer(r"^ {0,3}(`{3,}|~{3,}).*$", text[start:], re.M):
        marker = match.group(1)
        if fence is None:
            fence, fence_start = marker, start + match.start()
        elif marker[0] == fence[0] and len(marker) >= len(fence) and not match.group(0).strip()[len(marker):]:
            spans.append((fence_start, start + match.end()))
            fence = None
    if fence is not None:
        spans.append((fence_start, len(text)))
    return spans


_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_HEADING = re.compile(r"(#{1,6})\s+(.*?)\s*#*$")
