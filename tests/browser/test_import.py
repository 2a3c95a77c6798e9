"""A planner imports a document in Chromium: upload, edit, drop, accept, then sees the items in the tree."""

from playwright.sync_api import expect

TEXT = (
    "全县“十五五”重点任务\n\n"
    "- 以科技创新为引领，建设现代化煤电产业体系；\n"
    "- 以乡村振兴为抓手，建设宜居宜业和美乡村；\n"
    "- 以改革开放为动力，建设开放型经济新体制。\n\n"
    "2024年，全县新建高标准农田12万亩，规上工业企业达到126家。\n"
)


def test_planner_uploads_edits_drops_and_accepts_into_the_plan_tree(page_as, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    path = tmp_path / "任务.txt"
    path.write_text(TEXT, encoding="utf-8")
    page = page_as("planner")
    page.click("a[data-nav=imports]")
    page.set_input_files("#id_file", str(path))
    page.click("#upload-form button[type=submit]")

    # The review shows the text with highlights beside the proposal.
    expect(page.locator("#source-text mark.hl-quantity").first).to_be_visible()
    items = page.locator("#findings-item .finding")
    expect(items).to_have_count(4)

    # Edit the first member's title (htmx swaps the row in place).
    first_member = page.locator("#findings-item .finding", has_text="以科技创新为引领")
    first_member.get_by_role("button", name="编辑").click()
    page.fill(".finding-edit input[name=title]", "以科技创新为引领，建设现代化产业体系（已校对）")
    page.click(".finding-edit button[type=submit]")
    expect(page.locator("#findings-item")).to_contain_text("（已校对）")

    # Drop the third member.
    dropped = page.locator("#findings-item .finding", has_text="以改革开放为动力")
    dropped.get_by_role("button", name="舍弃").click()
    expect(page.locator("#findings-item .finding.state-dropped")).to_have_count(1)

    # Accept into the master plan's top level; the plan tree shows the new items.
    page.select_option("#id_plan", index=0)
    page.click("#accept-form button[type=submit]")
    tree = page.locator("#plan-tree")
    expect(tree).to_contain_text("以科技创新为引领，建设现代化产业体系（已校对）")
    expect(tree).to_contain_text("以乡村振兴为抓手")
    expect(tree).not_to_contain_text("以改革开放为动力，建设开放型经济新体制")
