"""Administrative documents (.docx) in the format of Decree 30/2020 annex I (rule F1).

A4; margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman 13-14;
the national title and motto; issuing body, number and symbol, place and date.
"""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
FONT = "Times New Roman"


@dataclass
class OfficialDocument:
    issuing_body: str
    title: str
    body: list[str]
    parent_body: str = ""
    number: str = ""
    symbol: str = ""
    place: str = ""
    date: dt.date | None = None
    subject: str = ""
    recipients: list[str] = field(default_factory=list)
    signer_title: str = ""
    signer_name: str = ""
    table: list[list[str]] | None = None


def vietnamese_date_line(place: str, date: dt.date) -> str:
    """'Hà Nội, ngày 05 tháng 02 năm 2026' — day and month below 10 keep a leading zero (day<10, month<3)."""
    day = f"{date.day:02d}"
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    return f"{place}, ngày {day} tháng {month} năm {date.year}"


def _font(run, size: float = 13, bold: bool = False, italic: bool = False) -> None:
    run.font.name = FONT
    run._element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic


def _para(cell_or_doc, text: str, *, size: float = 13, bold=False, italic=False, align=WD_ALIGN_PARAGRAPH.CENTER):
    p = cell_or_doc.add_paragraph()
    p.alignment = align
    p.paragraph_format.space_after = Pt(0)
    _font(p.add_run(text), size, bold, italic)
    return p


def render_official_document(doc_spec: OfficialDocument) -> bytes:
    """Render the document to .docx bytes."""
    document = Document()
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)

    header = document.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = header.rows[0].cells
    left.paragraphs[0].text = ""
    if doc_spec.parent_body:
        _para(left, doc_spec.parent_body.upper(), size=13)
    _para(left, doc_spec.issuing_body.upper(), size=13, bold=True)
    _para(left, "________", size=13)
    number = f"Số: {doc_spec.number or '   '}/{doc_spec.symbol}" if doc_spec.symbol else f"Số: {doc_spec.number}"
    _para(left, number, size=13)
    if doc_spec.subject:
        _para(left, f"V/v {doc_spec.subject}", size=12)
    right.paragraphs[0].text = ""
    _para(right, NATIONAL_TITLE, size=13, bold=True)
    _para(right, MOTTO, size=14, bold=True)
    _para(right, "________________", size=13)
    if doc_spec.place and doc_spec.date:
        _para(right, vietnamese_date_line(doc_spec.place, doc_spec.date), size=14, italic=True)

    document.add_paragraph()
    _para(document, doc_spec.title.upper(), size=14, bold=True)
    document.add_paragraph()
    for text in doc_spec.body:
        p = _para(document, text, size=14, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        p.paragraph_format.first_line_indent = Mm(10)
        p.paragraph_format.space_after = Pt(6)
    if doc_spec.table:
        table = document.add_table(rows=0, cols=len(doc_spec.table[0]))
        table.style = "Table Grid"
        for i, row in enumerate(doc_spec.table):
            cells = table.add_row().cells
            for cell, value in zip(cells, row):
                cell.paragraphs[0].text = ""
                _font(cell.paragraphs[0].add_run(str(value)), 12, bold=(i == 0))

    document.add_paragraph()
    footer = document.add_table(rows=1, cols=2)
    recv, sign = footer.rows[0].cells
    recv.paragraphs[0].text = ""
    _para(recv, "Nơi nhận:", size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    for r in doc_spec.recipients or ["Lưu: VT."]:
        _para(recv, f"- {r};", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    sign.paragraphs[0].text = ""
    _para(sign, (doc_spec.signer_title or "").upper(), size=14, bold=True)
    _para(sign, "(Ký, ghi rõ họ tên và đóng dấu)", size=13, italic=True)
    for _ in range(3):
        _para(sign, "", size=14)
    _para(sign, doc_spec.signer_name, size=14, bold=True)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
