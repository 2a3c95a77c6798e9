"""The hypothesis profile of test runs: slow example generation never fails a run on a busy machine."""

from hypothesis import HealthCheck, settings


def test_ci_profile_tolerates_slow_generation_and_slow_examples():
    ci = settings.get_profile("ci")
    assert HealthCheck.too_slow in ci.suppress_health_check
    assert ci.deadline is None
