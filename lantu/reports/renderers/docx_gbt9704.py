"""Write document blocks as .docx after GB/T 9704-2012 (公文格式): A4, fonts, sizes, page numbers."""

import io
from collections.abc import Iterable

import cn2an
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_SECTION_START
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.run import Run
from docxtpl import DocxTemplate

from lantu.reports.document import Block, Frame, Heading, Image, PageBreak, Paragraph, Table, Title
from lantu.reports.renderers.docx_frame import PLACEHOLDERS, FrameWriter, template_context

TITLE_FONT = "方正小标宋简体"
HEADING_FONTS = {1: "黑体", 2: "楷体_GB2312", 3: "仿宋_GB2312"}
BODY_FONT = "仿宋_GB2312"
PAGE_NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"
SIZE_2 = Pt(22)  # 二号
SIZE_3 = Pt(16)  # 三号
SIZE_4 = Pt(14)  # 四号
SIZE_TABLE = Pt(10.5)  # 五号
SIZE_WIDE_TABLE = Pt(9)  # 小五, for tables of more than seven columns
CELL_MARGIN = Mm(1)
LINE = Pt(28)  # 22 lines on a page of 225 mm
MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}


def set_fonts(target, east_asian: str, latin: str = LATIN_FONT) -> None:
    """Set the Latin and East Asian font names of a run or style (w:rFonts)."""
    target.font.name = latin
    rpr = target.element.get_or_add_rPr() if isinstance(target, Run) else target.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attribute), latin)
    fonts.set(qn("w:eastAsia"), east_asian)


def _run(paragraph, text: str, font: str, size, bold: bool = False) -> Run:
    run = paragraph.add_run(text)
    set_fonts(run, font)
    run.font.size = size
    run.font.bold = bold
    return run


def _body_format(paragraph, *, indent: bool = True, line=LINE) -> None:
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = line
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.first_line_indent = SIZE_3 * 2 if indent else None


def _page_number(paragraph, align) -> None:
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    # one character's space between the number and the edge of the text block
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        fmt.right_indent = SIZE_4
    else:
        fmt.left_indent = SIZE_4
    _run(paragraph, "— ", PAGE_NUMBER_FONT, SIZE_4)
    run = _run(paragraph, "", PAGE_NUMBER_FONT, SIZE_4)
    begin, code, end = OxmlElement("w:fldChar"), OxmlElement("w:instrText"), OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    code.set(qn("xml:space"), "preserve")
    code.text = " PAGE "
    end.set(qn("w:fldCharType"), "end")
    run._r.append(begin)
    run._r.append(code)
    run._r.append(end)
    _run(paragraph, " —", PAGE_NUMBER_FONT, SIZE_4)


