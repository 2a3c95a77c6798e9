"""Sample data: indicator observations (2026, and the years before the baseline) and monthly
project reports, from a fixed seed.

Pure Python. Each indicator or project draws from its own generator seeded with the demo seed
and its code, so adding one never changes the others. The demo stands in November 2026 with
reports up to October; annual 2026 values are the year's estimates (年度预计值).
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from random import Random

from lantu.core.periods import parse_period, years_since
from lantu.core.trajectory import Target, TargetKind, expected_value
from lantu.core.units import yi_to_wan
from lantu.demo.facts import IndicatorFact, ProjectFact
from lantu.demo.indicators import DEMO_JUMPS
from lantu.dispatch.kept import REPORTING_STAGES

SEED = 20261115
DEMO_YEAR = 2026
HISTORY_YEARS = 4  # sample values for the years before the baseline, so charts show a trend
LAST_MONTH = 10
# Share of a year's investment done in each month: little in the Xinjiang winter.
MONTH_WEIGHTS = (0.02, 0.03, 0.06, 0.09, 0.11, 0.12, 0.12, 0.12, 0.11, 0.10, 0.07, 0.05)
_BOTTLENECKS = ("用地手续办理", "资金到位不足", "能耗指标落实", "环评审批", "设备到货延迟")


@dataclass(frozen=True)
class ObservationRow:
    """A generated observation."""

    period: str
    value: Decimal
    state: str
    note: str = ""


@dataclass(frozen=True)
class ReportRow:
    """A generated monthly progress report."""

    period: str
    completed: Decimal
    cumulative: Decimal
    progress: Decimal | None
    narrative: str
    state: str


def rng_for(code: str) -> Random:
    """Return the seeded generator of one indicator or project."""
    return Random(f"{SEED}:{code}")


def target_of(fact: IndicatorFact) -> Target:
    """Return the core target of an indicator fact."""
    return Target(
        kind=TargetKind(fact.target_kind),
        baseline_year=fact.baseline_year,
        baseline_value=float(fact.baseline_value),
        target_year=fact.target_year,
        target_value=None if fact.target_value is None else float(fact.target_value),
        rate=None if fact.target_rate is None else float(fact.target_rate) / 100,
        lower_is_better=fact.direction == "lower",
        binding=fact.attribute == "binding",
    )


def observation_periods(fact: IndicatorFact) -> list[str]:
    """Return the periods the demo reports for an indicator, oldest first."""
    periods = [str(y) for y in range(fact.baseline_year + 1, DEMO_YEAR)]
    if fact.frequency == "monthly":
        return periods + [f"{DEMO_YEAR}-{m:02d}" for m in range(1, LAST_MONTH + 1)]
    if fact.frequency == "quarterly":
        return periods + [f"{DEMO_YEAR}Q{q}" for q in range(1, LAST_MONTH // 3 + 1)]
    return periods + [str(DEMO_YEAR)]


def _quantize(value: float, decimals: int) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def history_observations(fact: IndicatorFact) -> list[ObservationRow]:
    """Return approved sample values for the years before the baseline, leading up to it.

    Between a cited earlier value and the baseline the history follows the compound growth the two
    imply; otherwise it runs backwards along the plan's own expected yearly change. Bounds (ceiling,
    floor) and hand-written series get none.
    """
    if fact.demo_series or fact.frequency != "annual" or fact.target_kind in ("ceiling", "floor"):
        return []
    rng = Random(f"{SEED}:{fact.code}:history")
    target = target_of(fact)
    base = target.baseline_value
    cited = {
        int(o.period): float(o.value)
        for o in fact.observations
        if o.period.isdigit() and int(o.period) < fact.baseline_year
    }
    rows = []
    for year in range(fact.baseline_year - HISTORY_YEARS, fact.baseline_year):
        if year in cited or base <= 0:
            continue
        back = fact.baseline_year - year
        earlier = [y for y in cited if y < year]
        if earlier:
            y0 = max(earlier)
            growth = (base / cited[y0]) ** (1 / (fact.baseline_year - y0))
            value = base / growth**back
        elif target.kind == TargetKind.LEVEL:
            value = base - (expected_value(target, 1) - base) * back
        else:
            value = base / (expected_value(target, 1) / base) ** back
        value *= 1 + rng.uniform(-0.01, 0.01)
        if value > 0:
            rows.append(
                ObservationRow(str(year), _quantize(value, fact.decimals), "approved", "历史数据（示例）")
            )
    return rows


def generated_observations(fact: IndicatorFact) -> list[ObservationRow]:
    """Return an indicator's sample history and its observations along the path scaled by `demo_ratio`."""
    if fact.demo_series:
        return [ObservationRow(p, v, fact.demo_states.get(p, "approved")) for p, v in fact.demo_series]
    rows = history_observations(fact)
    rng = rng_for(fact.code)
    target = target_of(fact)
    base = target.baseline_value
    previous: float | None = None
    for label in observation_periods(fact):
        t = years_since(fact.baseline_year, parse_period(label).year_fraction)
        ratio = fact.demo_ratio * (1 + rng.uniform(-0.02, 0.02))
        if target.kind in (TargetKind.CEILING, TargetKind.FLOOR):
            value = expected_value(target, t) * ratio
        else:
            value = base + (expected_value(target, t) - base) * ratio
        # Stocks and levels move one way along the path; a generated dip would only be noise.
        if previous is not None:
            value = min(value, previous) if target.lower_is_better else max(value, previous)
        previous = value
        note = "年度预计值" if label == str(DEMO_YEAR) else ""
        state = fact.demo_states.get(label, "approved")
        jump = DEMO_JUMPS.get(fact.code)
        if jump and jump[0] == label:
            value, state, note = value * jump[1], "submitted", jump[2]
        rows.append(ObservationRow(label, _quantize(value, fact.decimals), state, note))
    return rows


