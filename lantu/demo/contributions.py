"""Demo project contributions to indicators: 阜康抽水蓄能电站 and sample power projects under way.

The source texts say when the Fukang pumped-storage plant entered operation but not its capacity,
so its amount is a sample field; the other contributions are sample data as a whole.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal as D

from lantu.demo.facts import Cite, yearend
from lantu.demo.plan_fyp15 import PLAN
from lantu.demo.sync import prune, sync_rows
from lantu.indicators.models import Indicator
from lantu.projects.models import Contribution, Project, Stage
from lantu.sources.models import SourceDocument


@dataclass(frozen=True)
class ContributionFact:
    """What a demo project adds to an indicator once it reaches a stage."""

    project: str
    indicator: str
    amount: D
    expected_year: int
    stage: str = Stage.OPERATING
    note: str = ""
    cite: Cite | None = None
    sample_fields: tuple[str, ...] = ()

    @property
    def sample(self) -> bool:
        return self.cite is None


CONTRIBUTIONS: tuple[ContributionFact, ...] = (
    ContributionFact(
        project="FK-001",
        indicator="power-capacity",
        amount=D("120"),
        expected_year=2024,
        note="投产时间见来源；装机容量来源未载，为示例数据。",
        cite=yearend("7月31日，国网新源新疆阜康抽水蓄能电站正式投产运行。"),
        sample_fields=("amount",),
    ),
    ContributionFact(
        project="MN-102",
        indicator="power-capacity",
        amount=D("132"),
        expected_year=2026,
        note="2×66万千瓦煤电机组，竣工后并网投产。",
    ),
    ContributionFact(
        project="QT-101",
        indicator="power-capacity",
        amount=D("100"),
        expected_year=2027,
        note="风光储一体化，分批并网。",
    ),
    ContributionFact(
        project="ML-102",
        indicator="power-capacity",
        amount=D("100"),
        expected_year=2027,
        note="百万千瓦风电基地二期。",
    ),
)


def contributions_load(*, now: datetime) -> int:
    """Load the demo contributions, replacing earlier demo ones; return how many there are."""
    projects = {p.code: p for p in Project.objects.filter(code__in={f.project for f in CONTRIBUTIONS})}
    indicators = {
        i.code: i
        for i in Indicator.objects.filter(plan__code=PLAN, code__in={f.indicator for f in CONTRIBUTIONS})
    }
    docs = {
        d.code: d
        for d in SourceDocument.objects.filter(code__in={f.cite.doc for f in CONTRIBUTIONS if f.cite})
    }
    rows = [
        {
            "project_id": projects[f.project].pk,
            "indicator_id": indicators[f.indicator].pk,
            "amount": f.amount,
            "stage": f.stage,
            "expected_year": f.expected_year,
            "note": f.note,
            "source_id": docs[f.cite.doc].pk if f.cite else None,
            "source_quote": f.cite.quote if f.cite else "",
            "is_sample": f.sample,
            "sample_fields": list(f.sample_fields),
        }
        for f in CONTRIBUTIONS
        if f.project in projects and f.indicator in indicators
    ]
    # Only the demo's own project–indicator pairs: contributions people added stay.
    scope = Contribution.objects.filter(project__in=projects.values(), indicator__in=indicators.values())
    kept = sync_rows(Contribution, rows, key=("project_id", "indicator_id"), scope=scope, now=now)
    prune(scope, kept.values())
    return len(kept)
