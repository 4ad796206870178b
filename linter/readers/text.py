"""Plain text (.txt): decoded (see encoding.py), line ends normalised to \\n."""

from linter.readers import Parsed
from linter.readers.encoding import decode

NAME = "text"
SUFFIXES = (".txt", ".text")


def read(data: bytes, path, options) -> Parsed:
    text, encoding = decode(data, path, options.get("encoding"))
    parsed = parse(text, path)
    parsed.encoding = encoding
    return parsed


def parse(text: str, path="<text>") -> Parsed:
    return Parsed(normalise_newlines(text), NAME)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
