"""Errors a user can cause and fix: bad input files, rule files and config files.

They carry a one-line message naming the file (and line where known); the CLI
prints them without a traceback and exits with status 2.
"""


class UserError(Exception):
    """A problem with something the user gave us, reported as `path[:line]: message`."""

    def __init__(self, path, message, line=None):
        self.path = str(path)
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self):
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"
