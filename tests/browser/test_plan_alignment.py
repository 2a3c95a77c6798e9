"""Browser: a planner links a special-plan item to the master plan with htmx and removes the link again."""

from lantu.plans.models import Alignment, PlanItem


def test_planner_links_and_unlinks_an_item_in_place(page_as, live_server):
    item = PlanItem.objects.get(plan__code="eco-fyp15", code="5")  # the radiation chapter aligns to nothing
    target = PlanItem.objects.get(plan__code="fyp15", code="3.6.5")
    page = page_as("planner")
    page.goto(f"{live_server.url}/plans/eco-fyp15/items/{item.pk}/")
    page.select_option("#id_target", str(target.pk))
    page.select_option("#id_kind", "implements")
    page.click("#alignment-form button[type=submit]")
    page.wait_for_selector("#item-links-up")
    assert "3.6.5" in page.inner_text("#item-links-up")
    assert page.url.endswith(f"/items/{item.pk}/")  # swapped in place, no reload
    made = Alignment.objects.get(item=item)
    assert (made.target_id, made.kind, made.history.get().history_user.username) == (
        target.pk,
        "implements",
        "planner",
    )
    page.on("dialog", lambda dialog: dialog.accept())
    page.click("#item-links-up .align-remove button")
    page.wait_for_selector("#item-links-up-empty")
    assert not Alignment.objects.filter(item=item).exists()
