"""Read Arabic and Chinese numerals, with magnitudes, into numbers."""

import re

import cn2an

CN_DIGITS = "零〇一二两三四五六七八九"
CN_NUM_CHARS = CN_DIGITS + "十百千万亿点"
CN_NUM_RE = re.compile(f"[{CN_NUM_CHARS}]+")
ARABIC_RE = re.compile(r"\d+(?:[,，]\d{3})*(?:\.\d+)?")
FULLWIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")


def normalise_digits(text: str) -> str:
    """Turn full-width digits, dot and percent sign into ASCII (same length)."""
    return text.translate(FULLWIDTH)


def parse_number(token: str) -> float | None:
    """Return the value of an Arabic or Chinese numeral, or None."""
    token = normalise_digits(token.strip())
    if not token:
        return None
    if ARABIC_RE.fullmatch(token):
        return float(token.replace(",", "").replace("，", ""))
    scaled = re.fullmatch(r"(\d+(?:\.\d+)?)([万亿]+)", token)
    if scaled:
        value = float(scaled.group(1))
        for ch in scaled.group(2):
            value *= 1e4 if ch == "万" else 1e8
        return value
    if not CN_NUM_RE.fullmatch(token):
        return None
    if token.startswith("点") or token.endswith("点"):
        return None
    if token[0] in "百千万亿":
        token = "一" + token
    try:
        value = cn2an.cn2an(token.replace("〇", "零"), "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return float(value)


# The n-th five-year plan: 3rd = 1966-1970 ... 14th = 2021-2025, 15th = 2026-2030.
FYP_RE = re.compile(r"([一二三四五六七八九十]{1,3})五(?:规划|时期|期间|末|初|以来|”|\"|』|」)")


def five_year_plan(ordinal: str) -> tuple[int, int] | None:
    """Return the years of the n-th five-year plan named by a Chinese ordinal (十四 -> 2021-2025)."""
    n = parse_number(ordinal)
    if n is None or not 3 <= n <= 30:
        return None
    start = 1956 + 5 * (int(n) - 1)
    return start, start + 4