def _report_state(index: int, month: int) -> str:
    """Return the review state: the last month is still being reported for many projects."""
    if month < LAST_MONTH:
        return "approved"
    return ("draft", "submitted", "submitted", "approved", "approved")[index % 5]


def _narrative(fact: ProjectFact, rng: Random, completed: Decimal) -> str:
    if fact.stage == "preparation":
        return f"前期手续办理中，本月完成前期投资{completed}万元。"
    if completed == 0:
        return "冬季停工，开展施工准备。"
    if fact.pace < 0.85:
        return f"受{rng.choice(_BOTTLENECKS)}影响进度滞后，本月完成投资{completed}万元。"
    return (
        rng.choice(("按计划有序推进", "施工有序推进", "主体工程加快建设"))
        + f"，本月完成投资{completed}万元。"
    )


def _progress_gain(fact: ProjectFact) -> float:
    """Return the physical progress a project plans to gain in 2026."""
    if fact.stage == "completed":
        return 100 - fact.start_progress
    if fact.stage == "new":
        return 35.0
    return min(100 - fact.start_progress, 40.0)


def generated_reports(fact: ProjectFact, index: int) -> list[ReportRow]:
    """Return a project's monthly 2026 reports; year-to-date investment and progress never shrink."""
    if fact.plan_2026_yi is None or fact.stage not in REPORTING_STAGES:
        return []
    rng = rng_for(fact.code)
    plan = yi_to_wan(fact.plan_2026_yi)
    remaining = sum(MONTH_WEIGHTS[fact.start_month - 1 :])
    share = 0.0
    cumulative = Decimal(0)
    progress = fact.start_progress
    rows: list[ReportRow] = []
    for month in range(fact.start_month, LAST_MONTH + 1):
        share += MONTH_WEIGHTS[month - 1] / remaining
        done_share = share * fact.pace * (1 + rng.uniform(-0.05, 0.05))
        reached = max((plan * Decimal(str(round(done_share, 4)))).quantize(Decimal(1)), cumulative)
        completed, cumulative = reached - cumulative, reached
        physical: Decimal | None = None
        if fact.stage != "preparation":
            # The year's physical gain is planned to be done by 85 % of the year's investment.
            progress = max(progress, fact.start_progress + _progress_gain(fact) * min(1.0, done_share / 0.85))
            physical = _quantize(min(progress, 100.0), 1)
        rows.append(
            ReportRow(
                period=f"{DEMO_YEAR}-{month:02d}",
                completed=completed,
                cumulative=cumulative,
                progress=physical,
                narrative=_narrative(fact, rng, completed),
                state=_report_state(index, month),
            )
        )
    return rows
