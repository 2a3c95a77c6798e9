"""Admin for the offices' document frames: an administrator sets what the documents carry."""

import io

from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from lantu.reports.models import KindFrame, OfficeFrame
from lantu.reports.renderers.docx_gbt9704 import check_template


class OfficeFrameForm(forms.ModelForm):
    class Meta:
        model = OfficeFrame
        fields = [
            "unit",
            "issuer_mark",
            "number_prefix",
            "signatory",
            "signature",
            "seal",
            "annotation",
            "copy_to",
            "printer",
            "numerals",
            "template",
        ]

    def clean_template(self):
        template = self.cleaned_data.get("template")
        if template and hasattr(template, "read"):
            content = template.read()
            template.seek(0)
            problem = check_template(io.BytesIO(content))
            if problem:
                raise forms.ValidationError(problem)
        return template


class KindFrameInline(admin.TabularInline):
    model = KindFrame
    extra = 0


@admin.register(OfficeFrame)
class OfficeFrameAdmin(SimpleHistoryAdmin):
    form = OfficeFrameForm
    list_display = ["issuer_mark", "unit", "number_prefix", "signature"]
    autocomplete_fields = ["unit"]
    inlines = [KindFrameInline]
