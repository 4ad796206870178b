"""Word (.docx), read with python-docx: one line per paragraph.

The body comes first, paragraphs and tables in document order (a table cell
by cell, each cell paragraph a line), so a finding's line is the paragraph's
number in the body. Footnotes, endnotes, headers and footers follow, each
paragraph a line whose location names its part (`part: 页眉`). A body paragraph's
location is its `paragraph` number as an editor counts them in Word (第N段: the
non-empty paragraphs of the body, table cells included). Heading styles
(Heading 1 / 标题 1 …, or an outline level) give the outline its levels.
Deleted text of tracked changes is left out; inserted text is read.
"""

import io
import re

from linter.errors import UserError
from linter.readers import Parsed

NAME = "docx"
SUFFIXES = (".docx", ".docm", ".dotx")

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE = re.compile(r"(?:heading|标题)\s*(\d)$", re.I)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # a legacy .doc, or an encrypted Word file


def read(data: bytes, path, options) -> Parsed:
    if data.startswith(_OLE_MAGIC):
        raise UserError(path, "is not a .docx inside (an old .doc renamed, or password-protected); "
                              f"save it as .docx without a password (soffice --headless --convert-to docx '{path}')")
    from lxml import etree

    try:
        return _read(data, path)
    except etree.XMLSyntaxError as error:
        raise _xml_error(data, path, error) from None
    except UserError:
        raise
    except Exception as error:  # a damaged zip or an odd part raises many kinds; none may escape as a traceback
        raise UserError(path, f"cannot be read as a .docx file ({type(error).__name__}: {error})") from None


def _xml_error(data: bytes, path, error) -> UserError:
    """The input error for a part that is not well-formed XML, naming the part, line and column.
    python-docx does not say which part it was parsing, so each XML member is parsed again to find it."""
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                try:
                    etree.fromstring(archive.read(name))
                except etree.XMLSyntaxError as found:
                    error = found
                    break
        else:
            name = "a part"
    line, column = error.position
    reason = re.sub(r", line \d+, column \d+$", "", error.msg)  # lxml repeats the place
    return UserError(path, f"is not a readable .docx file: {name} is not well-formed XML at line {line}, "
                           f"column {column} ({reason})")


def _read(data: bytes, path) -> Parsed:
    import zipfile

    import docx  # python-docx, imported only when a Word file is read
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise UserError(path, f"is not a readable .docx file ({error or type(error).__name__})")
    return walk(document).parsed()


def walk(document) -> "_Builder":
    """The document's paragraphs in reading order: the builder's `elements[i]` is line i+1's
    paragraph and its part (None for the body), which --annotate and --fix use to find a
    finding's runs; `detached`: (root element, package part) of the parts python-docx keeps
    only as bytes (footnotes, endnotes), whose elements are parsed copies."""
    builder = _Builder(document)
    builder.add_blocks(document.element.body, None)
    for part_name, label in (("footnotes", "脚注"), ("endnotes", "尾注")):
        element, package_part = _part_element(document, part_name)
        if element is not None:
            builder.detached.append((element, package_part))
            for note in element:
                if note.get(_W + "type") is None:  # not Word's separator lines
                    builder.add_blocks(note, label, nested=True)
    seen = set()
    for section in document.sections:
        for label, parts in (("页眉", (section.first_page_header, section.header, section.even_page_header)),
                             ("页脚", (section.first_page_footer, section.footer, section.even_page_footer))):
            for part in parts:
                if part.is_linked_to_previous or id(part.part) in seen or not _has_text(part._element):
                    continue
                seen.add(id(part.part))
                builder.add_blocks(part._element, label)
    return builder


