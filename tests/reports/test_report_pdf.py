"""Documents as a reader sees them: rendered by LibreOffice, every font CJK, the 版记 on an even last page.

`make test` installs LibreOffice and poppler (system-test-deps); without them these tests are skipped
and say so.
"""

import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest

from lantu.reports.document import Frame, Paragraph, Title
from lantu.reports.models import OfficeFrame
from lantu.reports.renderers.docx_gbt9704 import render_docx

FONTS = Path(__file__).parents[2] / "lantu" / "reports" / "renderers" / "fonts.conf"
# keep the blank pages LibreOffice inserts before a section that starts on an even page, as a printer does
PDF_EXPORT = 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}'
MM = 72 / 25.4  # PDF points per millimetre
needs_libreoffice = pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdffonts")),
    reason="LibreOffice (soffice) or poppler (pdffonts) is not installed: run make system-test-deps",
)


def render_pdf(docx: bytes, folder: Path) -> Path:
    """Convert a .docx to PDF with LibreOffice headless, with the document fonts mapped to Noto CJK."""
    source = folder / "document.docx"
    source.write_bytes(docx)
    env = {"FONTCONFIG_FILE": str(FONTS), "HOME": str(folder), "PATH": "/usr/bin:/bin"}
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{folder}/lo",
            "--headless",
            "--convert-to",
            PDF_EXPORT,
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        env=env,
        timeout=180,
    )
    return folder / "document.pdf"


def fonts(pdf: Path) -> list[str]:
    lines = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    return [line.split()[0] for line in lines.splitlines()[2:]]


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])


@needs_libreoffice
def test_rendered_stocktake_uses_only_cjk_fonts_on_its_pages(data, generate, tmp_path):
    OfficeFrame.objects.create(
        unit=data.world.drc,
        issuer_mark="昌吉回族自治州发展和改革委员会文件",
        number_prefix="昌州发改",
        signature="昌吉回族自治州发展和改革委员会",
        copy_to="州党委办公室",
    )
    report = generate("stocktake")
    assert report.state == "done", report.message
    pdf = render_pdf(report.file.read(), tmp_path)
    used = fonts(pdf)
    assert used and all("CJK" in name for name in used), used  # no Latin fallback face: no missing glyph
    assert pages(pdf) % 2 == 0


def _lines(page) -> list[tuple[float, float, float, str]]:
    """Return a PDF page's text lines as (top, x0, x1, text), top to bottom."""
    return [(line["top"], line["x0"], line["x1"], line["text"]) for line in page.extract_text_lines()]


def _imprint_page(pdf: Path):
    """Return the page count, the last page's height, width and lines, and the page before it's text."""
    with pdfplumber.open(pdf) as document:
        last = document.pages[-1]
        before = document.pages[-2].extract_text() if len(document.pages) > 1 else ""
        return len(document.pages), float(last.height), float(last.width), _lines(last), before


FRAME = Frame(
    issuer_mark="昌吉回族自治州发展和改革委员会文件",
    number="昌州发改〔2026〕3号",
    recipients="州人民政府",
    signature="昌吉回族自治州发展和改革委员会",
    date_text="2026年11月15日",
    copy_to="州党委办公室，州人大常委会办公室，州政协办公室",
    printer="昌吉州发展和改革委员会办公室",
    printed_on="2026年11月15日",
)


@needs_libreoffice
@pytest.mark.parametrize(
    ("paragraphs", "blank_page"),
    [(0, False), (18, True)],
    ids=["body-ends-on-an-odd-page", "body-ends-on-an-even-page"],
)
def test_imprint_stands_at_the_foot_of_the_last_page_which_is_even(tmp_path, paragraphs, blank_page):
    """GB/T 9704-2012 §9.1, §10: the 版记's last line is the last line of the last page, an even one."""
    body = [Title("关于“十五五”规划实施情况的报告")] + [Paragraph("规划实施总体平稳。" * 30)] * paragraphs
    count, height, _width, lines, before = _imprint_page(render_pdf(render_docx(body, FRAME), tmp_path))
    assert count % 2 == 0
    assert (before.strip() == "") == blank_page  # a blank page, unnumbered, when the body ends on an even one
    assert [text for _top, _x0, _x1, text in lines] == [
        "抄送：州党委办公室，州人大常委会办公室，州政协办公室。",
        "昌吉州发展和改革委员会办公室 2026年11月15日印发",
    ]  # nothing else on the page: no body text, no page number
    bottom_of_text_block = height - 35 * MM
    assert bottom_of_text_block - 12 * MM < lines[-1][0] < bottom_of_text_block


@needs_libreoffice
def test_a_long_printing_office_wraps_and_keeps_the_date_on_its_first_line(tmp_path):
    printer = "昌吉回族自治州发展和改革委员会（昌吉回族自治州粮食和物资储备局）办公室"
    frame = Frame(**{**FRAME.__dict__, "printer": printer})
    _count, _height, width, lines, _before = _imprint_page(
        render_pdf(render_docx([Title("通报")], frame), tmp_path)
    )
    dated = [line for line in lines if line[3].endswith("2026年11月15日印发")]
    assert len(dated) == 1, lines
    top, _x0, right, text = dated[0]
    assert text.startswith("昌吉回族自治州")  # the date stands on the name's first line
    assert width - 26 * MM - 2 * 14 < right < width - 26 * MM  # one character (四号) from the right edge
    wrapped = [t for below, _x0, _x1, t in lines if below > top]
    assert wrapped and text.split(" ")[0] + "".join(wrapped) == printer  # the rest of the name wraps
