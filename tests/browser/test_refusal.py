"""A refused htmx request shows the refusal's card in the page instead of failing silently."""

from lantu.dispatch.models import ReportingPeriod


def test_refused_htmx_request_swaps_the_reason_into_the_page(page_as, live_server):
    period = ReportingPeriod.objects.filter(is_open=True).first()
    mulei = page_as("mulei")
    mulei.goto(f"{live_server.url}/projects/dispatch/")
    mulei.evaluate(
        "url => htmx.ajax('POST', url, {target: 'main', swap: 'innerHTML'})",
        f"/projects/dispatch/periods/{period.pk}/toggle/",
    )
    card = mulei.wait_for_selector("main #forbidden")
    assert "报送期" in card.text_content()
    period.refresh_from_db()
    assert period.is_open