class _Builder:
    def __init__(self, document):
        self.lines, self.levels, self.locations = [], {}, []
        self.elements = []  # (paragraph element, part) of each line
        self.detached = []
        self.outline_levels = _style_levels(document)
        self.offset = 0
        self.part = None
        self.paragraphs = 0  # non-empty body paragraphs so far

    def add_blocks(self, element, part, nested=False):
        """Paragraphs and tables under an element, in order; `nested`: paragraphs at any depth (footnotes)."""
        if part != self.part:
            self.locations.append((self.offset, {"part": part} if part else {}))
            self.part = part
        for child in (element.iter(_W + "p") if nested else element.iterchildren()):
            if child.tag == _W + "p":
                self.add_paragraph(child)
            elif child.tag == _W + "tbl":
                self.add_table(child)
            elif child.tag == _W + "sdt":  # a content control (a cover page, a table of contents)
                content = child.find(_W + "sdtContent")
                if content is not None:
                    self.add_blocks(content, part)

    def add_table(self, table):
        for row in table.iterchildren(_W + "tr"):
            for cell in row.iterchildren(_W + "tc"):
                self.add_blocks(cell, self.part)

    def add_paragraph(self, paragraph):
        text = _paragraph_text(paragraph)
        level = self._level(paragraph)
        if level and text.strip():
            self.levels[len(self.lines) + 1] = level
        if self.part is None and text.strip():
            self.paragraphs += 1
            self.locations.append((self.offset, {"paragraph": self.paragraphs}))
        self.lines.append(text)
        self.elements.append((paragraph, self.part))
        self.offset += len(text) + 1

    def _level(self, paragraph):
        properties = paragraph.find(_W + "pPr")
        if properties is None:
            return None
        outline = properties.find(_W + "outlineLvl")
        if outline is not None and outline.get(_W + "val", "").isdigit():
            value = int(outline.get(_W + "val"))
            return value + 1 if value < 9 else None  # 9 is body text
        style = properties.find(_W + "pStyle")
        return self.outline_levels.get(style.get(_W + "val")) if style is not None else None

    def parsed(self) -> Parsed:
        return Parsed("\n".join(self.lines), NAME, heading_levels=self.levels, locations=self.locations)


def _style_levels(document) -> dict:
    """Style id -> heading level, from the style's name or its outline level."""
    levels = {}
    for style in document.styles:
        element = style.element
        outline = element.find(f"{_W}pPr/{_W}outlineLvl")
        match = _HEADING_STYLE.match((style.name or "").strip())
        if match:
            levels[style.style_id] = int(match.group(1))
        elif outline is not None and outline.get(_W + "val", "").isdigit() and int(outline.get(_W + "val")) < 9:
            levels[style.style_id] = int(outline.get(_W + "val")) + 1
    return levels


def _paragraph_text(paragraph) -> str:
    """A paragraph's visible text: runs and hyperlinks and insertions, not deletions or field codes.
    A line break inside a paragraph is dropped between two Chinese characters and a space otherwise,
    so a paragraph stays one line."""
    pieces = []
    for node in paragraph.iter(_W + "t", _W + "tab", _W + "br", _W + "cr", _W + "noBreakHyphen", _W + "sym"):
        if any(ancestor.tag in (_W + "del", _W + "moveFrom") for ancestor in node.iterancestors()):
            continue
        if node.tag == _W + "t":
            pieces.append(node.text or "")
        elif node.tag == _W + "tab":
            pieces.append("\t")
        elif node.tag == _W + "noBreakHyphen":
            pieces.append("-")
        elif node.tag in (_W + "br", _W + "cr"):
            pieces.append("\n")
    text = "".join(pieces)
    return re.sub(r"(?<=(.))\n(?=(.))", lambda m: "" if _is_han(m.group(1)) and _is_han(m.group(2)) else " ", text).replace("\n", "")


def _has_text(element) -> bool:
    return any((node.text or "").strip() for node in element.iter(_W + "t"))


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3000" <= char <= "\u303f" or "\uff00" <= char <= "\uffef"


def _part_element(document, name: str):
    """The root element of the footnotes or endnotes part and the part, when the file has one."""
    relationship = {"footnotes": "/footnotes", "endnotes": "/endnotes"}[name]
    for rel in document.part.rels.values():
        if rel.reltype.endswith(relationship):
            from lxml import etree

            return etree.fromstring(rel.target_part.blob), rel.target_part
    return None, None
