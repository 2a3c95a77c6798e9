"""Draw the 公文 frame (GB/T 9704-2012) into a python-docx document: 版头, 主送, 署名, 日期, 附注, 版记."""

from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from lantu.reports.document import Frame

RED = RGBColor(0xE6, 0x00, 0x12)  # the red of a 发文机关标志 and its line
TEXT_WIDTH = Mm(156)  # 210 mm less the 28 mm and 26 mm margins
CHAR = Pt(16)  # one character of 三号
MARK_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
SIGNATORY_FONT = "楷体_GB2312"


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
        """Write the 版记: copied to, printing office and date, between a thick, thin and thick line."""
        frame = self.frame
        if not frame.copy_to and not frame.printer:
            return
        self._line()
        rows = ([f"抄送：{frame.copy_to.rstrip('。')}。"] if frame.copy_to else []) + [""]
        table = self.doc.add_table(rows=len(rows), cols=1)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        borders = OxmlElement("w:tblBorders")
        for side, size in (("top", 8), ("bottom", 8), ("insideH", 6)):  # 0.35 mm and 0.25 mm
            line = OxmlElement(f"w:{side}")
            line.set(qn("w:val"), "single")
            line.set(qn("w:sz"), str(size))
            line.set(qn("w:color"), "000000")
            borders.append(line)
        for side in ("left", "right", "insideV"):
            line = OxmlElement(f"w:{side}")
            line.set(qn("w:val"), "nil")
            borders.append(line)
        table._tbl.tblPr.append(borders)
        for row, text in zip(table.rows, rows, strict=True):
            cell = row.cells[0]
            cell.width = TEXT_WIDTH
            paragraph = cell.paragraphs[0]
            self.fmt(paragraph, indent=False)
            paragraph.paragraph_format.left_indent = Pt(14)  # 左右各空一字 (四号)
            paragraph.paragraph_format.right_indent = Pt(14)
            if text:
                self.run(paragraph, text, BODY_FONT, Pt(14))
            else:
                paragraph.paragraph_format.tab_stops.add_tab_stop(
                    TEXT_WIDTH - Pt(28) - Mm(4), WD_TAB_ALIGNMENT.RIGHT
                )
                self.run(paragraph, f"{frame.printer}\t{frame.printed_on}印发", BODY_FONT, Pt(14))


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
