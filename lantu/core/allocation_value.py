"""The default value score of a project for factor allocation."""

import math

READINESS = {
    "continuing": 1.0,
    "new": 0.9,
    "preparation": 0.6,
    "reserve": 0.4,
    "completed": 0.2,
    "operating": 0.2,
}
CLUSTER_WEIGHT = {"100b": 1.3, "10b": 1.15, "other": 1.0}


def default_value(*, investment_yi: float | None, stage: str, cluster_tier: str | None) -> float:
    """Return 10 × (1 + ln(1 + investment in 亿元)) × readiness of the stage × weight of the cluster tier."""
    size = 1 + math.log1p(max(investment_yi or 0.0, 0.0))
    weight = CLUSTER_WEIGHT.get(cluster_tier or "", 1.0)
    return round(10 * size * READINESS.get(stage, 0.5) * weight, 2)
