"""A run's results read as findings, for the formatters and the Python API.

Input errors (a file that cannot be read, decoded or is of a format to convert)
are findings of rule RL001, category `input`, severity error, at line 1 (or the
line the error names).
"""

import re
from typing import List, Optional, Tuple

from linter.engine import Violation

INPUT_RULE, INPUT_CATEGORY = "RL001", "input"


def violations_of(results) -> list:
    return [v for result in results for v in result.violations]


def input_errors(results) -> List[Violation]:
    """Each result's input error as an RL001 finding."""
    errors = []
    for result in results:
        if result.error:
            line, message = error_parts(result)
            line = line or 1
            errors.append(Violation(result.path, line, 1, line, 1, INPUT_RULE, INPUT_CATEGORY, "error", message))
    return errors


def error_parts(result) -> Tuple[Optional[int], str]:
    """(line or None, message) of an input error written `path[:line]: message`."""
    match = re.match(re.escape(result.path) + r"(?::(\d+))?: (.*)", result.error, re.S)
    if not match:
        return None, result.error
    return int(match.group(1)) if match.group(1) else None, match.group(2)


def reported(results) -> list:
    """Input errors and findings, file by file, in the order of the run."""
    return [v for result in results for v in input_errors([result]) + result.violations]


def linted_count(results) -> int:
    """Files that were read (an empty one too), not folders or files that could not be."""
    return sum(1 for r in results if r.error is None and (r.notice is None or r.document is not None))
