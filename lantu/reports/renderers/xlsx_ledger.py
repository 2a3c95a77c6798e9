"""Write a ledger as .xlsx the way an office lays one out: title, frozen header, groups, filter, print."""

import io
from copy import copy

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from lantu.lib.charts import STATUS_COLORS
from lantu.lib.spreadsheets import write_cell
from lantu.reports.document import GroupRow, Ledger

FONT = "仿宋_GB2312"
THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
GROUP_FILL = PatternFill("solid", fgColor="F2F2F2")
HEADER_ROW = 3  # title, subtitle, header
BODY = Font(name=FONT, size=10)
WRAP = Alignment(vertical="center", wrap_text=True)
RIGHT = Alignment(vertical="center", wrap_text=True, horizontal="right")


def _status_font(status: str) -> Font:
    color = STATUS_COLORS.get(status)
    return Font(name=FONT, size=10, bold=bool(color), color=color.lstrip("#") if color else None)


def render_xlsx(ledger: Ledger) -> bytes:
    """Return the .xlsx bytes of a ledger."""
    book = Workbook()
    sheet = book.active
    sheet.title = ledger.title[:31].replace("/", "-")
    width = len(ledger.columns)
    last = get_column_letter(width)
    sheet.merge_cells(f"A1:{last}1")
    write_cell(sheet["A1"], ledger.title)
    sheet["A1"].font = Font(name="方正小标宋简体", size=16)
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[1].height = 30
    sheet.merge_cells(f"A2:{last}2")
    write_cell(sheet["A2"], ledger.subtitle)
    sheet["A2"].font = Font(name="楷体_GB2312", size=11)
    sheet["A2"].alignment = Alignment(horizontal="right")
    for index, column in enumerate(ledger.columns, start=1):
        cell = write_cell(sheet.cell(row=HEADER_ROW, column=index), column.label)
        cell.font = Font(name="黑体", size=10)
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.row_dimensions[HEADER_ROW].height = 28
    row_number = HEADER_ROW
    styles: dict[tuple[int, str], object] = {}
    for row in ledger.rows:
        row_number += 1
        if isinstance(row, GroupRow):
            sheet.merge_cells(start_row=row_number, start_column=1, end_row=row_number, end_column=width)
            cell = write_cell(sheet.cell(row=row_number, column=1), row.label)
            cell.font = Font(name="黑体", size=10)
            for index in range(1, width + 1):
                sheet.cell(row=row_number, column=index).fill = GROUP_FILL
                sheet.cell(row=row_number, column=index).border = BORDER
            continue
        for index, (column, value) in enumerate(zip(ledger.columns, row.values, strict=True), start=1):
            cell = sheet.cell(row=row_number, column=index)
            status = row.status if index - 1 == ledger.status_column else ""
            key = (index, status)
            if key in styles:
                # openpyxl hashes every style it is given; copying a finished cell's style is 10× faster
                cell._style = copy(styles[key])
            else:
                cell.border = BORDER
                cell.font = _status_font(status) if status else BODY
                numeric = bool(column.number_format) and not column.number_format.startswith("yyyy")
                cell.alignment = RIGHT if numeric else WRAP
                if column.number_format:
                    cell.number_format = column.number_format
                styles[key] = copy(cell._style)
            write_cell(cell, value)  # after the style: a quote prefix stays with its own cell
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=1)
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{max(row_number, HEADER_ROW)}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.oddFooter.center.text = _("Page &P of &N")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
