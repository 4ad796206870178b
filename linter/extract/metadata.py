"""Metadata read from a document's text: its publication date (and, in time,
its type), each with where it was found, for the date-dependent rules."""

import datetime
import re
from typing import Optional

_FULL_DATE = re.compile(r"(?<!\d)(\d{4})[ \t　]*\n?[ \t　]*年[ \t　]*\n?[ \t　]*(\d{1,2})[ \t　]*月[ \t　]*(\d{1,2})[ \t　]*日")
_DATE_LABEL = re.compile(r"(?:成文日期|发布日期|印发日期|出版日期|印刷日期|日期)[ \t　]*[:：][ \t　]*$")
_MASTHEAD_TAIL = re.compile(
    r"[ \t　]*(?:[(（]?[ \t　]*(?:总[ \t　]*)?第[ \t　]*\d+[ \t　]*期[ \t　]*[)）]?[ \t　]*"
    r"|[(（]?(?:星期|周)[一二三四五六日天][)）]?[ \t　]*)*$"
)


def find_masthead_date(doc):
    """The first full date standing on its own line (or beside an issue number,
    weekday or a label such as 成文日期：) as (date, line), else None."""
    for match in _FULL_DATE.finditer(doc.text):
        line_start = doc.text.rfind("\n", 0, match.start()) + 1
        line_end = doc.text.find("\n", match.end())
        before = doc.text[line_start:match.start()]
        after = doc.text[match.end(): len(doc.text) if line_end < 0 else line_end]
        if before.strip() and not _DATE_LABEL.search(before):
            continue
        if not _MASTHEAD_TAIL.match(after):
            continue
        try:
            date = datetime.date(*(int(g) for g in match.groups()))
        except ValueError:
            continue
        return date, doc.position(match.start())[0]
    return None


def parse_iso_or_chinese_date(value: str) -> Optional[datetime.date]:
    """2024-02-29 or 2024年2月29日 as a date; None when it is neither or does not exist."""
    match = re.fullmatch(r"\s*(\d{4})\s*(?:-|年)\s*(\d{1,2})\s*(?:-|月)\s*(\d{1,2})\s*日?\s*", value)
    if not match:
        return None
    try:
        return datetime.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None




_PRINT_PERMIT = re.compile(r"准印证号?[^\n\d]{0,10}\d{4,}")


def document_type(doc) -> Optional[str]:
    """The document type the text shows, or None."""
    if _PRINT_PERMIT.search(doc.text):
        # A printed 准印证号 makes it an internal publication (内部资料性出版物管理办法):
        # the newsletter pack applies without any configuration.
        return "newsletter"
    return None
