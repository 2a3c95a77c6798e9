"""Validated Excel (xlsx) templates: write a prefilled sheet, read it back cell by cell.

Generic and free of domain models, for every "download a template, fill it in, upload it" page:

    columns = [Column("code", _("Code"), locked=True), Column("value", _("Value"), kind="decimal")]
    data = write_sheet(columns, rows=[{"code": "gdp", "value": None}], title=_("Values"))
    rows, errors = read_sheet(uploaded_bytes, columns)
    # errors: [CellError(row=5, column="C", message="不是数字")], str() gives "第5行 C列：不是数字"

`read_sheet` checks every cell against its column (required, kind, choices, minimum, digits, hints) and
returns all errors at once; callers add their own domain checks with `cell_error(row.number, columns, key,
…)` and save nothing unless the list is empty. Row numbers are the sheet's own (the header is row 1, or
row 2 under a caption). A template may carry a hidden, protected "meta" sheet (`write_sheet(meta=…)`,
`read_meta`) that says whom and what period it was made for.

Every value written goes through `safe_value`: text that a spreadsheet would run as a formula (=, +, -, @)
is stored as text with Excel's quote prefix, and control characters that the file format forbids are
dropped, so no stored text can inject a formula or make a download fail.
"""

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

MAX_BYTES = 5 * 1024 * 1024
META_SHEET = "meta"
# A cell whose text starts with one of these is a formula to a spreadsheet program (OWASP CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
_LOCKED_FILL = PatternFill("solid", fgColor="F2F2F2")


@dataclass(frozen=True)
class Column:
    """A column of a template: key, header, kind (text | decimal | integer), and its checks."""

    key: str
    header: str
    kind: str = "text"
    required: bool = False
    locked: bool = False  # prefilled by the system: shown grey, read back but not meant to be edited
    width: int = 14
    choices: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # other accepted headers, e.g. the header in another UI language
    minimum: Decimal | None = None  # numbers: the smallest value accepted
    max_digits: int | None = None  # numbers: digits in all, as the model field stores them
    places: int | None = None  # numbers: decimal places kept (rounded half up), as the model field stores
    suffixes: tuple[str, ...] = ()  # numbers: units a reporter may type after the number ("万元", "%")
    hints: tuple[tuple[str, str], ...] = ()  # numbers: (text, message) refusals with advice, e.g. 亿


@dataclass(frozen=True)
class CellError:
    """A problem with one cell: its row number, column letter and a message for the user."""

    row: int
    column: str
    message: str
    label: str = ""  # the column's header, shown beside its letter

    def __str__(self) -> str:
        values = {"row": self.row, "column": self.column, "label": self.label, "message": self.message}
        if self.label:
            return _("Row %(row)s, column %(column)s (%(label)s): %(message)s") % values
        return _("Row %(row)s, column %(column)s: %(message)s") % values


@dataclass(frozen=True)
class SheetRow:
    """A data row read back: its sheet row number and the checked value of each column."""

    number: int
    values: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Any:
        return self.values.get(key)


def cell_error(row: int, columns: Sequence[Column], key: str, message: str) -> CellError:
    """Return an error for the cell of a row in the column with this key, labelled with its header."""
    index = [c.key for c in columns].index(key)
    return CellError(row, get_column_letter(index + 1), message, columns[index].header)


def file_error(message: str) -> CellError:
    """Return an error about the whole file (shown at its first cell)."""
    return CellError(1, "A", message)


