"""/api/v1/docs renders its operations on an intranet: every request to another host is aborted."""

from urllib.parse import urlsplit

import pytest

LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}


@pytest.mark.django_db(transaction=True)
def test_api_docs_render_their_operations_with_every_other_host_blocked(browser, live_server):
    context = browser.new_context(locale="zh-CN")
    blocked: list[str] = []

    def only_loopback(route):
        if urlsplit(route.request.url).hostname in LOOPBACK:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", only_loopback)
    try:
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.goto(f"{live_server.url}/api/v1/docs")
        page.locator(".opblock").first.wait_for()
        assert page.locator(".info .title").inner_text().startswith("Lantu API")
        paths = page.locator(".opblock-summary-path").all_inner_texts()
        assert "/api/v1/plans/{code}/items" in " ".join(paths).replace("\u200b", "")
        assert page.locator(".opblock").count() > 20
        assert blocked == []
    finally:
        context.close()
