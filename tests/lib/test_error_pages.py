"""Missing pages get a friendly page in the user's language, not Django's bare text."""

import pytest

pytestmark = pytest.mark.django_db


def test_unknown_object_gets_the_friendly_not_found_page(login, settings):
    settings.DEBUG = False
    response = login("planner").get("/projects/999999/")
    assert response.status_code == 404
    page = response.content.decode()
    assert 'id="not-found"' in page and "页面不存在" in page