def safe_value(value: Any) -> Any:
    """Return a value to write to a cell: no control characters a workbook cannot hold, numbers as numbers."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return _cell_value(value)


def write_cell(cell: Cell, value: Any) -> Cell:
    """Write a value to a cell so that text is always text: never a formula, whatever it starts with."""
    cell.value = safe_value(value)
    if isinstance(cell.value, str) and cell.value.startswith(_FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True  # Excel keeps it text when the cell is edited
    return cell


def write_sheet(
    columns: Sequence[Column],
    rows: Iterable[dict[str, Any]],
    *,
    title: str,
    notes: Sequence[str] = (),
    caption: str = "",
    meta: dict[str, str] | None = None,
) -> bytes:
    """Return an xlsx file with a caption row, a header row, the rows, notes and a hidden meta sheet."""
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    header_row = 2 if caption else 1
    if caption:
        write_cell(sheet.cell(row=1, column=1), caption).font = Font(bold=True, size=13)
    for index, column in enumerate(columns, start=1):
        cell = write_cell(
            sheet.cell(row=header_row, column=index), column.header + (" *" if column.required else "")
        )
        cell.font, cell.fill = Font(bold=True), _HEADER_FILL
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    for number, row in enumerate(rows, start=header_row + 1):
        for index, column in enumerate(columns, start=1):
            cell = write_cell(sheet.cell(row=number, column=index), row.get(column.key))
            if column.locked:
                cell.fill = _LOCKED_FILL
            if column.kind != "text":
                cell.alignment = Alignment(horizontal="right")
            else:
                cell.number_format = "@"  # keep "2027" or "001" as text
    sheet.freeze_panes = f"A{header_row + 1}"
    if notes:
        help_sheet = book.create_sheet(_("Instructions")[:31])
        help_sheet.column_dimensions["A"].width = 100
        for number, note in enumerate(notes, start=1):
            write_cell(help_sheet.cell(row=number, column=1), note)
    if meta:
        meta_sheet = book.create_sheet(META_SHEET)
        for number, (key, value) in enumerate(meta.items(), start=1):
            write_cell(meta_sheet.cell(row=number, column=1), key)
            write_cell(meta_sheet.cell(row=number, column=2), value)
        meta_sheet.sheet_state = "hidden"
        meta_sheet.protection.sheet = True
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell_value(value: Any) -> Any:
    """Return a cell value openpyxl writes as a number when a float holds it exactly."""
    if isinstance(value, Decimal):
        return float(value) if len(value.normalize().as_tuple().digits) <= 15 else str(value)
    return value


class NotAWorkbook(Exception):
    """The bytes are too large or not an xlsx workbook; `error` says which."""

    def __init__(self, error: CellError):
        super().__init__(error.message)
        self.error = error


def _open(data: bytes) -> Any:
    if len(data) > MAX_BYTES:
        raise NotAWorkbook(file_error(_("The file is larger than 5 MB.")))
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors for a file that is not xlsx
        raise NotAWorkbook(file_error(_("The file is not an Excel workbook (.xlsx)."))) from None


def read_meta(data: bytes) -> dict[str, str]:
    """Return the key/value pairs of a template's meta sheet ({} when it has none or is not a workbook)."""
    try:
        book = _open(data)
    except NotAWorkbook:
        return {}
    try:
        if META_SHEET not in book.sheetnames:
            return {}
        return {
            str(row[0]): "" if len(row) < 2 or row[1] is None else str(row[1])
            for row in book[META_SHEET].iter_rows(max_col=2, values_only=True)
            if row and row[0]
        }
    finally:
        book.close()


def _header_text(value: Any) -> str:
    return str(value or "").removesuffix(" *").strip()


def read_sheet(
    data: bytes, columns: Sequence[Column], *, header_row: int = 1, sheet_name: str = ""
) -> tuple[list[SheetRow], list[CellError]]:
    """Read a sheet (by name, else the first); return its non-empty data rows and every cell error."""
    try:
        book = _open(data)
    except NotAWorkbook as refused:
        return [], [refused.error]
    sheet = book[sheet_name] if sheet_name in book.sheetnames else book.worksheets[0]
    rows: list[SheetRow] = []
    errors: list[CellError] = []
    header = next(sheet.iter_rows(min_row=header_row, max_row=header_row, values_only=True), ())
    found = [_header_text(h) for h in list(header)[: len(columns)]]
    known = [(c.header, *c.aliases) for c in columns]
    if len(found) != len(columns) or any(h not in names for h, names in zip(found, known, strict=True)):
        book.close()
        return [], [file_error(_("The header row does not match the template; download a new template."))]
    first = header_row + 1
    for number, raw in enumerate(sheet.iter_rows(min_row=first, values_only=True), start=first):
        cells = list(raw)[: len(columns)] + [None] * max(0, len(columns) - len(raw))
        if all(_blank(value) for value in cells):
            continue
        values: dict[str, Any] = {}
        for index, (column, value) in enumerate(zip(columns, cells, strict=True), start=1):
            checked, message = check_cell(column, value)
            if message:
                errors.append(CellError(number, get_column_letter(index), message, column.header))
            values[column.key] = checked
        rows.append(SheetRow(number, values))
    book.close()
    return rows, errors


