"""Document extraction: turn a plan text into proposed items, quantities and projects (pure Python)."""

import re
from dataclasses import asdict, dataclass, field

from .lists import Item, find_items
from .projects import Project, find_projects
from .quantities import Quantity, find_quantities
from .tables import IndicatorRow, read_rows, row_quantities, text_lines
from .text import Cleaned, clean_text
from .units import UnitMention, match_units

__all__ = ["Extraction", "extract", "to_contract", "guess_year", "Item", "Project", "Quantity", "UnitMention"]

DATE_YEAR_RE = re.compile(r"((?:19|20)\d{2})年\d{1,2}月")
YEAR_RE = re.compile(r"((?:19|20)\d{2})年")


@dataclass
class Extraction:
    """What one document proposes, with spans into the cleaned text."""

    cleaned: Cleaned
    doc_year: int | None
    quantities: list[Quantity] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    units: list[UnitMention] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)


def guess_year(text: str) -> int | None:
    """Return the year a document was written: the latest dated year, else the latest year named."""
    dated = [int(y) for y in DATE_YEAR_RE.findall(text)]
    if dated:
        return max(dated)
    named = [int(y) for y in YEAR_RE.findall(text)]
    return max(named) if named else None


def extract(
    text: str, *, doc_year: int | None = None, known_units: dict[str, str] | None = None
) -> Extraction:
    """Read a plan text and return its proposed quantities, items, projects and unit mentions."""
    indicators, taken = read_rows(text_lines(text))
    if taken:  # the table's lines are read as rows, not as running text
        chars = list(text)
        for s, e in taken:
            chars[s:e] = " " * (e - s)
        cleaned = clean_text("".join(chars))
        cleaned.original = text
    else:
        cleaned = clean_text(text)
    year = doc_year or guess_year(cleaned.text)
    quantities = find_quantities(cleaned, doc_year=year)
    items = find_items(cleaned)
    known = known_units or {}
    units = match_units(cleaned.text, known) if known else []
    places = [u.text for u in units]
    projects = find_projects(cleaned, quantities, places)
    quantities = [q for q in quantities if not _project_investment(q, projects)]
    return Extraction(cleaned, year, quantities, items, projects, units, indicators)


def _project_investment(q: Quantity, projects: list[Project]) -> bool:
    """Tell whether a figure is a named project's investment (总投资120亿元), not an indicator of the plan."""
    return "总投资" in q.subject and any(
        p.sentence_start <= q.start < p.sentence_end
        and p.investment == q.value
        and p.investment_unit == q.unit
        for p in projects
    )


def to_contract(ex: Extraction) -> dict:
    """Return the JSON contract of `lantu extract` (score.py format, plus spans into the original text)."""
    c = ex.cleaned

    def span(s: int, e: int) -> list[int]:
        return list(c.original_span(s, e))

    quantities = []
    for q in ex.quantities:
        d = asdict(q)
        d["text"] = c.text[q.sentence_start : q.sentence_end].strip()
        d["span"] = span(q.start, q.end)
        d["sentence_span"] = span(q.sentence_start, q.sentence_end)
        quantities.append(d)
    items = [dict(asdict(i), span=span(i.start, i.end)) for i in ex.items]
    projects = [dict(asdict(p), span=span(p.start, p.end), location=p.location or None) for p in ex.projects]
    units = [dict(asdict(u), span=span(u.start, u.end)) for u in ex.units]
    for row in ex.indicators:
        quantities.extend(row_quantities(row))
    return {
        "year": ex.doc_year,
        "quantities": quantities,
        "indicators": [asdict(r) for r in ex.indicators],
        "items": items,
        "projects": projects,
        "units": units,
    }
