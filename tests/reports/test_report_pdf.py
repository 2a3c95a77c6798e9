"""The stocktake as a reader sees it: rendered by LibreOffice, every font CJK, a known number of pages.

`make test` installs LibreOffice and poppler (system-test-deps); without them this test is skipped and
says so.
"""

import shutil
import subprocess
from pathlib import Path

import pytest

from lantu.reports.models import OfficeFrame

FONTS = Path(__file__).parents[2] / "lantu" / "reports" / "renderers" / "fonts.conf"
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
            "pdf",
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
    assert pages(pdf) == 6
