"""Building Word and PDF fixtures from text, for the reader tests and bench/.

Word files come from python-docx; PDFs from reportlab with its built-in CID
font STSong-Light, which needs no font file: each text line is set as a
paragraph (first line indented by two characters, wrapped at the page
width), an empty line leaves an empty line's space, and every page gets a
centred page number ("- 3 -") in its footer. STSong-Light draws no U+00B7
middle dot (英才·青年); its katakana middle dot is extracted as one, so that
is drawn instead.
"""

from pathlib import Path
from typing import Dict, Optional, Sequence


def write_docx(path: Path, lines: Sequence[str], heading_levels: Optional[Dict[int, int]] = None, header: str = "",
               footer: str = "", table: Sequence[Sequence[str]] = ()) -> Path:
    """A .docx with one paragraph per line (1-based `heading_levels` get Heading N styles),
    an optional header and footer paragraph, and an optional table after the paragraphs."""
    import docx

    document = docx.Document()
    for number, line in enumerate(lines, 1):
        level = (heading_levels or {}).get(number)
        if level:
            document.add_heading(line, level)
        else:
            document.add_paragraph(line)
    if table:
        grid = document.add_table(rows=len(table), cols=max(len(row) for row in table))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    section = document.sections[0]
    if header:
        section.header.paragraphs[0].text = header
    if footer:
        section.footer.paragraphs[0].text = footer
    document.save(str(path))
    return path


def write_as(target: Path, text: str) -> Path:
    """`text` written in the format its suffix names: .docx (a paragraph per line), .pdf, or plain text."""
    if target.suffix == ".docx":
        return write_docx(target, text.split("\n"))
    if target.suffix == ".pdf":
        return write_pdf(target, text)
    target.write_text(text, encoding="utf-8")
    return target


FONT = "STSong-Light"


def write_pdf(path: Path, text: str, size: float = 11, margin: float = 60, page_numbers: bool = True, pages_of_text: bool = True) -> Path:
    """A PDF of `text` set in STSong-Light; `pages_of_text=False` draws no text at all (a scanned page)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    pdf = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    leading, y, page = size * 1.6, height - margin, 1

    def finish_page():
        if page_numbers:
            pdf.setFont(FONT, 9)
            pdf.drawCentredString(width / 2, 30, f"- {page} -")
        pdf.showPage()

    if not pages_of_text:
        pdf.rect(margin, margin, width - 2 * margin, height - 2 * margin)
        pdf.showPage()
        pdf.save()
        return path
    indent = 2 * size
    for paragraph in text.replace("·", "・").split("\n"):
        pieces = _wrap(paragraph, width - 2 * margin - indent, width - 2 * margin, size, pdfmetrics) if paragraph else [""]
        for index, piece in enumerate(pieces):
            if y < margin:
                finish_page()
                page += 1
                y = height - margin
            pdf.setFont(FONT, size)
            pdf.drawString(margin + (indent if index == 0 else 0), y, piece)
            y -= leading
    finish_page()
    pdf.save()
    return path


def _wrap(paragraph: str, first_width: float, width: float, size: float, pdfmetrics):
    lines, current = [], ""
    for char in paragraph:
        if current and char != " " and pdfmetrics.stringWidth(current + char, FONT, size) > (width if lines else first_width):
            lines.append(current)  # a space stays at the end of its line, as typesetting does
            current = char
        else:
            current += char
    return lines + [current]


_FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def add_footnotes(path: Path, notes: Sequence[str]) -> Path:
    """Give a .docx a footnotes part (python-docx writes none): Word's two separator
    notes, then one footnote per text."""
    import zipfile

    body = "".join(
        f'<w:footnote w:id="{i}"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:footnote>' for i, text in enumerate(notes, 1)
    )
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{_W_NS}">'
           '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
           '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
           f"{body}</w:footnotes>")
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["word/footnotes.xml"] = xml.encode("utf-8")
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", f'<Override PartName="/word/footnotes.xml" ContentType="{_FOOTNOTES_TYPE}"/></Types>'.encode())
    rels = "word/_rels/document.xml.rels"
    parts[rels] = parts[rels].replace(
        b"</Relationships>", f'<Relationship Id="rIdFootnotes" Type="{_FOOTNOTES_REL}" Target="footnotes.xml"/></Relationships>'.encode())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def add_tracked_deletion(path: Path, paragraph_index: int, deleted: str) -> Path:
    """Append a tracked deletion (w:del) to a body paragraph of a .docx."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document(str(path))
    paragraph = document.paragraphs[paragraph_index]._p
    paragraph.append(parse_xml(f'<w:del xmlns:w="{_W_NS}" w:id="1" w:author="审校" w:date="2024-03-01T00:00:00Z">'
                               f'<w:r><w:delText>{deleted}</w:delText></w:r></w:del>'))
    document.save(str(path))
    return path
