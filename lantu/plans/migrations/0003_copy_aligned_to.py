"""Copy each item's former single `aligned_to` link into an Alignment row (with its history row)."""

from django.db import migrations
from django.db.models import F
from django.utils import timezone

NOTE = "由原“衔接事项”字段迁移"  # shown on the link: it was moved from the former field
FIELDS = ("item_id", "target_id", "kind", "note", "source_quote", "is_sample", "sample_fields", "source_id")


def copy_forward(apps, schema_editor):
    PlanItem = apps.get_model("plans", "PlanItem")
    Alignment = apps.get_model("plans", "Alignment")
    HistoricalAlignment = apps.get_model("plans", "HistoricalAlignment")
    existing = set(Alignment.objects.values_list("item_id", "target_id"))
    pairs = (
        PlanItem.objects.filter(aligned_to__isnull=False)
        .exclude(aligned_to=F("id"))
        .values_list("id", "aligned_to_id", "is_sample")
    )
    created = Alignment.objects.bulk_create(
        [
            Alignment(item_id=item, target_id=target, kind="supports", note=NOTE, is_sample=sample)
            for item, target, sample in pairs
            if (item, target) not in existing
        ]
    )
    now = timezone.now()
    HistoricalAlignment.objects.bulk_create(
        [
            HistoricalAlignment(
                id=link.pk,
                history_date=now,
                history_type="+",
                history_change_reason="copied from aligned_to",
                **{name: getattr(link, name) for name in FIELDS},
            )
            for link in created
        ]
    )


def copy_back(apps, schema_editor):
    PlanItem = apps.get_model("plans", "PlanItem")
    Alignment = apps.get_model("plans", "Alignment")
    # Newest first, so that each item keeps its oldest link in the single field.
    for item_id, target_id in Alignment.objects.order_by("-id").values_list("item_id", "target_id"):
        PlanItem.objects.filter(pk=item_id).update(aligned_to_id=target_id)


class Migration(migrations.Migration):
    dependencies = [("plans", "0002_alignment")]

    operations = [migrations.RunPython(copy_forward, copy_back)]
