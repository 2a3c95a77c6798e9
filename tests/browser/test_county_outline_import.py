"""A planner imports a county outline with its 主要指标 table into a new plan, in Chromium."""

from playwright.sync_api import expect

from lantu.plans.models import Plan

OUTLINE = (
    "奇台县国民经济和社会发展第十五个五年规划纲要\n\n"
    "专栏1 “十五五”时期经济社会发展主要指标\n"
    "类别 | 指标 | 单位 | 2025年 | 2030年 | 年均增长（%） | 属性\n"
    "经济发展 | 地区生产总值 | 亿元 | 360.5 | 500 | 7左右 | 预期性\n"
    " | 常住人口城镇化率 | % | 55 | 62 | — | 预期性\n"
    "绿色生态 | 单位地区生产总值能源消耗降低 | % | — | — | 〔13.5〕 | 约束性\n"
    " | 森林覆盖率 | % | 12.5 | 13 | — | 约束性\n\n"
    "第一章 推进新型工业化\n"
    "（一）壮大煤电煤化工产业。由县发展和改革委员会牵头。\n"
    "（二）建设现代农业强县。\n"
)


def test_a_county_outline_with_its_main_indicator_table_founds_a_plan_with_those_indicators(
    page_as, tmp_path, settings, live_server
):
    settings.MEDIA_ROOT = tmp_path / "media"
    path = tmp_path / "奇台县纲要.txt"
    path.write_text(OUTLINE, encoding="utf-8")
    page = page_as("planner")
    page.goto(f"{live_server.url}/imports/")
    page.set_input_files("#id_file", str(path))
    page.select_option("#id_issuer", "qitai")
    page.click("#upload-form button[type=submit]")

    # The review lists each table row once, with its baseline, target and attribute.
    gdp = page.locator("#findings-quantity .finding", has_text="地区生产总值").first
    expect(gdp).to_contain_text("2025 360.5 → 2030 500 亿元")
    expect(gdp).to_contain_text("预期性")
    expect(page.locator("#findings-quantity .finding")).to_have_count(4)

    # Found a new plan owned by the county.
    page.select_option("#id_plan", "__new__")
    page.fill("#id_new_name", "奇台县“十五五”规划纲要")
    page.select_option("#id_new_kind", "local")
    page.fill("#id_new_start_year", "2026")
    page.fill("#id_new_end_year", "2030")
    page.select_option("#id_new_owner", "qitai")
    page.click("#accept-form button[type=submit]")
    expect(page.locator("#plan-tree")).to_contain_text("壮大煤电煤化工产业")

    plan = Plan.objects.get(name="奇台县“十五五”规划纲要")
    page.goto(f"{live_server.url}/indicators/?plan={plan.code}")
    table = page.locator("#indicator-table")
    expect(table.locator("tbody tr")).to_have_count(4)
    gdp_row = table.locator("tbody tr", has_text="地区生产总值").first
    expect(gdp_row).to_contain_text("360.5")
    expect(gdp_row).to_contain_text("2025")
    expect(gdp_row).to_contain_text("500")
    forest = table.locator("tbody tr", has_text="森林覆盖率")
    expect(forest.locator(".badge.binding")).to_be_visible()
    expect(forest).to_contain_text("12.5")
    energy = table.locator("tbody tr", has_text="能源消耗降低")
    expect(energy).to_contain_text("13.5")
