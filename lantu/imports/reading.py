"""Read the text of an uploaded .txt, .docx or text-layer .pdf, refusing what cannot be read."""

import io
import re
import zipfile

from django.utils.translation import gettext as _

from lantu.lib.text import without_control_characters

MAX_BYTES = 20 * 1024 * 1024
EXTENSIONS = (".txt", ".docx", ".pdf")
# PDF text layers put a space between Chinese and figures ("15 万亩", "2025 年"); running text has none.
PDF_GAP = re.compile(
    r"(?<=[\u4e00-\u9fff\uff08\uff09，。；：、])[ \u00a0]+(?=[0-9])|(?<=[0-9%])[ \u00a0]+(?=[\u4e00-\u9fff])"
)


class ReadError(ValueError):
    """The file cannot be read as a plan document; the message says why."""


def _decode_text(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise ReadError(_("The file is binary, not text. Upload a .txt, .docx or .pdf document."))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        cjk = sum("\u4e00" <= ch <= "\u9fff" for ch in text)
        if encoding == "gb18030" and cjk < len(text) * 0.2:
            break
        return text
    raise ReadError(
        _("The text is in an encoding Lantu cannot read. Save it as UTF-8 or GB18030 and upload again.")
    )


def _read_docx(data: bytes) -> str:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReadError(_("The file is not a valid Word (.docx) document.")) from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines.append("")
        lines.extend(table_line([cell.text for cell in row.cells]) for row in table.rows)
    return "\n".join(lines)


def table_line(cells: list) -> str:
    """Write a table row as one line, its cells between "|" (the form the extractor reads tables in)."""
    return " | ".join(re.sub(r"\s+", " ", str(c or "")).strip() for c in cells)


def _read_pdf(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise ReadError(_("The file is not a readable PDF document.")) from exc
    tables = _pdf_tables(data)
    return PDF_GAP.sub("", text) + ("\n\n" + "\n".join(tables) if tables else "")


def _pdf_tables(data: bytes) -> list[str]:
    """Return the ruled tables of a text-layer PDF as "|" lines (pdfplumber finds cells by their rules)."""
    import pdfplumber
    from pdfminer.psexceptions import PSException

    lines: list[str] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                for table in page.extract_tables():
                    lines.append("")
                    lines.extend(table_line(row) for row in table)
    except (PSException, ValueError, KeyError, OSError, TypeError, AttributeError):
        return []  # the text layer is still read; a table pdfplumber cannot parse is left to the text
    return lines


def read_document(filename: str, data: bytes) -> str:
    """Return the text of a document, or raise ReadError with a message for the user."""
    name = filename.lower()
    if not name.endswith(EXTENSIONS):
        raise ReadError(_("Only .txt, .docx and .pdf documents can be imported."))
    if len(data) > MAX_BYTES:
        raise ReadError(
            _("The file is larger than 20 MB. Split the document or remove images and upload again.")
        )
    if not data.strip():
        raise ReadError(_("The file is empty."))
    if name.endswith(".txt"):
        text = _decode_text(data)
    elif name.endswith(".docx"):
        text = _read_docx(data)
    else:
        text = _read_pdf(data)
    if not any("\u4e00" <= ch <= "\u9fff" for ch in text):
        if name.endswith(".pdf"):
            raise ReadError(_("The PDF has no text layer (it is a scan). Upload a text PDF, .docx or .txt."))
        raise ReadError(_("The document contains no Chinese text to read."))
    # Page breaks and stray control characters of a PDF or text file would be refused when stored.
    return without_control_characters(text)
