"""The indicator entry grid behaves like a spreadsheet: arrow keys, Enter and a block pasted from Excel."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from lantu.indicators.models import Observation

PASTE = """
(cell, text) => {
  const data = new DataTransfer();
  data.setData("text/plain", text);
  cell.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
}
"""


@pytest.fixture
def grid_page(browser, live_server, world, unit_indicator):
    """Give 州工信局 three annual indicators and open its entry grid for 2026."""
    for order, code in enumerate(("coal", "power", "steel")):
        unit_indicator(code, world.industry_bureau, name=f"指标{order}")
    context = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "industry")
    page.fill("#id_password", "pw")
    page.click("section.login button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/indicators/entry/?period=2026")
    yield page
    context.close()


def _value(page, code: str):
    return page.locator(f"tr[data-indicator={code}] input[name^=value-]")


def _note(page, code: str):
    return page.locator(f"tr[data-indicator={code}] input[name^=note-]")


def test_arrow_keys_and_enter_move_between_the_cells_of_the_entry_grid(grid_page):
    page = grid_page
    _value(page, "coal").click()
    page.keyboard.press("ArrowDown")
    expect(_value(page, "power")).to_be_focused()
    page.keyboard.press("Enter")
    expect(_value(page, "steel")).to_be_focused()
    page.keyboard.press("Shift+Enter")
    expect(_value(page, "power")).to_be_focused()
    page.keyboard.press("ArrowRight")  # an empty cell: the caret is at its end
    expect(_note(page, "power")).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(_note(page, "coal")).to_be_focused()
    page.keyboard.type("已核")
    page.keyboard.press("ArrowLeft")  # inside the text: the caret moves, not the focus
    expect(_note(page, "coal")).to_be_focused()
    page.keyboard.press("Enter")  # moves down, never submits the form
    expect(_note(page, "power")).to_be_focused()
    assert not Observation.objects.filter(indicator__code="coal").exists()


def test_a_block_pasted_from_excel_fills_rows_and_columns_and_saves(grid_page):
    page = grid_page
    _value(page, "coal").evaluate(PASTE, "12.5\t快报\r\n13\t\r\n14.25\t年报\r\n")
    expect(_value(page, "coal")).to_have_value("12.5")
    expect(_note(page, "coal")).to_have_value("快报")
    expect(_value(page, "power")).to_have_value("13")
    expect(_value(page, "steel")).to_have_value("14.25")
    expect(_note(page, "steel")).to_have_value("年报")
    page.click("button[name=action][value=save]")
    expect(page.locator(".messages")).to_contain_text("已保存")
    saved = dict(
        Observation.objects.filter(period="2026", indicator__code__in=["coal", "power", "steel"]).values_list(
            "indicator__code", "value"
        )
    )
    assert saved == {"coal": Decimal("12.5"), "power": Decimal("13"), "steel": Decimal("14.25")}


def test_the_upload_mode_box_has_a_visible_label(grid_page):
    expect(grid_page.get_by_label("上传后")).to_have_value("1")
