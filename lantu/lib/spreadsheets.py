"""Validated Excel (xlsx) templates: write a prefilled sheet, read it back cell by cell.

Generic and free of domain models, for every "download a template, fill it in, upload it" page:

    columns = [Column("code", _("Code"), locked=True), Column("value", _("Value"), kind="decimal")]
    data = write_sheet(columns, rows=[{"code": "gdp", "value": None}], title=_("Values"))
    rows, errors = read_sheet(uploaded_bytes, columns)
    # errors: [CellError(row=5, column="C", message="不是数字")], str() gives "第5行 C列：不是数字"

`read_sheet` checks every cell against its column (required, kind, choices) and returns all errors at
once (`read_table` reads another system's export whose layout is not ours; `check_cell` checks its
cells); callers add their own domain checks with `CellError(row.number, column_letter(columns, key), …)`
and save nothing unless the list is empty. Row numbers are the sheet's own (the header is row 1).
"""

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

MAX_BYTES = 5 * 1024 * 1024
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


@dataclass(frozen=True)
class CellError:
    """A problem with one cell: its row number, column letter and a message for the user."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("Row %(row)s, column %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass(frozen=True)
class SheetRow:
    """A data row read back: its sheet row number and the checked value of each column."""

    number: int
    values: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Any:
        return self.values.get(key)


def column_letter(columns: Sequence[Column], key: str) -> str:
    """Return the letter of a column by its key."""
    return get_column_letter([c.key for c in columns].index(key) + 1)


def write_sheet(
    columns: Sequence[Column], rows: Iterable[dict[str, Any]], *, title: str, notes: Sequence[str] = ()
) -> bytes:
    """Return an xlsx file with a header row, the given rows and, on a second sheet, notes."""
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header + (" *" if column.required else ""))
        cell.font, cell.fill = Font(bold=True), _HEADER_FILL
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    for number, row in enumerate(rows, start=2):
        for index, column in enumerate(columns, start=1):
            value = row.get(column.key)
            cell = sheet.cell(row=number, column=index, value=_cell_value(value))
            if column.locked:
                cell.fill = _LOCKED_FILL
            if column.kind != "text":
                cell.alignment = Alignment(horizontal="right")
            else:
                cell.number_format = "@"  # keep "2027" or "001" as text
    sheet.freeze_panes = "A2"
    if notes:
        help_sheet = book.create_sheet(_("Instructions")[:31])
        help_sheet.column_dimensions["A"].width = 100
        for number, note in enumerate(notes, start=1):
            help_sheet.cell(row=number, column=1, value=note)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell_value(value: Any) -> Any:
    """Return a cell value openpyxl writes as a number when a float holds it exactly."""
    if isinstance(value, Decimal):
        return float(value) if len(value.normalize().as_tuple().digits) <= 15 else str(value)
    return value


def _open(data: bytes):
    """Return the first sheet of an xlsx file and its book, or a CellError saying why it cannot be read."""
    if len(data) > MAX_BYTES:
        return None, None, CellError(1, "A", _("The file is larger than 5 MB."))
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors for a file that is not xlsx
        return None, None, CellError(1, "A", _("The file is not an Excel workbook (.xlsx)."))
    return book, book.worksheets[0], None


def _header_text(value: Any) -> str:
    return str(value or "").removesuffix(" *").strip()


def read_sheet(data: bytes, columns: Sequence[Column]) -> tuple[list[SheetRow], list[CellError]]:
    """Read the first sheet; return its non-empty data rows and every cell error found."""
    book, sheet, refusal = _open(data)
    if refusal is not None:
        return [], [refusal]
    header = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
    found = [_header_text(h) for h in list(header)[: len(columns)]]
    known = [(c.header, *c.aliases) for c in columns]
    if len(found) != len(columns) or any(h not in names for h, names in zip(found, known, strict=True)):
        book.close()
        return [], [
            CellError(1, "A", _("The header row does not match the template; download a new template."))
        ]
    rows: list[SheetRow] = []
    errors: list[CellError] = []
    for number, raw in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        cells = list(raw)[: len(columns)] + [None] * max(0, len(columns) - len(raw))
        if all(_blank(value) for value in cells):
            continue
        values: dict[str, Any] = {}
        for index, (column, value) in enumerate(zip(columns, cells, strict=True), start=1):
            checked, message = check_cell(column, value)
            if message:
                errors.append(CellError(number, get_column_letter(index), message))
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
    book, sheet, refusal = _open(data)
    if refusal is not None:
        return None, refusal
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
        return None, CellError(1, "A", _("No header row was found in the first %(n)s rows.") % {"n": scan})
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
    text = str(value).strip().replace(",", "").replace("，", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None, _("“%(value)s” is not a number.") % {"value": text}
    if not number.is_finite():
        return None, _("“%(value)s” is not a number.") % {"value": text}
    if column.kind == "integer" and number != number.to_integral_value():
        return None, _("“%(value)s” is not a whole number.") % {"value": text}
    if isinstance(value, float):
        number = Decimal(repr(value))  # 12.3 rather than 12.300000000000000710542735760100185871124267578125
    return (int(number) if column.kind == "integer" else number), ""
