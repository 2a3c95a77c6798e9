"""A planner uploads a statistical bulletin for a plan and submits the values it proposes, in Chromium."""

from playwright.sync_api import expect

from lantu.indicators.models import Observation

BULLETIN = (
    "昌吉州2026年国民经济和社会发展统计公报\n"
    "一、综合\n"
    "初步核算，全年全州实现地区生产总值2700.5亿元，按不变价格计算，比上年增长6.8%。\n"
)


def test_a_bulletins_values_are_proposed_beside_the_text_and_submitted_for_review(
    page_as, tmp_path, settings, live_server
):
    settings.MEDIA_ROOT = tmp_path / "media"
    path = tmp_path / "统计公报.txt"
    path.write_text(BULLETIN, encoding="utf-8")
    page = page_as("planner")
    page.goto(f"{live_server.url}/imports/")
    page.set_input_files("#id_file", str(path))
    page.select_option("#id_bulletin_plan", "fyp15")
    page.click("#upload-form button[type=submit]")

    proposal = page.locator("#findings-observation .finding", has_text="地区生产总值")
    expect(proposal).to_contain_text("2026")
    expect(proposal).to_contain_text("2,700.5 亿元")
    expect(proposal).to_contain_text("初步核算")
    expect(page.locator("#source-text mark.hl-observation").first).to_have_text("2700.5亿元")

    page.click("#accept-form button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("提交审核")
    value = Observation.objects.filter(indicator__plan__code="fyp15", indicator__name="地区生产总值",
                                       period="2026", state="submitted").get()  # fmt: skip
    assert value.value == 2700.5 and value.source is not None and "2700.5亿元" in value.source_quote
