"""Writes of a statistical bulletin's import: propose indicator values from it, submit the kept ones.

The figures are read and matched by `core.extraction.bulletin`; accepted values go through the indicators'
own observation service (review workflow, vintages, corrections of approved values), citing the bulletin.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lantu.core.extraction.bulletin import IndicatorRef, match_indicators, read_bulletin
from lantu.imports.models import Finding, ImportDocument
from lantu.imports.services import require_importer
from lantu.indicators import services as indicator_services
from lantu.indicators.models import Indicator
from lantu.indicators.periods import entry_periods
from lantu.orgs.access import Actor
from lantu.plans.models import Plan
from lantu.sources.models import SourceDocument


def bulletin_findings(document: ImportDocument, plan: Plan, now: datetime) -> list[Finding]:
    """Return the proposed values of the plan's indicators that the bulletin states (not saved).

    A figure of a year the indicator takes no value for (its baseline year or before) is not proposed.
    """
    text = document.text
    figures = read_bulletin(text)
    indicators = {i.pk: i for i in Indicator.objects.filter(plan=plan).order_by("code")}
    refs = [IndicatorRef(pk, i.name, i.unit, float(i.baseline_value)) for pk, i in indicators.items()]
    out = []
    for order, p in enumerate(match_indicators(figures, refs), start=1):
        fig, indicator = p.figure, indicators[p.key]
        if fig.year is None or str(fig.year) not in entry_periods(indicator, now):
            continue
        out.append(
            Finding(
                document=document,
                kind=Finding.Kind.OBSERVATION,
                title=indicator.name[:300],
                payload={
                    "indicator": indicator.pk,
                    "indicator_code": indicator.code,
                    "value": p.value,
                    "unit": p.unit,
                    "year": fig.year,
                    "period": str(fig.year),
                    "vintage": fig.vintage,
                    "subject": fig.subject,
                    "bulletin_value": fig.value if fig.value is not None else fig.change,
                    "bulletin_unit": p.converted_from or p.unit,
                    "change": fig.change,
                    "change_unit": fig.change_unit,
                },
                start=fig.start,
                end=fig.end,
                quote=text[fig.sentence_start : fig.sentence_end].strip()[:2000],
                order=order,
            )
        )
    return out


@transaction.atomic
def bulletin_accept(*, actor: Actor, document: ImportDocument, now: datetime) -> int:
    """Submit the kept values for review as the bulletin's vintage, citing it; return how many were kept.

    A value equal to the approved one changes nothing; a different one is a correction that waits for
    review beside the approved value (the observation service's rule). Nothing is saved when one is refused.
    """
    require_importer(actor)
    if document.state != ImportDocument.State.REVIEW:
        raise ValidationError(_("This document has already been accepted."))
    source = SourceDocument.objects.create(
        code=f"import-{document.pk}",
        title=document.title[:300],
        filename=document.filename[:200],
        publisher=_("uploaded by %(user)s") % {"user": document.uploaded_by.get_username()},
    )
    kept = list(document.findings.filter(kind=Finding.Kind.OBSERVATION, state=Finding.State.PROPOSED))
    indicators = Indicator.objects.in_bulk([f.payload["indicator"] for f in kept])
    for f in kept:
        indicator = indicators.get(f.payload["indicator"])
        if indicator is None:
            raise ValidationError(_("The indicator of “%(name)s” no longer exists.") % {"name": f.title})
        try:
            period = indicator_services.check_period(indicator, f.payload["period"], now)
            entry = indicator_services.Entry(
                indicator,
                period,
                indicator_services.parse_value(f.payload["value"]),
                vintage=indicator_services.check_vintage(f.payload["vintage"]),
                source=source,
                source_quote=f.quote,
                data_source=document.title,
            )
        except ValidationError as exc:
            raise ValidationError(f"{indicator.name}：{exc.messages[0]}") from exc
        observation = indicator_services.observation_save_entry(
            actor=actor, entry=entry, submit=True, now=now
        )
        f.state, f.created_pk = Finding.State.ACCEPTED, observation.pk
        f.save(update_fields=["state", "created_pk"])
    document.state, document.accepted_at, document.source = ImportDocument.State.ACCEPTED, now, source
    document.save()
    return len(kept)
