"""Chinese is the default interface language; English is one switch away."""

import pytest

pytestmark = pytest.mark.django_db


def test_pages_render_in_chinese_by_default(login):
    client = login("planner")
    for url in ("/", "/plans/", "/indicators/", "/projects/"):
        text = client.get(url).content.decode()
        assert "驾驶舱" in text and "重大项目" in text, url
        assert 'lang="zh-hans"' in text


def test_language_switch_turns_the_interface_english(login):
    client = login("leader")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    text = client.get("/").content.decode()
    assert "Dashboard" in text and 'lang="en"' in text and "驾驶舱" not in text


def test_status_labels_are_chinese(login, world):
    text = login("planner").get(f"/indicators/{world.gdp.pk}/").content.decode()
    assert any(label in text for label in ("正常", "滞后", "严重滞后", "超前", "暂无数据"))
