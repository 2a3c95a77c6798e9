"""A planner generates the year-end stocktake of the Changji demo and downloads it."""

import io

import docx
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import expect


def test_planner_generates_and_downloads_the_changji_stocktake(page_as, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    page = page_as("planner")
    page.click("a[data-nav=reports]")
    expect(page.locator("h1")).to_have_text("报告与台账")
    page.select_option("#id_kind", "stocktake")
    expect(page.locator("#month-field")).to_be_hidden()  # the month is the bulletin's alone
    expect(page.locator("#id_unit option:checked")).to_have_text("昌吉回族自治州")
    page.fill("#id_year", str(timezone.localdate().year))
    page.click("#report-form button[type=submit]")
    row = page.locator("#report-list tbody tr").first
    expect(row).to_have_attribute("data-state", "done", timeout=30_000)  # polled by htmx while generating
    expect(row).to_contain_text(User.objects.get(username="planner").get_full_name())
    with page.expect_download() as info:
        row.locator("a[download]").click()
    download = info.value
    assert download.suggested_filename.endswith("年度盘点（昌吉州）.docx")
    document = docx.Document(io.BytesIO(open(download.path(), "rb").read()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "关于“十五五”规划2026年度实施情况的报告" in text and "一、总体情况" in text
    assert "昌州发改〔2026〕" in text and "州人民政府：" in text  # the demo office's frame
    indicator_names = {row.cells[0].text for row in document.tables[0].rows[1:]}
    assert "地区生产总值" in indicator_names


def test_planner_generates_the_monthly_bulletin_with_its_rankings(page_as, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    page = page_as("planner")
    page.click("a[data-nav=reports]")
    page.select_option("#id_kind", "bulletin")
    expect(page.locator("#month-field")).to_be_visible()
    page.fill("#id_year", "2026")
    page.select_option("#id_month", "10")
    page.click("#report-form button[type=submit]")
    row = page.locator("#report-list tbody tr").first
    expect(row).to_have_attribute("data-state", "done", timeout=30_000)
    expect(row).to_contain_text("2026-10")
    with page.expect_download() as info:
        row.locator("a[download]").click()
    download = info.value
    assert download.suggested_filename.endswith("2026年10月调度通报（昌吉州）.docx")
    document = docx.Document(io.BytesIO(open(download.path(), "rb").read()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "重大项目2026年10月调度通报" in text and "四、红黑榜" in text
    headers = [[cell.text for cell in table.rows[0].cells] for table in document.tables]
    assert ["排名", "牵头单位", "应报次数", "按时报送次数", "按时报送率"] in headers
