"""A month's dispatch cycle in the browser: upload, a refused row, the fix, approval, the figures move."""

import re
from io import BytesIO

from openpyxl import load_workbook
from playwright.sync_api import expect

OCTOBER = re.compile(r"[?&]period=2026-10(&|$)")


def _filled(path, fixes: dict[str, dict[int, object]]) -> bytes:
    book = load_workbook(path)
    sheet = book["调度"]
    for row in range(3, sheet.max_row + 1):
        for column, value in fixes.get(sheet.cell(row=row, column=1).value, {}).items():
            sheet.cell(row=row, column=column, value=value)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _choose_october(page) -> None:
    """Pick October in the month box: it submits its form, so wait for the October page to load.

    Playwright's select_option does not wait for the navigation it starts; the page opens on the first open
    month, which follows today's date, so acting at once could download or upload for another month.
    """
    with page.expect_navigation(url=OCTOBER):
        page.select_option("select[name=period]", "2026-10")


def _upload(page, content: bytes) -> None:
    page.set_input_files(
        "#upload-form input[type=file]",
        files=[{"name": "木垒县-2026-10.xlsx", "mimeType": "application/octet-stream", "buffer": content}],
    )
    page.click("#upload-form button[type=submit]")


def test_mulei_uploads_fixes_a_wrong_row_and_the_planner_approves(page_as, live_server, tmp_path):
    planner = page_as("planner")
    # The dashboard's dispatch card for October (by default it shows the latest month whose deadline passed).
    planner.goto(f"{live_server.url}/?period=2026-10")
    reported_before = planner.text_content("#dispatch-reported").strip()

    mulei = page_as("mulei")
    mulei.click("a[data-nav=dispatch]")
    mulei.click("text=本单位")
    _choose_october(mulei)
    with mulei.expect_download() as download:
        mulei.click("#template-download")
    template = tmp_path / "template.xlsx"
    download.value.save_as(template)

    # Column D: this month, E: year to date. The year to date of ML-102 is typed in words: refused.
    _upload(mulei, _filled(template, {"ML-102": {4: 28620, 5: "十六万"}}))
    error = mulei.locator("#upload-errors tr.cell-error")
    expect(error).to_have_count(1)  # the click waits for the refusal's page to start, not to be read
    assert error.get_attribute("data-column") == "E"
    assert "“十六万”不是数字" in error.text_content()
    assert "未保存任何数据" in mulei.text_content("h1")

    mulei.click("text=返回本单位页面")
    _choose_october(mulei)
    _upload(mulei, _filled(template, {"ML-102": {4: 28620, 5: 160000}}))
    assert "导入成功" in mulei.text_content(".messages")
    _choose_october(mulei)
    mulei.click("#submit-all")
    assert "已报送" in mulei.text_content("#unit-report-table tr[data-code='ML-102']")

    planner.goto(f"{live_server.url}/projects/dispatch/review/")
    planner.click("#review-table tr:has-text('ML-102') >> text=审核")
    assert "160,000" in planner.text_content("#report-cumulative")
    planner.click("#report-approve")
    assert planner.text_content("#report-state").strip() == "已审核"

    planner.goto(f"{live_server.url}/?period=2026-10")
    assert planner.text_content("#dispatch-reported").strip() != reported_before
