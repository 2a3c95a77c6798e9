"""The demo's review queue holds a submitted value the reviewer sees flagged as a jump."""

from lantu.demo import indicators, sample
from lantu.indicators.checks import jump_flags


def _flagged_submissions() -> list[tuple[str, str]]:
    found = []
    for fact in indicators.INDICATORS:
        previous = fact.baseline_value
        for row in sorted(sample.generated_observations(fact), key=lambda r: r.period):
            if row.state == "submitted" and row.period.isdigit() and jump_flags(previous, row.value):
                found.append((fact.code, row.period))
            if row.state == "approved" and row.period.isdigit() and int(row.period) > fact.baseline_year:
                previous = row.value
    return found


def test_demo_has_a_submitted_value_that_jumps_more_than_half():
    assert _flagged_submissions() == [("rural-income", "2026")]
