"""How an indicator's status reads on every page, list, card, document and API answer."""

from django.utils.translation import gettext as _

from lantu.core.splits import Basis
from lantu.indicators.status import IndicatorStatus
from lantu.lib.templatetags.lantu import DASH, format_number


def rate_text(rate: float | None) -> str:
    """Return a rate (a fraction) in percent with one decimal: 0.061 → 6.1%."""
    return DASH if rate is None else f"{format_number(rate * 100, 1)}%"


def progress_text(assessment: IndicatorStatus, places: int = 0) -> str:
    """Return what the status compares: 实际年均增长 6.1%（目标 6.5%）for growth, else the achievement
    of expected progress (93%) with `places` decimals."""
    if assessment.is_growth and (assessment.latest is not None or assessment.realised_rate is not None):
        return _("realised %(realised)s a year (target %(target)s)") % {
            "realised": rate_text(assessment.realised_rate),
            "target": rate_text(assessment.target_rate),
        }
    if assessment.achievement is None:
        return DASH
    return f"{format_number(assessment.achievement * 100, places)}%"


def basis_text(assessment: IndicatorStatus) -> str:
    """Return which figure governs a split parent's status, or "" for an indicator that is not split."""
    if assessment.rollup is None:
        return ""
    if assessment.basis == Basis.SHARES:
        return _("governed by the shares' roll-up")
    return _("governed by its own value")
