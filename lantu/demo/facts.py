"""Plain-data shapes of the Changji demo facts: each carries a citation or a sample mark.

Pure Python (no Django): the data modules build these, the loader turns them into rows.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

FYP = "changji-15th-fyp-plenary-2025-11"
FYP15_PLAN = "fyp15"
YEAREND = "changji-model-prefecture-yearend-2024"


@dataclass(frozen=True)
class Cite:
    """A source document code and the sentence quoted verbatim from it."""

    doc: str
    quote: str


def fyp(quote: str) -> Cite:
    """Cite the 2025-11 plenary page (十五五 规划建议)."""
    return Cite(FYP, quote)


def yearend(quote: str) -> Cite:
    """Cite the 2024 year-end 典范地州 page."""
    return Cite(YEAREND, quote)


@dataclass(frozen=True, kw_only=True)
class Fact:
    """Citation and sample marks shared by every fact."""

    cite: Cite | None = None
    sample: bool = False
    sample_fields: tuple[str, ...] = ()

    def cited_fields(self) -> dict[str, object]:
        """Return the Cited model fields, with the source given by its code."""
        return {
            "source_code": self.cite.doc if self.cite else None,
            "source_quote": self.cite.quote if self.cite else "",
            "is_sample": self.sample,
            "sample_fields": list(self.sample_fields),
        }


@dataclass(frozen=True, kw_only=True)
class SourceFact:
    """A source document of the demo."""

    code: str
    title: str
    publisher: str
    published_on: date | None
    filename: str


@dataclass(frozen=True, kw_only=True)
class UnitFact(Fact):
    """An org unit."""

    code: str
    name: str
    short_name: str = ""
    kind: str
    parent: str | None = None
    order: int = 0


@dataclass(frozen=True, kw_only=True)
class ClusterFact(Fact):
    """An industrial cluster."""

    code: str
    name: str
    tier: str
    order: int = 0


@dataclass(frozen=True, kw_only=True)
class PlanFact(Fact):
    """A plan or action programme."""

    code: str
    name: str
    short_name: str = ""
    kind: str
    start_year: int
    end_year: int
    baseline_year: int
    owner: str
    summary: str = ""
    order: int = 0


@dataclass(frozen=True, kw_only=True)
class ItemFact(Fact):
    """A plan item; its parent is the code without the last segment."""

    plan: str
    code: str
    level: str
    title: str
    lead: str
    description: str = ""
    deadline: date | None = None
    partners: tuple[str, ...] = ()
    clusters: tuple[str, ...] = ()

    @property
    def parent_code(self) -> str | None:
        """Return the parent item's code, or None for a root item."""
        head, _, _ = self.code.rpartition(".")
        return head or None

    @property
    def depth(self) -> int:
        """Return how deep the item sits in its tree (0 for a root)."""
        return self.code.count(".")


@dataclass(frozen=True, kw_only=True)
class ObservationFact(Fact):
    """A real (cited) observed value of an indicator."""

    period: str
    value: Decimal
    state: str = "approved"
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class IndicatorFact(Fact):
    """An indicator of the 十五五 plan, with what the demo generator needs to make its 2026 data.

    `demo_ratio` is the achievement (share of the expected progress) the latest generated value
    reaches; `demo_states` overrides the review state of chosen generated periods.
    """

    code: str
    name: str
    unit: str
    attribute: str = "expected"
    direction: str = "higher"
    responsible: str
    frequency: str = "annual"
    data_source: str = ""
    baseline_year: int
    baseline_value: Decimal
    target_kind: str
    target_year: int = 2030
    target_value: Decimal | None = None
    target_rate: Decimal | None = None
    items: tuple[str, ...] = ()
    headline: bool = False
    note: str = ""
    order: int = 0
    decimals: int = 2
    demo_ratio: float = 1.0
    demo_series: tuple[tuple[str, Decimal], ...] = ()
    demo_states: dict[str, str] = field(default_factory=dict)
    observations: tuple[ObservationFact, ...] = ()


@dataclass(frozen=True, kw_only=True)
class AnnualPlanFact(Fact):
    """A cited annual investment figure of a project."""

    year: int
    yi: Decimal


@dataclass(frozen=True, kw_only=True)
class ProjectFact(Fact):
    """A major project; money in 亿元 here, stored in 万元.

    `plan_2026_yi` is the (sample) 2026 investment plan; `pace` scales the generated monthly
    completion against that plan (below 1 lags); `start_progress` is the physical progress at the
    start of 2026; `start_month` is the first reported month of 2026.
    """

    code: str
    name: str
    county: str
    park: str | None = None
    lead: str
    cluster: str | None = None
    stage: str
    total_yi: Decimal | None = None
    start_year: int | None = None
    end_year: int | None = None
    plan: str | None = "fyp15"
    items: tuple[str, ...] = ()
    description: str = ""
    plan_2026_yi: Decimal | None = None
    pace: float = 1.0
    start_progress: float = 0.0
    start_month: int = 1
    annual_plans: tuple[AnnualPlanFact, ...] = ()


def plan_item(
    plan: str,
    level: str,
    code: str,
    title: str,
    lead: str,
    cite: Cite | None,
    *,
    lead_named: bool = True,
    parent_named: bool = True,
    deadline: int | date | None = None,
    deadline_cited: bool = False,
    clusters: tuple[str, ...] = (),
    partners: tuple[str, ...] = (),
    description: str = "",
) -> ItemFact:
    """Build a plan item; without a citation it is sample, with one the guessed fields are listed.

    A guessed parent, an unnamed lead unit and a deadline the text does not give (an int year means
    its 31 December) become sample fields.
    """
    if isinstance(deadline, int):
        deadline = date(deadline, 12, 31)
    flags: list[str] = []
    if cite is not None:
        flags += [] if parent_named or "." not in code else ["parent"]
        flags += [] if lead_named else ["lead_unit"]
        flags += [] if deadline is None or deadline_cited else ["deadline"]
    return ItemFact(
        plan=plan,
        level=level,
        code=code,
        title=title,
        lead=lead,
        deadline=deadline,
        clusters=clusters,
        partners=partners,
        description=description,
        cite=cite,
        sample=cite is None,
        sample_fields=tuple(flags),
    )


def tree_order(code: str) -> tuple[int, ...]:
    """Return a sort key that lists a plan tree depth first (1, 1.1, 1.1.1, 1.2, 2)."""
    return tuple(int(part) for part in code.split("."))
