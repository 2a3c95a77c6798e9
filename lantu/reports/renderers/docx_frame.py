"""Draw the 公文 frame (GB/T 9704-2012) into a python-docx document: 版头, 主送, 署名, 日期, 附注, 版记."""

from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION_START
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from lantu.reports.document import Frame

RED = RGBColor(0xE6, 0x00, 0x12)  # the red of a 发文机关标志 and its line
TEXT_WIDTH = Mm(156)  # 210 mm less the 28 mm and 26 mm margins
TEXT_HEIGHT = Mm(225)  # 297 mm less the 37 mm and 35 mm margins
CHAR = Pt(16)  # one character of 三号
MARK_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
SIGNATORY_FONT = "楷体_GB2312"
IMPRINT_SIZE = Pt(14)  # 四号


def _width(text: str) -> float:
    """Return the width of a text in full-width characters (Latin letters and digits are half)."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1 for ch in text)


def _border(paragraph, side: str, color: str, eighths: int) -> None:
    borders = paragraph._p.get_or_add_pPr().find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        paragraph._p.get_or_add_pPr().append(borders)
    line = OxmlElement(f"w:{side}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(eighths))
    line.set(qn("w:space"), "4")
    line.set(qn("w:color"), color)
    borders.append(line)


class FrameWriter:
    """Write the frame's parts; `run` and `fmt` are the body writer's run and line-format helpers."""

    def __init__(self, doc: DocxDocument, frame: Frame, run, fmt) -> None:
        self.doc, self.frame, self.run, self.fmt = doc, frame, run, fmt

    def _line(self, *, align=WD_ALIGN_PARAGRAPH.LEFT, indent: bool = False):
        paragraph = self.doc.add_paragraph()
        self.fmt(paragraph, indent=indent)
        paragraph.alignment = align
        return paragraph

    def header(self) -> None:
        """Write the 版头: the red issuer mark, the number (and signatory), the red line."""
        frame = self.frame
        if not frame.issuer_mark and not frame.number:
            return
        if frame.issuer_mark:
            # As large as fits the text block on one line, up to 小初+ (42 pt).
            size = Pt(min(42, int(TEXT_WIDTH.pt / max(_width(frame.issuer_mark), 1) * 0.96)))
            mark = self._line(align=WD_ALIGN_PARAGRAPH.CENTER)
            mark.paragraph_format.line_spacing = Pt(size.pt * 1.25)
            self.run(mark, frame.issuer_mark, MARK_FONT, size).font.color.rgb = RED
            self._line()  # 发文机关标志下空二行
            self._line()
        number = self._line(align=WD_ALIGN_PARAGRAPH.LEFT if frame.signatory else WD_ALIGN_PARAGRAPH.CENTER)
        if frame.signatory:  # 发文字号居左空一字，签发人居右空一字
            number.paragraph_format.left_indent = CHAR
            number.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH - CHAR, WD_TAB_ALIGNMENT.RIGHT)
            self.run(number, f"{frame.number}\t签发人：", BODY_FONT, Pt(16))
            self.run(number, frame.signatory, SIGNATORY_FONT, Pt(16))
        else:
            self.run(number, frame.number, BODY_FONT, Pt(16))
        _border(number, "bottom", str(RED), 12)  # 发文字号之下 4 mm 处与版心等宽的红色分隔线
        self._line()  # 红色分隔线下空二行
        self._line()

    def recipients(self) -> None:
        """Write the main recipients under the title, flush left, ending with a full-width colon."""
        if self.frame.recipients:
            self.run(self._line(), f"{self.frame.recipients.rstrip('：:')}：", BODY_FONT, Pt(16))

    def close(self) -> None:
        """Write the signature, the date with the seal's place, the annotation and the 版记."""
        frame = self.frame
        if frame.signature or frame.date_text:
            for _blank in range(3 if frame.seal else 1):  # room for the seal
                self._line()
            date_width = _width(frame.date_text)
            if frame.signature:
                # The signature is centred over the date, which stands four characters from the right.
                offset = 4 + max(0.0, (date_width - _width(frame.signature)) / 2)
                signature = self._line(align=WD_ALIGN_PARAGRAPH.RIGHT)
                signature.paragraph_format.right_indent = Pt(CHAR.pt * offset)
                self.run(signature, frame.signature, BODY_FONT, Pt(16))
            if frame.date_text:
                written = self._line(align=WD_ALIGN_PARAGRAPH.RIGHT)
                written.paragraph_format.right_indent = CHAR * 4
                self.run(written, frame.date_text, BODY_FONT, Pt(16))
            if frame.seal:
                seal = self._line(align=WD_ALIGN_PARAGRAPH.RIGHT)
                seal.paragraph_format.right_indent = CHAR * 4
                self.run(seal, "（印章）", SIGNATORY_FONT, Pt(12)).font.color.rgb = RED
        if frame.annotation:  # 成文日期下一行，居左空二字加圆括号
            self.run(self._line(indent=True), bracketed(frame.annotation), BODY_FONT, Pt(16))
        self.imprint()

    def imprint(self) -> None:
        """Write the 版记 at the foot of the last page, an even one (GB/T 9704-2012 §9.1, §10).

        The 版记 starts a section of its own on the next even page (a blank odd page goes between when
        the body ends on an even one); the page carries no number, and its table is anchored to the
        bottom of the text block, so that the printing date stands on the last line.
        """
        frame = self.frame
        if not frame.copy_to and not frame.printer:
            return
        section = self.doc.add_section(WD_SECTION_START.EVEN_PAGE)
        for footer in (section.footer, section.even_page_footer, section.first_page_footer):
            footer.is_linked_to_previous = False  # 空白页和版记页均不编排页码
        # LibreOffice starts a section on its first paragraph: one that takes no room, before the table
        self.fmt(self.doc.add_paragraph(), indent=False, line=Pt(1))
        # One borderless cell as tall as the text block, its content set at the bottom: no guessing
        # how many lines the text above takes, and never a page more (what does not fit is cut).
        page = self.doc.add_table(rows=1, cols=1)
        _frameless(page._tbl.tblPr)
        foot = page.rows[0]
        foot.height_rule, foot.height = WD_ROW_HEIGHT_RULE.EXACTLY, TEXT_HEIGHT - Pt(12)
        foot.cells[0].width = TEXT_WIDTH
        foot.cells[0].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
        holder = foot.cells[0]
        self._imprint(holder)
        self.fmt(self.doc.add_paragraph(), indent=False, line=Pt(1))  # a document ends with one

    def _imprint(self, holder) -> None:
        frame = self.frame
        dated = f"{frame.printed_on}印发"
        date_width = Pt(IMPRINT_SIZE.pt * (_width(dated) + 4))  # the date, one character, cell margins
        widths = (TEXT_WIDTH - date_width, date_width)
        table = holder.add_table(rows=2 if frame.copy_to else 1, cols=2)
        _imprint_lines(table._tbl.tblPr)
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        for row in table.rows:
            row.cells[0].width, row.cells[1].width = widths
        if frame.copy_to:  # 抄送机关: 左右各空一字，回行时与冒号后的首字对齐
            cell = table.rows[0].cells[0].merge(table.rows[0].cells[1])
            paragraph = self._imprint_line(cell)
            paragraph.paragraph_format.left_indent = IMPRINT_SIZE * 4
            paragraph.paragraph_format.first_line_indent = -IMPRINT_SIZE * 3
            self.run(paragraph, f"抄送：{frame.copy_to.rstrip('。')}。", BODY_FONT, IMPRINT_SIZE)
        # 印发机关左空一字，印发日期右空一字: a long name wraps in its cell, the date keeps its line
        printer, printed = table.rows[-1].cells
        self.run(self._imprint_line(printer), frame.printer, BODY_FONT, IMPRINT_SIZE)
        date = self._imprint_line(printed, align=WD_ALIGN_PARAGRAPH.RIGHT)
        date.paragraph_format.left_indent = Pt(0)
        self.run(date, dated, BODY_FONT, IMPRINT_SIZE)
        # the cell's first paragraph stood above the table; the one after it (a cell ends with a
        # paragraph) takes no room
        holder._tc.remove(holder.paragraphs[0]._p)
        self.fmt(holder.paragraphs[-1], indent=False, line=Pt(1))

    def _imprint_line(self, cell, align=WD_ALIGN_PARAGRAPH.LEFT):
        paragraph = cell.paragraphs[0]
        self.fmt(paragraph, indent=False)
        paragraph.alignment = align
        paragraph.paragraph_format.left_indent = IMPRINT_SIZE  # 左右各空一字 (四号)
        paragraph.paragraph_format.right_indent = IMPRINT_SIZE
        return paragraph


