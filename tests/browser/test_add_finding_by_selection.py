"""A planner selects a passage the extractor missed in the source pane and adds it as a finding (Chromium)."""

from playwright.sync_api import expect

from lantu.imports.models import ImportDocument

TEXT = (
    "全县“十五五”重点任务\n\n"
    "- 以科技创新为引领，建设现代化煤电产业体系；\n"
    "- 以乡村振兴为抓手，建设宜居宜业和美乡村。\n\n"
    "新型储能装机规模突破80万千瓦，各县市完成目标。\n"
)
PASSAGE = "新型储能装机规模突破80万千瓦"


def _select(page, passage: str) -> None:
    """Select a passage of the source pane as a user dragging over it would, then release the mouse."""
    page.evaluate(
        """(passage) => {
          const source = document.getElementById("source-text");
          const at = source.textContent.indexOf(passage);
          if (at < 0) throw new Error("passage not in the source pane");
          const walker = document.createTreeWalker(source, NodeFilter.SHOW_TEXT);
          const range = document.createRange();
          const stop = at + passage.length;
          let node, seen = 0;
          while ((node = walker.nextNode())) {
            const next = seen + node.data.length;
            if (seen <= at && at < next) range.setStart(node, at - seen);
            if (seen < stop && stop <= next) range.setEnd(node, stop - seen);
            seen = next;
          }
          const sel = window.getSelection();
          sel.removeAllRanges();
          sel.addRange(range);
          source.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
        }""",
        passage,
    )


def test_a_selected_passage_becomes_a_finding_prefilled_by_the_parsers(
    page_as, tmp_path, settings, live_server
):
    settings.MEDIA_ROOT = tmp_path / "media"
    path = tmp_path / "任务.txt"
    path.write_text(TEXT, encoding="utf-8")
    page = page_as("planner")
    page.goto(f"{live_server.url}/imports/")
    page.set_input_files("#id_file", str(path))
    page.click("#upload-form button[type=submit]")
    doc = ImportDocument.objects.latest("id")
    assert not doc.findings.filter(payload__added_by="planner").exists()

    expect(page.locator("#select-add")).to_be_hidden()
    _select(page, PASSAGE)
    expect(page.locator("#select-add")).to_be_visible()
    page.locator("#select-add [data-add-kind=quantity]").click()

    form = page.locator("#add-finding-form")
    expect(form.locator("input[name=value]")).to_have_value("80")
    expect(form.locator("input[name=unit]")).to_have_value("万千瓦")
    expect(form.locator("input[name=title]")).to_have_value("新型储能装机规模")
    expect(form.locator("input[name=investment]")).to_be_hidden()  # a project's field
    form.locator("input[name=year]").fill("2030")
    form.locator("button[type=submit]").click()

    row = page.locator("#findings-quantity .finding", has_text="新型储能装机规模").filter(has_text="planner")
    expect(row).to_contain_text("80")
    expect(row).to_contain_text("万千瓦")
    added = doc.findings.get(payload__added_by="planner")
    assert doc.text[added.start : added.end] == PASSAGE
    # its source span is highlighted in the text and linked to the row
    expect(page.locator(f"#source-text mark#src-{added.pk}")).to_contain_text("新型储能装机规模")
