"""The words of each event's message; the context fills in the object, reason, period and dates."""

from collections import defaultdict
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from lantu.notify.models import EventKind

K = EventKind
TEXTS = {
    K.PERIOD_OPENED: _("Reporting period %(period)s is open; reports are due by %(deadline)s."),
    K.REPORT_DUE: _(
        "%(count)s reports of %(period)s are still missing; due in %(days)s days (by %(deadline)s)."
    ),
    K.REPORT_OVERDUE: _("%(count)s reports of %(period)s are overdue (deadline %(deadline)s)."),
    K.RETURNED: _("Returned: %(title)s. Reason: %(reason)s"),
    K.APPROVED: _("Approved: %(title)s"),
    K.ORDER_ISSUED: _("Supervision order issued: %(title)s; answer by %(deadline)s."),
    K.ORDER_ANSWERED: _("Supervision order answered: %(title)s"),
    K.ORDER_SENT_BACK: _("Supervision answer sent back: %(title)s. Reason: %(reason)s"),
    K.ORDER_OVERDUE: _("Supervision order overdue: %(title)s (deadline %(deadline)s)"),
    K.ORDER_ESCALATED: _("Supervision order escalated to %(unit)s: %(title)s"),
    K.INDICATOR_OFF_TRACK: _("Indicator seriously lagging: %(title)s"),
    K.DOCUMENT_READY: _("Document ready: %(title)s"),
    K.PROCEDURE_OVERDUE: _(
        "Approval overdue: %(title)s for %(project)s was due %(deadline)s (%(days)s days late); grant it or "
        "report what stands in the way."
    ),
    K.REMINDER: _("Reminder: %(count)s reports of your unit are still missing (%(periods)s); please report."),
}


def text(kind: str, context: dict[str, Any]) -> str:
    """Return the message of an event in the site's language (Chinese), missing context shown as —."""
    values: defaultdict[str, Any] = defaultdict(
        lambda: "—", {k: v for k, v in context.items() if v not in (None, "")}
    )
    with translation.override(settings.LANGUAGE_CODE):
        return str(TEXTS[EventKind(kind)]) % values


def subject(kind: str) -> str:
    """Return an e-mail subject for the event kind, in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return f"【{_('Lantu')}】{EventKind(kind).label}"
