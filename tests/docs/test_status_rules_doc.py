"""docs/status-rules.md: every worked example is what the code computes."""

import pathlib

import pytest

from lantu.core.status import Thresholds, classify
from lantu.core.trajectory import Point, Status, Target, TargetKind, assess, realised_rate

DOC = pathlib.Path(__file__).resolve().parents[2] / "docs" / "status-rules.md"
LABEL = {
    Status.AHEAD: "提前完成 ahead",
    Status.ON_TRACK: "正常 on track",
    Status.LAGGING: "滞后 lagging",
    Status.OFF_TRACK: "严重滞后 off track",
}

FARMLAND = Target(TargetKind.LEVEL, 2025, 530.76, 2030, target_value=630.76)
GDP = Target(TargetKind.ANNUAL_GROWTH, 2025, 2509.23, 2030, rate=0.065)
COAL = Target(TargetKind.ANNUAL_GROWTH, 2025, 100, 2030, rate=-0.02, lower_is_better=True)
ENERGY_USE = Target(TargetKind.ANNUAL_GROWTH, 2025, 100, 2030, rate=0.03, lower_is_better=True)
ENERGY = Target(
    TargetKind.CUMULATIVE_CHANGE, 2025, 1.0, 2030, rate=-0.135, lower_is_better=True, binding=True
)
PM25 = Target(TargetKind.CEILING, 2025, 38, 2030, target_value=35, binding=True)
PM25_MET = Target(TargetKind.CEILING, 2025, 33, 2030, target_value=35, binding=True)
FOREST = Target(TargetKind.FLOOR, 2025, 4.0, 2030, target_value=5.0)
ARABLE = Target(TargetKind.FLOOR, 2025, 530.76, 2030, target_value=520, binding=True)

EXAMPLES = [
    # target, year, value as written, decimals of the expected value
    (FARMLAND, 2027, "571", 2),
    (FARMLAND, 2027, "568", 2),
    (FARMLAND, 2027, "566", 2),
    (FARMLAND, 2029, "632", 2),
    (GDP, 2027, "2850", 2),
    (GDP, 2027, "2824.69", 2),
    (GDP, 2027, "2760", 2),
    (GDP, 2028, "3500", 2),
    (COAL, 2026, "97.5", 2),
    (COAL, 2026, "98.1", 2),
    (COAL, 2026, "101", 2),
    (ENERGY_USE, 2026, "102.5", 2),
    (ENERGY_USE, 2026, "103.5", 2),
    (ENERGY, 2026, "0.97", 4),
    (ENERGY, 2026, "0.975", 4),
    (ENERGY, 2030, "0.86", 4),
    (PM25, 2026, "36.3", 2),
    (PM25, 2026, "37.5", 2),
    (PM25, 2028, "34.8", 2),
    (PM25_MET, 2026, "34.2", 2),
    (PM25_MET, 2026, "35.5", 2),
    (FOREST, 2026, "4.25", 2),
    (FOREST, 2026, "4.19", 2),
    (FOREST, 2026, "4.1", 2),
    (ARABLE, 2026, "525", 2),
    (ARABLE, 2026, "519.9", 2),
]


def _number(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}".rstrip("0").rstrip(".")


def _pct(fraction: float) -> str:
    return f"{fraction * 100:.1f}%"


def _measure(target: Target, t: float, value: float, achievement: float | None) -> str:
    """Return the 'Measure' cell the way the document writes it."""
    if target.kind == TargetKind.ANNUAL_GROWTH:
        realised = realised_rate(target, t, value)
        if achievement is None:  # a limit on the rate
            return f"{_pct(realised)} {'≤' if realised <= target.rate else '>'} {_pct(target.rate)}"
        return f"{_pct(realised)} ÷ {_pct(target.rate)} = {_pct(achievement)}"
    if achievement is None:  # a bound the baseline already meets
        bound = _number(target.target_value, 2)
        held = value <= target.target_value if target.lower_better else value >= target.target_value
        sign = ("≤" if held else ">") if target.lower_better else ("≥" if held else "<")
        return f"{_number(value, 4)} {sign} {bound}"
    return _pct(achievement)


def _row(target: Target, year: int, written: str, decimals: int) -> str:
    value = float(written)
    result = assess(target, [Point(year - target.baseline_year, value)])
    expected = _number(result.expected, decimals)
    measure = _measure(target, year - target.baseline_year, value, result.achievement)
    return f"| {year} | {written} | {expected} | {measure} | {LABEL[result.status]} |"


@pytest.mark.parametrize(("target", "year", "written", "decimals"), EXAMPLES)
def test_every_worked_example_row_is_what_the_code_computes(target, year, written, decimals):
    assert _row(target, year, written, decimals) in DOC.read_text()


def test_the_document_has_no_example_row_the_test_does_not_compute():
    computed = {_row(*example) for example in EXAMPLES}
    rows = [line for line in DOC.read_text().splitlines() if line.startswith("| 20")]
    assert rows and set(rows) <= computed


def test_documented_threshold_override_turns_the_lagging_growth_example_on_track():
    value = [Point(2, 2824.69)]
    assert assess(GDP, value).status == Status.LAGGING
    assert assess(GDP, value, Thresholds(on_track=0.9, lagging=0.8)).status == Status.ON_TRACK
    assert "0.9" in DOC.read_text() and "0.8" in DOC.read_text()


def test_documented_binding_rule_has_no_lagging_band():
    thresholds = Thresholds()
    assert classify(0.95, thresholds, binding=True) == Status.OFF_TRACK
    assert classify(0.95, thresholds, binding=False) == Status.LAGGING
    assert classify(0.874, thresholds, binding=False) == Status.OFF_TRACK
