"""Browser tests: Playwright for Python driving Debian's Chromium against a live server with the demo."""

import os

import pytest
from django.utils import timezone

# Playwright's sync API runs an event loop in this thread; the ORM calls of fixtures are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """Give the live server a file SQLite database (WAL, busy timeout), as `lantu serve` has.

    The default test database is in memory with a shared cache, where a second writer is refused at once
    ("database table is locked") instead of waiting: a page whose htmx requests write at the same moment
    failed at random. A file of the worker's own temporary folder waits as the real install does.
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("db") / "browser.sqlite3")


@pytest.fixture(scope="session")
def browser():
    """Launch Chromium once for the session."""
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run `make system-test-deps`")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def demo_copy(tmp_path_factory):
    """Return the path where the worker keeps a copy of its database with the demo loaded (SQLite)."""
    return tmp_path_factory.mktemp("demo") / "demo.sqlite3"


@pytest.fixture
def demo(transactional_db, settings, demo_copy):
    """Load the Changji demo, with its users, into the live server's database; jobs run inline.

    Loading the demo takes about 5 s. On SQLite the first test of a worker loads it and keeps a copy of the
    database file; the next tests of the day copy it back (the SQLite backup API, a fraction of a second)
    and start from the same rows, ids included, as a fresh load would give them.
    """
    import sqlite3

    from django.db import connection

    from lantu.demo.services import demo_load

    settings.DEMO = True
    settings.LANTU_JOBS_SYNC = True  # a test that needs the queue sets it back and runs the worker
    now = timezone.now()
    # The demo's dates follow today: a copy made on another day is loaded again.
    copy = demo_copy.with_suffix(f".{timezone.localdate(now).isoformat()}.sqlite3")
    if connection.vendor != "sqlite":
        demo_load(now=now)
        return
    connection.ensure_connection()
    if copy.exists():
        source = sqlite3.connect(copy)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
        return
    demo_load(now=now)
    target = sqlite3.connect(copy)
    try:
        connection.connection.backup(target)
    finally:
        target.close()


@pytest.fixture
def page_as(browser, live_server, demo):
    """Return a function that opens a new page logged in as a demo user."""
    contexts = []

    def _page_as(username: str, language: str = "zh-hans"):
        context = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", "lantu-demo")
        page.click("section.login button[type=submit]")
        page.wait_for_url(f"{live_server.url}/")
        return page

    yield _page_as
    for context in contexts:
        context.close()
