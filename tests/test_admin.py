"""Every model is registered in the admin and its pages load."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from lantu.dispatch.models import ProgressReport
from lantu.orgs.services import api_token_create
from lantu.projects.models import AnnualPlan, Project
from lantu.sources.models import SourceDocument

LANTU_APPS = ["sources", "orgs", "plans", "indicators", "projects"]


def lantu_models():
    return [
        model
        for label in LANTU_APPS
        for model in apps.get_app_config(label).get_models()
        if not model.__name__.startswith("Historical") and model._meta.auto_created is False
    ]


@pytest.mark.parametrize("model", lantu_models(), ids=lambda model: model._meta.label)
def test_every_lantu_model_is_registered(model):
    assert admin.site.is_registered(model)
    if hasattr(model, "history"):
        assert isinstance(admin.site._registry[model], SimpleHistoryAdmin)


def test_superuser_opens_every_changelist_and_change_form(login, world):
    source = SourceDocument.objects.create(code="fyp15", title="十五五规划纲要")
    Project.objects.filter(pk=world.mulei_project.pk).update(source=source, source_quote="……")
    AnnualPlan.objects.create(project=world.mulei_project, year=2026, planned_investment=Decimal("1000"))
    ProgressReport.objects.create(
        project=world.mulei_project,
        period="2026-06",
        completed_investment=Decimal("10"),
        cumulative_investment=Decimal("10"),
    )
    api_token_create(user=world.users["planner"], name="test", now=timezone.now())
    client = login("admin")
    assert client.get(reverse("admin:index")).status_code == 200
    for model in lantu_models():
        opts = model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        assert client.get(changelist).status_code == 200, changelist
        instance = model.objects.first()
        if instance is not None:
            change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[instance.pk])
            assert client.get(change).status_code == 200, change
            if hasattr(model, "history"):
                history = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[instance.pk])
                assert client.get(history).status_code == 200, history


def test_changelist_search_and_filters_work(login, world):
    client = login("admin")
    response = client.get(
        reverse("admin:projects_project_changelist"), {"q": "木垒", "stage__exact": "continuing"}
    )
    assert response.status_code == 200
    assert "P-ML-1" in response.content.decode()
    response = client.get(reverse("admin:plans_planitem_changelist"), {"q": "精耕"})
    assert "1.1.1" in response.content.decode()


def test_non_staff_users_are_kept_out_of_the_admin(login, world):
    response = login("planner").get(reverse("admin:projects_project_changelist"))
    assert response.status_code == 302
