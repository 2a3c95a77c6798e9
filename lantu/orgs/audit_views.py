"""The audit administrator's page: the security audit trail, filtered and exported."""

from datetime import datetime, time

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lantu.lib.spreadsheets import Column, write_sheet, xlsx_response
from lantu.orgs.audit import Event, audit_record
from lantu.orgs.duties import duty_of
from lantu.orgs.models import AuditRecord, Duty

EXPORT_LIMIT = 100_000


class AuditFilter(forms.Form):
    start = forms.DateField(
        label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    event = forms.ChoiceField(
        label=gettext_lazy("event"), required=False, choices=[("", "—"), *AuditRecord.Event.choices]
    )
    result = forms.ChoiceField(
        label=gettext_lazy("result"), required=False, choices=[("", "—"), *AuditRecord.Result.choices]
    )
    user = forms.CharField(label=gettext_lazy("username"), required=False, max_length=150)
    address = forms.CharField(label=gettext_lazy("address"), required=False, max_length=64)


def require_auditor(user) -> None:
    """Refuse anyone but the audit administrator (and the bootstrap superuser)."""
    if not (user.is_superuser or duty_of(user) == Duty.AUDIT):
        raise PermissionDenied(_("Only the audit administrator reads the audit trail."))


def audit_filtered(form: AuditFilter) -> QuerySet[AuditRecord]:
    """Return the records the filter selects, newest first."""
    records = AuditRecord.objects.all()
    if not form.is_valid():
        return records.none()
    data = form.cleaned_data
    zone = timezone.get_current_timezone()
    if data["start"]:
        records = records.filter(at__gte=datetime.combine(data["start"], time.min, tzinfo=zone))
    if data["end"]:
        records = records.filter(at__lte=datetime.combine(data["end"], time.max, tzinfo=zone))
    for field, lookup in [
        ("event", "event"),
        ("result", "result"),
        ("user", "username__icontains"),
        ("address", "address__startswith"),
    ]:
        if data[field]:
            records = records.filter(**{lookup: data[field]})
    return records.order_by("-id")


@login_required
def audit_list(request):
    """List the audit trail with filters, a page at a time."""
    require_auditor(request.user)
    form = AuditFilter(request.GET or None)
    records = audit_filtered(form) if request.GET else AuditRecord.objects.order_by("-id")
    page = Paginator(records, 100).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode(), "total": page.paginator.count}
    return render(request, "orgs/audit.html", context)


def audit_columns() -> tuple[Column, ...]:
    """Return the export's columns, headed in the request's language."""
    return (
        Column("at", _("time"), width=22),
        Column("username", _("username"), width=16),
        Column("address", _("address"), width=16),
        Column("event", _("event"), width=14),
        Column("result", _("result"), width=10),
        Column("detail", _("detail"), width=60),
        Column("hash", _("hash"), width=66),
    )


@login_required
def audit_export(request):
    """Download the filtered audit trail as xlsx; the export itself is recorded."""
    require_auditor(request.user)
    records = audit_filtered(AuditFilter(request.GET)) if request.GET else AuditRecord.objects.order_by("-id")
    zone = timezone.get_current_timezone()
    rows = (
        {
            "at": f"{record.at.astimezone(zone):%Y-%m-%d %H:%M:%S}",
            "username": record.username,
            "address": record.address,
            "event": record.get_event_display(),
            "result": record.get_result_display(),
            "detail": record.detail,
            "hash": record.hash,
        }
        for record in records[:EXPORT_LIMIT]
    )
    content = write_sheet(audit_columns(), rows, title=_("audit trail"))
    audit_record(
        event=Event.EXPORT,
        now=timezone.now(),
        request=request,
        detail=f"audit trail {request.GET.urlencode()}"[:2000],
    )
    return xlsx_response(content, _("audit trail") + f" {timezone.localtime():%Y%m%d-%H%M}.xlsx")
