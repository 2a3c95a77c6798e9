"""Propose a finding from a passage a reviewer selected: the extractor's own parsers read the selection.

A reviewer adds what the extractor missed by selecting it in the source text and saying what it is (a
value, a list member, a measure, a project); the fields of the form are filled from the selection, and the
reviewer corrects them before the finding joins the list.
"""

from dataclasses import dataclass

from .items import strip_end
from .projects import _clean_name, find_projects
from .quantities import find_quantities
from .text import BULLET_RE, NUMBERING_RE, clean_text

KINDS = ("quantity", "list", "measure", "project")


@dataclass
class Selected:
    """The fields a selection proposes for a new finding of one kind."""

    kind: str
    title: str
    value: float | None = None
    unit: str = ""
    year: int | None = None
    investment: float | None = None
    investment_unit: str = ""
    location: str = ""
    start_year: int | None = None


def _title(passage: str) -> str:
    """Return a list member's or measure's title: no numbering, bullet or closing punctuation."""
    title = passage.strip()
    for _ in range(2):
        title = NUMBERING_RE.sub("", BULLET_RE.sub("", title)).strip()
    return strip_end(title)[:300]


def propose(passage: str, kind: str, *, doc_year: int | None = None) -> Selected:
    """Return the fields a selected passage gives a finding of the kind (quantity, list, measure, project)."""
    if kind not in KINDS:
        raise ValueError(kind)
    passage = passage.strip()
    if kind in ("list", "measure"):
        return Selected(kind, _title(passage))
    cleaned = clean_text(passage)
    quantities = find_quantities(cleaned, doc_year=doc_year)
    if kind == "quantity":
        if not quantities:
            return Selected(kind, _title(passage))
        q = quantities[0]
        return Selected(kind, q.subject or _title(passage), q.value, q.unit, q.year)
    projects = find_projects(cleaned, quantities)
    if projects:
        p = projects[0]
        return Selected(
            kind, p.name, investment=p.investment, investment_unit=p.investment_unit,
            location=p.location, start_year=p.start_year,
        )  # fmt: skip
    return Selected(kind, (_clean_name(_title(passage)) or _title(passage))[:300])
