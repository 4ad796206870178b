"""Telling a text file's encoding: a BOM, the NUL pattern of BOM-less UTF-16/32,
UTF-8, then GB18030 or Big5 judged by the characters each decoding gives.

GB18030 decodes almost any byte string, so "it decoded" proves nothing: a
Big5 file read as GB18030 is mojibake full of private-use and kana
characters. Each legacy candidate is scored by how much of its Han text is
made of the most frequent characters (written alike in simplified and
traditional script); a real text scores several times higher than a wrong
decoding. When neither candidate is clearly right the file gets an error that
names the config key to set, never a guess.
"""

import codecs
import unicodedata
from typing import Optional, Tuple

from linter.errors import UserError
from linter.readers import Encoding

_BOMS = (  # UTF-32 first: its little-endian BOM begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
LEGACY = ("gb18030", "big5")

# About 300 of the most frequent Chinese characters that simplified and
# traditional script write alike (的 是 在 有 人 中 …): any real Chinese text is
# largely made of them, a wrong decoding almost never.
_FREQUENT = set(
    "的一是在不了有和人中大上以要他到作地出就分成可主年同工也能下子方多定行法所民得十三之等部度家力如水化高自二理起"
    "小物加都使本去把性它合因由其些然前外天政四日社事平形相全表各重新内正心反明看原又利比或但第向道此只意建月公者最"
    "立代想已通提直五果位入常文次品式活及特件求老基流路少山知手期根指九西被做必先回任取南色光即保治北百七海口志世金"
    "增思交受六共收改清己美再更打白教花安身例真具每目至走示八名才科信米整空元今集土步石需研界林律且究算低持音布容非"
    "深近千周委素半青省列支史感便往市何除府太精值率族存候快效查江型眼王按格易置派片始却育京属包火住局照参引严我你您"
    "院病患士生命健康服"
)
_MIN_SHARE = 0.12  # whole real files scored 0.35 or more; clean wrong decodings of them never occurred
_MARGIN = 2.0  # the better of two clean decodings must score this many times the other
_MIN_HAN = 6  # fewer Han characters than this cannot be scored (bench/encodings.py)
_SAMPLE = 200_000  # characters scored: enough to tell, and a 20 MB file costs no more than a small one


def decode(data: bytes, path, codec: Optional[str] = None) -> Tuple[str, Encoding]:
    """The text of a file and how it was encoded; UserError when binary or undecidable.
    `codec` (the config's `encoding:` for this file) skips detection."""
    if codec:
        return _decode_as(data, path, codec, b"")
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _decode_as(data[len(bom):], path, name, bom)
    if b"\x00" in data:
        name = _nul_pattern(data)
        if name is None:
            raise UserError(path, "looks like a binary file (contains NUL bytes); only text, Markdown, Word (.docx) and PDF files are linted")
        return _decode_as(data, path, name, b"")
    try:
        return _with_newline(data.decode("utf-8"), "utf-8", b"")
    except UnicodeDecodeError:
        pass
    decoded = {}
    for name in LEGACY:
        try:
            decoded[name] = data.decode(name)
        except UnicodeDecodeError:
            continue
    choice = _likeliest(decoded)
    if choice:
        return _with_newline(decoded[choice], choice, b"")
    tried = ", ".join(decoded) or "none"
    raise UserError(path, f"cannot tell its encoding (not UTF-8; decodes as: {tried}); "
                          "name it in .reportlint.yaml, e.g. `encoding: {\"*.txt\": gb18030}`")


def _likeliest(decoded: dict) -> Optional[str]:
    """The legacy encoding whose decoding reads as Chinese, when one clearly does."""
    scores = {name: _plausibility(text) for name, text in decoded.items()}
    judged = sorted(((score, name) for name, score in scores.items() if score is not None), reverse=True)
    if not judged:  # too little Han text to judge: only a sole clean decoding will do
        clean = [name for name, text in decoded.items() if _clean(text)]
        return clean[0] if len(clean) == 1 else None
    best, name = judged[0]
    runner_up = judged[1][0] if len(judged) > 1 else 0.0
    return name if best >= _MIN_SHARE and best >= _MARGIN * runner_up else None


def _decode_as(data: bytes, path, codec: str, bom: bytes) -> Tuple[str, Encoding]:
    try:
        return _with_newline(data.decode(codec), codecs.lookup(codec).name, bom)
    except LookupError:
        raise UserError(path, f"unknown encoding {codec!r}")
    except UnicodeDecodeError as error:
        raise UserError(path, f"is not valid {codec} (byte {error.start + len(bom)}); check the `encoding:` set for it")


def _with_newline(text: str, codec: str, bom: bytes) -> Tuple[str, Encoding]:
    newline = "\r\n" if "\r\n" in text else "\r" if "\r" in text else "\n"
    return text, Encoding(codec, bom, newline)


def _nul_pattern(data: bytes) -> Optional[str]:
    """BOM-less UTF-16/32 by where the NUL bytes fall (ASCII characters, line
    breaks and digits carry one or three); None for anything else (binary)."""
    if len(data) % 4 == 0 and len(data) >= 8:
        if not any(data[2::4]) and not any(data[3::4]):
            return "utf-32-le"
        if not any(data[0::4]) and not any(data[1::4]):
            return "utf-32-be"
    if len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    # ASCII puts its NUL on one side, but Han characters such as 一 (U+4E00) put one on
    # the other, so a text of dates and figures has NULs on both: the side with more is
    # tried first, and a decoding counts when it reads as text (never a U+0000 in it).
    for name in (("utf-16-le", "utf-16-be") if odd >= even else ("utf-16-be", "utf-16-le")):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text and _clean(text):
            return name
    return None


def _plausibility(text: str) -> Optional[float]:
    """The share of frequent characters in the Han text, or None when there is too little
    Han text to judge; 0.0 when the text holds characters no real document does."""
    text = text[:_SAMPLE]
    if not _clean(text):
        return 0.0
    han = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    if len(han) < _MIN_HAN:
        return None
    return sum(c in _FREQUENT for c in han) / len(han)


def _clean(text: str) -> bool:
    """No private-use, kana, Hangul or control characters beyond a stray few (a wrong decoding is full of them)."""
    text = text[:_SAMPLE]
    junk = sum(1 for c in text if _is_junk(c))
    return junk <= max(2, len(text) // 500)


def _is_junk(char: str) -> bool:
    if char in "\t\n\r\f":
        return False
    if "\u3040" <= char <= "\u30ff" or "\uac00" <= char <= "\ud7af" or "\uff61" <= char <= "\uff9f":
        return True  # kana, Hangul, half-width katakana
    return unicodedata.category(char) in ("Co", "Cc", "Cs", "Cn")