class GBT9704Writer:
    """Turns blocks into a python-docx Document laid out as an official document."""

    def __init__(self, frame: Frame | None = None, doc=None) -> None:
        """Write into a new A4 document, or into `doc` (a template's body) as it is."""
        self.doc = doc if doc is not None else Document()
        self.numbers = {1: 0, 2: 0, 3: 0}
        self.frame = FrameWriter(self.doc, frame, _run, _body_format) if frame is not None else None
        if doc is None:
            self._setup()
        if self.frame is not None:
            self.frame.header()

    def _setup(self) -> None:
        section = self.doc.sections[0]
        section.start_type = WD_SECTION_START.NEW_PAGE
        section.page_width, section.page_height = Mm(210), Mm(297)
        for side, value in MARGINS.items():
            setattr(section, f"{side}_margin", value)
        section.footer_distance = Mm(28) - Mm(7)  # the number sits 7 mm below the last line
        normal = self.doc.styles["Normal"]
        set_fonts(normal, BODY_FONT)
        normal.font.size = SIZE_3
        self.doc.settings.odd_and_even_pages_header_footer = True
        _page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
        _page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)

    def write(self, block: Block) -> None:
        """Append one block."""
        if isinstance(block, Title):
            self._title(block)
        elif isinstance(block, Heading):
            self._heading(block)
        elif isinstance(block, Paragraph):
            self._paragraph(block)
        elif isinstance(block, Table):
            self._table(block)
        elif isinstance(block, Image):
            self._image(block)
        elif isinstance(block, PageBreak):
            self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def _title(self, block: Title) -> None:
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _body_format(paragraph, indent=False, line=Pt(35))
        _run(paragraph, block.text, TITLE_FONT, SIZE_2)
        if self.frame is not None:  # a framed document names its recipients instead of its scope
            self.doc.add_paragraph().paragraph_format.line_spacing = LINE
            self.frame.recipients()
            return
        if block.subtitle:
            paragraph = self.doc.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _body_format(paragraph, indent=False)
            _run(paragraph, block.subtitle, "楷体_GB2312", SIZE_3)
        self.doc.add_paragraph().paragraph_format.line_spacing = LINE  # one empty line below the title

    def _heading(self, block: Heading) -> None:
        level = min(max(block.level, 1), 3)
        self.numbers[level] += 1
        for deeper in range(level + 1, 4):
            self.numbers[deeper] = 0
        number = self.numbers[level]
        prefix = {1: f"{cn2an.an2cn(number)}、", 2: f"（{cn2an.an2cn(number)}）", 3: f"{number}. "}[level]
        paragraph = self.doc.add_paragraph()
        _body_format(paragraph)
        paragraph.paragraph_format.keep_with_next = True
        _run(paragraph, prefix + block.text, HEADING_FONTS[level], SIZE_3, bold=level == 3)

    def _paragraph(self, block: Paragraph) -> None:
        paragraph = self.doc.add_paragraph()
        if block.note:
            _body_format(paragraph, indent=False, line=Pt(18))
            _run(paragraph, block.text, BODY_FONT, SIZE_TABLE)
        else:
            _body_format(paragraph)
            _run(paragraph, block.text, BODY_FONT, SIZE_3)

    def _caption(self, text: str) -> None:
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _body_format(paragraph, indent=False)
        paragraph.paragraph_format.keep_with_next = True
        _run(paragraph, text, "黑体", Pt(12))

    def _table(self, block: Table) -> None:
        if block.caption:
            self._caption(block.caption)
        table = self.doc.add_table(rows=1, cols=len(block.columns))
        self._grid(table)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        self._cell_margins(table)
        size = SIZE_WIDE_TABLE if len(block.columns) > 7 else SIZE_TABLE
        header = table.rows[0]
        header_pr = header._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")  # repeat the header row on every page
        repeat.set(qn("w:val"), "true")
        header_pr.append(repeat)
        for cell, text in zip(header.cells, block.columns, strict=True):
            self._cell(cell, text, size, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        for row in table.rows:
            self._keep_row(row)
        for values in block.rows:
            row = table.add_row()
            self._keep_row(row)
            for index, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
                align = WD_ALIGN_PARAGRAPH.RIGHT if index in block.numeric else WD_ALIGN_PARAGRAPH.LEFT
                self._cell(cell, "" if value is None else str(value), size, align=align)
        if block.widths:
            for column, width in zip(table.columns, block.widths, strict=False):
                column.width = Mm(width)  # w:gridCol, which LibreOffice reads
            for row in table.rows:
                for cell, width in zip(row.cells, block.widths, strict=False):
                    cell.width = Mm(width)
        for note in block.notes:
            self._paragraph(Paragraph(note, note=True))
        self.doc.add_paragraph().paragraph_format.line_spacing = Pt(12)

    @staticmethod
    def _grid(table) -> None:
        """Draw every cell's lines: a letterhead template may have no "Table Grid" style."""
        borders = OxmlElement("w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            line = OxmlElement(f"w:{side}")
            line.set(qn("w:val"), "single")
            line.set(qn("w:sz"), "4")
            line.set(qn("w:color"), "000000")
            borders.append(line)
        table._tbl.tblPr.append(borders)

    @staticmethod
    def _keep_row(row) -> None:
        """Keep a row on one page (w:cantSplit)."""
        keep = OxmlElement("w:cantSplit")
        keep.set(qn("w:val"), "true")
        row._tr.get_or_add_trPr().insert(0, keep)

    @staticmethod
    def _cell_margins(table) -> None:
        """Narrow the cells' left and right margins so that wide tables fit the text block."""
        margins = OxmlElement("w:tblCellMar")
        for side in ("left", "right"):
            element = OxmlElement(f"w:{side}")
            element.set(qn("w:w"), str(int(CELL_MARGIN.twips)))
            element.set(qn("w:type"), "dxa")
            margins.append(element)
        table._tbl.tblPr.append(margins)

    def _cell(self, cell, text: str, size, *, bold: bool = False, align=WD_ALIGN_PARAGRAPH.LEFT) -> None:
        paragraph = cell.paragraphs[0]
        paragraph.alignment = align
        fmt = paragraph.paragraph_format
        fmt.space_before = fmt.space_after = Pt(1)
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        _run(paragraph, text, "黑体" if bold else BODY_FONT, size)

    def _image(self, block: Image) -> None:
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_with_next = bool(block.caption)
        paragraph.add_run().add_picture(io.BytesIO(block.png), width=Mm(block.width))
        if block.caption:
            self._caption(block.caption)

    def save(self) -> bytes:
        """Close the frame and return the document as bytes."""
        if self.frame is not None:
            self.frame.close()
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


def render_docx(blocks: Iterable[Block], frame: Frame | None = None, template: bytes | None = None) -> bytes:
    """Return the .docx bytes of a stream of blocks, in the office's frame or its letterhead template."""
    if frame is not None and template is not None:
        return render_template(template, blocks, frame)
    writer = GBT9704Writer(frame)
    for block in blocks:
        writer.write(block)
    return writer.save()


def render_template(template: bytes, blocks: Iterable[Block], frame: Frame) -> bytes:
    """Fill an office's letterhead template (docxtpl): the frame's placeholders, the title and the body.

    The body (every block but the title) is written into a docxtpl subdocument, so that its tables and
    charts land in the template's own part, and stands where the template says {{p 正文 }}.
    """
    document = DocxTemplate(io.BytesIO(template))
    body = document.new_subdoc()
    writer = GBT9704Writer(doc=body.subdocx)
    title = ""
    for block in blocks:
        if isinstance(block, Title) and not title:
            title = block.text
            continue
        writer.write(block)
    document.render({**template_context(frame, title), "正文": body}, autoescape=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def check_template(source) -> str:
    """Return what is wrong with a letterhead template (a .docx file object), or "" when it can be filled."""
    try:
        names = DocxTemplate(source).get_undeclared_template_variables()
    except Exception:  # not a Word file, or broken Jinja tags: either way the office must fix the file
        return _("The template is not a Word document (.docx) with valid placeholders.")
    unknown = sorted(set(names) - set(PLACEHOLDERS))
    if unknown:
        return _("The template uses unknown placeholders: %(names)s. Known: %(known)s.") % {
            "names": "、".join(unknown),
            "known": "、".join(PLACEHOLDERS),
        }
    if "正文" not in names:
        return _("The template must say where the body goes: {{p 正文 }}.")
    return ""
