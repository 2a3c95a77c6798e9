"""A project's value for factor allocation, scored criterion by criterion with weights a planner sets.

Each criterion turns one fact about a project into a number between 0 and 1 against the best of the
candidates (ratios such as 亩均税收 linearly, sizes such as jobs on a log scale so that one giant
does not flatten the rest); the score is 100 × the weighted mean. A project without the fact for a
criterion gets 0 there and the explanation says 缺数据, never a silent zero.
"""

import math
from dataclasses import dataclass, field

from lantu.core.allocation_value import READINESS

# code, Chinese name, unit of the fact, scale
CRITERIA: tuple[tuple[str, str, str, str], ...] = (
    ("land_tax", "亩均税收", "万元/亩", "linear"),
    ("land_output", "亩均产值", "万元/亩", "linear"),
    ("energy", "单位能耗增加值", "万元/吨标准煤", "linear"),
    ("jobs", "新增就业", "人", "log"),
    ("tax", "年税收", "万元", "log"),
    ("cluster", "战略产业集群", "", "linear"),
    ("readiness", "前期成熟度", "", "linear"),
    ("contribution", "规划指标贡献", "", "linear"),
)
CODES = tuple(code for code, *_ in CRITERIA)
# A 100-billion cluster counts fully, a 10-billion one partly, a project outside the clusters little.
CLUSTER_SCORE = {"100b": 1.0, "10b": 0.6, "other": 0.2}
CLUSTER_NAMES = {"100b": "千亿级集群", "10b": "百亿级集群", "other": "其他集群"}
STAGE_NAMES = {
    "reserve": "储备",
    "preparation": "前期",
    "new": "新开工",
    "continuing": "续建",
    "completed": "竣工",
    "operating": "投产",
}
BINDING_WEIGHT = 2.0  # a binding (约束性) indicator's gap weighs twice an expected one's


@dataclass(frozen=True)
class IndicatorGap:
    """What is left to an indicator's target, measured in its direction of improvement."""

    code: str
    name: str
    needed: float  # positive while the latest value falls short of the target
    binding: bool


@dataclass(frozen=True)
class Facts:
    """What is known of a project for scoring; None where it is not known."""

    code: str
    land_tax: float | None = None
    land_output: float | None = None
    energy: float | None = None
    jobs: float | None = None
    tax: float | None = None
    cluster_tier: str | None = None
    stage: str | None = None
    # (indicator code, the project's unrealised change toward the target)
    contributions: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class Part:
    """One criterion of one project's score."""

    criterion: str
    raw: float | None
    normalised: float
    weight: float
    points: float
    text: str

    @property
    def missing(self) -> bool:
        """Return whether the project lacks the fact this criterion needs."""
        return self.raw is None


@dataclass(frozen=True)
class Score:
    """A project's score and why."""

    code: str
    total: float
    parts: tuple[Part, ...] = field(default_factory=tuple)

    @property
    def missing(self) -> tuple[str, ...]:
        """Return the weighted criteria the project has no data for."""
        return tuple(p.criterion for p in self.parts if p.missing and p.weight > 0)

    def explain(self) -> str:
        """Return the score criterion by criterion, e.g. 亩均税收 12万元/亩 → 0.8 × 权重3 = 20分."""
        return "；".join(p.text for p in self.parts if p.weight > 0)


def name_of(criterion: str) -> str:
    """Return a criterion's Chinese name."""
    return next(name for code, name, *_ in CRITERIA if code == criterion)


def contribution_value(facts: Facts, gaps: dict[str, IndicatorGap]) -> tuple[float | None, str]:
    """Return the share of remaining gaps the project closes (binding ×2), and which indicators."""
    if not facts.contributions:
        return None, ""
    total, named = 0.0, []
    for indicator, change in facts.contributions:
        gap = gaps.get(indicator)
        if gap is None or gap.needed <= 0:
            named.append(f"{gap.name if gap else indicator}已达目标")
            continue
        closed = min(max(change, 0.0) / gap.needed, 1.0)
        weight = BINDING_WEIGHT if gap.binding else 1.0
        total += weight * closed
        kind = "约束性" if gap.binding else "预期性"
        named.append(f"{gap.name}（{kind}）缺口的{_number(closed * 100)}%")
    return total, "、".join(named)


def raw_values(facts: Facts, gaps: dict[str, IndicatorGap]) -> dict[str, tuple[float | None, str]]:
    """Return each criterion's fact for the project with a note on where it comes from."""
    contribution, note = contribution_value(facts, gaps)
    cluster = CLUSTER_SCORE.get(facts.cluster_tier or "") if facts.cluster_tier else None
    readiness = READINESS.get(facts.stage or "") if facts.stage else None
    return {
        "land_tax": (facts.land_tax, ""),
        "land_output": (facts.land_output, ""),
        "energy": (facts.energy, ""),
        "jobs": (facts.jobs, ""),
        "tax": (facts.tax, ""),
        "cluster": (cluster, CLUSTER_NAMES.get(facts.cluster_tier or "", facts.cluster_tier or "")),
        "readiness": (readiness, STAGE_NAMES.get(facts.stage or "", facts.stage or "")),
        "contribution": (contribution, note),
    }


def _number(value: float) -> str:
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _scaled(value: float, best: float, scale: str) -> float:
    if best <= 0 or value <= 0:
        return 0.0
    if scale == "log":
        return math.log1p(value) / math.log1p(best)
    return min(value / best, 1.0)


def score_all(
    projects: list[Facts], weights: dict[str, float], gaps: dict[str, IndicatorGap] | None = None
) -> dict[str, Score]:
    """Return every project's score under the weights, explained criterion by criterion."""
    gaps = gaps or {}
    raws = {p.code: raw_values(p, gaps) for p in projects}
    best = {code: max((r[code][0] or 0.0 for r in raws.values()), default=0.0) for code in CODES}
    total_weight = sum(max(weights.get(code, 0.0), 0.0) for code in CODES)
    scores = {}
    for project in projects:
        parts = []
        for code, name, unit, scale in CRITERIA:
            weight = max(weights.get(code, 0.0), 0.0)
            raw, note = raws[project.code][code]
            normalised = 0.0 if raw is None else _scaled(raw, best[code], scale)
            points = 100 * weight * normalised / total_weight if total_weight else 0.0
            if raw is None:
                text = f"{name}缺数据，按0分计"
            else:
                shown = f"{_number(raw)}{unit}" if unit else (note or _number(raw))
                if code == "contribution":
                    shown = note or _number(raw)
                text = f"{name}{shown}→{_number(normalised)}×权重{_number(weight)}={_number(points)}分"
            parts.append(Part(code, raw, normalised, weight, points, text))
        scores[project.code] = Score(project.code, round(sum(p.points for p in parts), 4), tuple(parts))
    return scores


def parse_weights(data) -> tuple[dict[str, float], list[str]]:
    """Return the weights of a scenario's `scoring.weights` object and the problems found."""
    if not isinstance(data, dict):
        return {}, ["scoring.weights：应为对象"]
    weights, errors = {}, []
    for key, value in data.items():
        if key not in CODES:
            errors.append(f"scoring.weights.{key}：未知的评分维度（可用：{'、'.join(CODES)}）")
        elif isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
            errors.append(f"scoring.weights.{key}：权重应为 0 到 100 之间的数，实际为 {value!r}")
        else:
            weights[key] = float(value)
    if not errors and not any(weights.values()):
        errors.append("scoring.weights：至少有一个维度的权重应大于0")
    return weights, errors
