"""Chinese numerals read as numbers (十 → 10, 二〇二四 → 2024, 一万二千 → 12000):
shared by the date, figure and enumeration readers and the doubled-character
check, and kept apart from them so that none pulls in the others."""

from typing import Optional


_CN_VALUES = {"〇": 0, "零": 0, "○": 0, "◯": 0, "O": 0, "Ｏ": 0, "0": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_SCALES = {"万": 10_000, "亿": 100_000_000}


def chinese_number(text: str, digit_by_digit: bool = True):
    """十 → 10, 二十九 → 29, 廿三 → 23, 卅 → 30, 初十 → 10, 三千 → 3000, 一万二千 → 12000,
    三十点五 → 30.5. Digits without 十百千万亿 are read one by one (二〇二四 → 2024) or,
    with `digit_by_digit=False`, taken for an approximate range (两三, 三四): None."""
    text = text.replace("廿", "二十").replace("卅", "三十").lstrip("初")
    whole, _, decimals = text.partition("点")
    if not whole or any(c not in _CN_VALUES for c in whole + decimals if c not in _CN_UNITS and c not in _CN_SCALES):
        return None
    if not any(c in _CN_UNITS or c in _CN_SCALES for c in whole + decimals):
        if len(whole) > 1 and not digit_by_digit:
            return None
        value = int("".join(str(_CN_VALUES[c]) for c in whole))
    else:
        value = _positional(whole)
    if value is not None and decimals:
        if any(c in _CN_UNITS or c in _CN_SCALES for c in decimals):
            return None
        value += float("0." + "".join(str(_CN_VALUES[c]) for c in decimals))
    return value


def _positional(text: str) -> Optional[int]:
    """三千 → 3000, 一万二千 → 12000; None for two digits in a row (两三百)."""
    total, section, digit, after_digit = 0, 0, None, False
    for char in text:
        if char in _CN_VALUES:
            if after_digit and digit and _CN_VALUES[char]:
                return None
            digit, after_digit = _CN_VALUES[char], True
        elif char in _CN_UNITS:
            if digit is None and char != "十":
                return None
            section += (1 if digit is None else digit) * _CN_UNITS[char]
            digit, after_digit = None, False
        else:  # 万, 亿
            total = (total + section + (digit or 0)) * _CN_SCALES[char]
            section, digit, after_digit = 0, None, False
    return total + section + (digit or 0)