def _table_lines(properties, sizes: dict[str, int]) -> None:
    """Draw a table's lines: a size in eighths of a point per side, 0 for none."""
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{side}")
        size = sizes.get(side, 0)
        line.set(qn("w:val"), "single" if size else "nil")
        if size:
            line.set(qn("w:sz"), str(size))
            line.set(qn("w:color"), "000000")
        borders.append(line)
    properties.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")


def _frameless(properties) -> None:
    """Take a table's lines and cell margins away: it only places what it holds."""
    _table_lines(properties, {})
    margins = OxmlElement("w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), "0")
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    properties.insert_element_before(margins, "w:tblLook")


def _imprint_lines(properties) -> None:
    """Draw the 版记's lines: first and last 0.35 mm, between its elements 0.25 mm."""
    _table_lines(properties, {"top": 8, "bottom": 8, "insideH": 6})


def bracketed(text: str) -> str:
    """Return a text in full-width round brackets, unless it already stands in them."""
    text = text.strip()
    return text if text.startswith(("（", "(")) and text.endswith(("）", ")")) else f"（{text}）"


def template_context(frame: Frame, title: str) -> dict[str, object]:
    """Return the placeholders an office's letterhead template may use, by their Chinese names."""
    return {
        "发文机关标志": frame.issuer_mark,
        "发文字号": frame.number,
        "签发人": frame.signatory,
        "标题": title,
        "主送机关": f"{frame.recipients.rstrip('：:')}：" if frame.recipients else "",
        "发文机关署名": frame.signature,
        "成文日期": frame.date_text,
        "附注": bracketed(frame.annotation) if frame.annotation else "",
        "抄送机关": frame.copy_to,
        "印发机关": frame.printer,
        "印发日期": frame.printed_on,
        "文种": frame.doc_type,
    }


PLACEHOLDERS = tuple(template_context(Frame(), "")) + ("正文",)