@dataclass(frozen=True)
class Table:
    """A sheet of another system's layout: its header row, headers, and data rows as raw cell values."""

    header_row: int
    headers: list[str]
    rows: list[tuple[int, list[Any]]]  # (sheet row number, cells in header order)


def read_table(data: bytes, *, scan: int = 10) -> tuple[Table | None, CellError | None]:
    """Read the first sheet of an exported list whose header row is not known in advance.

    The header row is the first of the top `scan` rows with two or more filled cells (a title row
    above it, merged across the columns, has one). Cell values stay raw: check them with `check_cell`.
    """
    try:
        book = _open(data)
    except NotAWorkbook as refused:
        return None, refused.error
    sheet = book.worksheets[0]
    header_row, headers, rows = 0, [], []
    for number, raw in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = list(raw)
        if not header_row:
            if sum(not _blank(value) for value in cells) >= 2:
                header_row, headers = number, [_header_text(value) for value in cells]
            elif number >= scan:
                break
            continue
        cells = cells[: len(headers)] + [None] * max(0, len(headers) - len(cells))
        if not all(_blank(value) for value in cells):
            rows.append((number, [_plain(value) for value in cells]))
    book.close()
    if not header_row:
        return None, file_error(_("No header row was found in the first %(n)s rows.") % {"n": scan})
    return Table(header_row, headers, rows), None


def _plain(value: Any) -> Any:
    """Return a cell value that JSON keeps: dates as ISO text, numbers and text as they are."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def check_cell(column: Column, value: Any) -> tuple[Any, str]:
    """Return the cell's value converted to the column's kind, and an error message or ""."""
    if _blank(value):
        return None, _("This cell is required.") if column.required else ""
    if column.kind == "text":
        text = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value).strip()
        if column.choices and text not in column.choices:
            return text, _("“%(value)s” is not one of: %(choices)s.") % {
                "value": text,
                "choices": "、".join(column.choices),
            }
        return text, ""
    if isinstance(value, bool):
        return None, _("“%(value)s” is not a number.") % {"value": value}
    text = str(value).strip().replace(",", "").replace("，", "")
    for hint, message in column.hints:
        if hint in text:
            return None, message
    for suffix in column.suffixes:
        text = text.removesuffix(suffix).strip()
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(text)
    except InvalidOperation:
        return None, _("“%(value)s” is not a number.") % {"value": text}
    # repr() gives 12.3 for a float cell, not 12.300000000000000710542735760100185871124267578125
    if not number.is_finite():
        return None, _("“%(value)s” is not a number.") % {"value": text}
    if column.kind == "integer" and number != number.to_integral_value():
        return None, _("“%(value)s” is not a whole number.") % {"value": text}
    if column.minimum is not None and number < column.minimum:
        if column.minimum == 0:
            return None, _("must not be negative")
        return None, _("must be at least %(minimum)s") % {"minimum": column.minimum}
    whole_digits = (column.max_digits or 28) - (column.places or 0)
    if column.places is not None and number.adjusted() < whole_digits:
        number = number.quantize(Decimal(1).scaleb(-column.places), rounding=ROUND_HALF_UP)
    if number and number.adjusted() >= whole_digits:
        return None, _("“%(value)s” is too large: at most %(digits)s digits before the decimal point.") % {
            "value": text,
            "digits": whole_digits,
        }
    return (int(number) if column.kind == "integer" else number), ""


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(data: bytes, filename: str) -> HttpResponse:
    """Return a download of an xlsx file under its (Chinese) file name."""
    response = HttpResponse(data, content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
