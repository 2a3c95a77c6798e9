"""Charts never show boxes for Chinese: without a CJK font the renderer refuses and the page says why."""

import pytest
from django.utils import translation

from lantu.reports.renderers import charts

pytestmark = pytest.mark.django_db

NO_FONT_ZH = "服务器未安装中文字体，无法绘制图表：请安装 fonts-noto-cjk"


@pytest.fixture
def no_cjk_font(monkeypatch):
    monkeypatch.setattr(charts, "cjk_font", lambda: None)


def test_the_chart_renderer_refuses_to_draw_without_a_cjk_font(no_cjk_font):
    with translation.override("zh-hans"), pytest.raises(charts.MissingCJKFont) as refused:
        charts.status_bars([("on_track", "正常", 3)])
    assert str(refused.value).startswith(NO_FONT_ZH)


def test_the_report_page_says_which_font_to_install_when_none_is_there(world, login, no_cjk_font):
    page = login("planner").get("/reports/").content.decode()
    assert 'id="font-missing"' in page and NO_FONT_ZH in page


def test_with_a_cjk_font_charts_are_drawn_and_the_page_has_no_warning(world, login):
    assert charts.cjk_font() is not None  # `make setup` installs fonts-noto-cjk
    assert charts.status_bars([("on_track", "正常", 3)]).startswith(b"\x89PNG")
    assert 'id="font-missing"' not in login("planner").get("/reports/").content.decode()
