"""Project library import pages: upload a sheet, map its columns once per layout, review, apply."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lantu.lib.spreadsheets import MAX_BYTES
from lantu.orgs.access import request_actor
from lantu.projects import library
from lantu.projects.models import LibraryImport


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Project library sheet (.xlsx)"))


class MappingForm(forms.Form):
    """One choice per project field: which column of the sheet fills it."""

    def __init__(self, *args, headers: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("— not in this sheet —"))] + [(h, h) for h in headers if h]
        for column in library.fields():
            self.fields[column.key] = forms.ChoiceField(label=column.header, choices=choices, required=False)


def _allowed(actor) -> None:
    denial = library.import_denial(actor)
    if denial is not None:
        raise PermissionDenied(denial)


@login_required
def library_upload(request):
    """Upload a project-library sheet; a remembered layout goes straight to the review."""
    actor = request_actor(request)
    _allowed(actor)
    form = UploadForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > MAX_BYTES:
                raise ValidationError(_("The file is larger than 5 MB."))
            batch = library.library_upload(
                actor=actor, data=upload.read(), file_name=upload.name, now=timezone.now()
            )
        except ValidationError as error:
            errors = error.messages
        else:
            return redirect("projects:library_import", pk=batch.pk)
    recent = LibraryImport.objects.select_related("uploaded_by").order_by("-uploaded_at")[:10]
    status = 400 if errors else 200
    return render(
        request,
        "projects/library_upload.html",
        {"form": form, "errors": errors, "recent": recent},
        status=status,
    )


@login_required
def library_import(request, pk: int):
    """Map an uploaded sheet's columns and review what it proposes."""
    actor = request_actor(request)
    _allowed(actor)
    batch = get_object_or_404(LibraryImport, pk=pk)
    form = MappingForm(request.POST or None, headers=batch.headers, initial=batch.mapping)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            library.library_map(actor=actor, batch=batch, mapping=form.cleaned_data, now=timezone.now())
        except ValidationError as error:
            errors = error.messages
            batch.refresh_from_db()
        else:
            messages.success(request, _("The columns are mapped; this layout will be recognised next time."))
            return redirect("projects:library_import", pk=batch.pk)
    counts = {
        action: sum(e["action"] == action for e in batch.proposal) for action in ("new", "change", "same")
    }
    labels = {column.key: column.header for column in library.fields()}
    context = {"batch": batch, "form": form, "errors": errors, "counts": counts, "labels": labels}
    context["remap"] = batch.state == LibraryImport.State.MAPPING or "remap" in request.GET or bool(errors)
    return render(request, "projects/library_import.html", context, status=400 if errors else 200)


@login_required
@require_POST
def library_decide(request, pk: int):
    """Apply every proposed change of the import, or discard it."""
    actor = request_actor(request)
    _allowed(actor)
    batch = get_object_or_404(LibraryImport, pk=pk)
    try:
        if "discard" in request.POST:
            library.library_discard(actor=actor, batch=batch, now=timezone.now())
            messages.success(request, _("The import has been discarded; nothing was changed."))
        else:
            library.library_apply(actor=actor, batch=batch, now=timezone.now())
            messages.success(request, _("The project library has been imported."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("projects:library_import", pk=batch.pk)
