"""The two Changji Daily pages the demo facts are cited from, and their texts."""

import re
from functools import cache
from pathlib import Path

from lantu.demo.facts import FYP, YEAREND, SourceFact

TEXTS_DIR = Path(__file__).resolve().parent / "texts"

# Neither page prints its own issue date: the plenary met on 2025-11-21 and the year-end
# review ran at the close of 2024, so published_on stays empty rather than guessed.
SOURCES: tuple[SourceFact, ...] = (
    SourceFact(
        code=YEAREND,
        title="年终盘点——典范地州·典范行动（总）：昌吉州全力锚定典范地州目标（2024年末）",
        publisher="昌吉日报",
        published_on=None,
        filename=f"{YEAREND}.txt",
    ),
    SourceFact(
        code=FYP,
        title="擎旗“十五五” 勇担千钧重任——昌吉州党委十二届十一次全会侧记及专访（2025年11月）",
        publisher="昌吉日报",
        published_on=None,
        filename=f"{FYP}.txt",
    ),
)

_SPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    """Remove all whitespace, joining lines the page layout broke."""
    return _SPACE.sub("", text)


@cache
def source_text(code: str) -> str:
    """Return the raw text of a source document."""
    fact = next(s for s in SOURCES if s.code == code)
    return (TEXTS_DIR / fact.filename).read_text(encoding="utf-8")


def quote_found(code: str, quote: str) -> bool:
    """Return whether a quote occurs in the source text, whitespace ignored."""
    return bool(squeeze(quote)) and squeeze(quote) in squeeze(source_text(code))
