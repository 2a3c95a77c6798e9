"""Notification pages: the inbox, the bell in the header, channel choices and sending reminders (催报)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lantu.dispatch import selectors as dispatch
from lantu.notify import selectors, services
from lantu.notify.models import EventKind, Notification
from lantu.orgs.access import request_actor
from lantu.orgs.models import OrgUnit


@login_required
@require_GET
def bell(request):
    """Return the bell with the unread count (polled by htmx)."""
    return render(request, "notify/_bell.html", {"unread": selectors.unread_count(user=request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def inbox(request):
    """List the user's notifications; a POST marks them all read."""
    if request.method == "POST":
        services.notifications_read(user=request.user, now=timezone.now())
        return redirect("notify:inbox")
    context = {
        "notifications": selectors.inbox(user=request.user),
        "unread": selectors.unread_count(user=request.user),
    }
    return render(request, "notify/inbox.html", context)


@login_required
@require_POST
def open_notification(request, pk: int):
    """Mark one notification read and go to what it is about."""
    note = get_object_or_404(Notification, pk=pk, user=request.user)
    services.notifications_read(user=request.user, now=timezone.now(), ids=[note.pk])
    safe = note.url and url_has_allowed_host_and_scheme(note.url, allowed_hosts={request.get_host()})
    return redirect(note.url if safe else "notify:inbox")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    """Let the user choose the channels of each kind of event."""
    if request.method == "POST":
        choices = {
            kind.value: {
                c: request.POST.get(f"{kind.value}-{c}") == "on" for c in ("inbox", "email", "digest")
            }
            for kind in EventKind
        }
        services.preferences_set(user=request.user, choices=choices)
        messages.success(request, _("Your notification settings are saved."))
        return redirect("notify:preferences")
    return render(request, "notify/preferences.html", {"rows": selectors.preference_rows(user=request.user)})


@login_required
@require_POST
def remind(request):
    """Send a reminder to report (催报) to one unit (POST unit=code) or to every unit that owes reports."""
    actor = request_actor(request)
    if not (actor.is_planner or actor.is_admin):
        raise PermissionDenied(_("Only the planning office sends reminders."))
    rows = dispatch.reminders_by_unit(actor=actor, today=timezone.localdate())
    code = request.POST.get("unit", "")
    if code:
        unit = get_object_or_404(OrgUnit, code=code)
        rows = [row for row in rows if row.unit.pk == unit.pk]
    rows = [row for row in rows if actor.is_admin or actor.covers(row.unit.pk)]
    sent = services.reminders_send(
        sender_id=actor.user_id,
        owed=[(row.unit.pk, row.due, row.overdue, sorted(set(row.periods))) for row in rows],
        now=timezone.now(),
    )
    messages.success(request, _("Reminders sent to %(count)s units.") % {"count": len(sent)})
    return redirect("projects:reminders")


@login_required
@require_GET
def reminder_log(request):
    """Return the list of reminders sent (an htmx fragment of the reminders page)."""
    return render(request, "notify/_reminder_log.html", {"sent": selectors.reminders_sent()})
