"""Document metadata (GUIDE 2): number, type, issuer, place, date, title, implemented documents, signer."""
from __future__ import annotations

import re
from collections import Counter
from datetime import date

from .agencies import PROVINCES
from .structure import Para
from .textutil import clean, fold, is_upper_text

DOC_CODE = r"\d+(?:\s*[-/]\s*[0-9A-ZĐ][0-9A-Za-zĐđ]*)+"
_DOC_REF = re.compile(r"(?:Kế hoạch|Quyết định|Nghị quyết|Chỉ thị|Kết luận|Công văn|Chương trình(?: hành động)?|Thông báo|"
                      r"Hướng dẫn|Quy định|Nghị định|Thông tư|Luật|Văn bản|Đề án|Thông tri)\s+số\s*:?\s*(" + DOC_CODE + ")",
                      re.IGNORECASE)
_CODE_ONLY = re.compile(r"\bsố\s*:?\s*(" + DOC_CODE + ")", re.IGNORECASE)
_DATE_LINE = re.compile(r"^(?P<place>[^,\d]{2,40}),\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})")
_PROV_RE = re.compile(r"tỉnh\s+(" + "|".join(re.escape(p) for p in sorted(PROVINCES, key=len, reverse=True)) + r")(?!\w)",
                      re.IGNORECASE)


def _code(s: str) -> str:
    """Document symbol with spaces removed."""
    return re.sub(r"\s+", "", s)


def find_heading(paras: list[Para]) -> int | None:
    """Index of the 'KẾ HOẠCH' heading paragraph."""
    for i, p in enumerate(paras[:30]):
        c = p.content.strip()
        if re.match(r"^(?:KẾ HOẠCH|CHƯƠNG TRÌNH)(?:\s+HÀNH ĐỘNG)?(?!\w)", c):
            return i
    return None


def extract_document(paras: list[Para], body_start: int) -> dict:
    """Return the GUIDE's `document` object for the paragraphs of a plan."""
    head = find_heading(paras)
    header = paras[:head] if head is not None else paras[:min(body_start, 6)]
    pre_end = body_start
    number = next((_code(re.sub(r"^Số\s*:?", "", p.content)) for p in header if re.match(r"^Số\s*:", p.content)), None)
    date_para = next((p for p in paras[:max(body_start, 1)] if _DATE_LINE.match(p.content)), None)
    doc_type = "Kế hoạch"
    title_parts: list[str] = []
    if head is not None:
        hc = paras[head].content.strip()
        m = re.match(r"^(KẾ HOẠCH|CHƯƠNG TRÌNH)(\s+HÀNH ĐỘNG(?!\s+[a-zđà-ỹ]))?", hc)
        doc_type = (m.group(1).capitalize() + (" hành động" if m.group(2) else "")) if m else doc_type
        rest = hc[m.end():].strip() if m else ""
        if rest:
            title_parts.append(rest)
        title_parts += _title_lines(paras, head + 1, pre_end, bool(rest))
    title = clean(" ".join(title_parts)) or None
    preamble = [p.content for p in paras[(head + 1) if head is not None else 0:pre_end]]
    pre_text = " ".join(preamble)
    full_text = " ".join(p.content for p in paras)
    province_stated, statement = _issuer_statement(pre_text)
    header_prov = _header_province(header)
    place = date_para and clean(_DATE_LINE.match(date_para.content).group("place"))
    body_prov = _body_province(full_text)
    body_kind = _body_kind(number, statement, pre_text)
    province = province_stated or header_prov or (place if place in PROVINCES else None) or body_prov
    issue_date, basis, note = _issue_date(date_para, full_text)
    stated = bool(statement) and bool(province_stated or header_prov or (place and place == province))
    evidence = []
    if statement:
        evidence.append(f"Preamble: '{statement}'")
    if date_para:
        evidence.append(f"place line '{date_para.content}'")
    if number:
        evidence.append(f"symbol {number}")
    implements, upstream = _implements(title or "", pre_text)
    return {
        "number": number or None,
        "doc_type": doc_type,
        "issuing_body": f"{body_kind} {province}" if province else body_kind,
        "issuing_body_basis": "stated" if stated else "inferred",
        "issuing_body_evidence": "; ".join(evidence) or None,
        "place": place or body_prov or None,
        "place_basis": "stated" if place else ("inferred" if body_prov else None),
        "issue_date": issue_date,
        "issue_date_basis": basis,
        "issue_date_note": note,
        "title": title,
        "implements": implements,
        "implements_upstream": upstream,
        "promulgated_by": _promulgated_by(paras[:max(body_start, 1)]),
        "plan_period": _plan_period(title or ""),
        "signer": _signer(paras, body_kind),
    }


def _title_lines(paras: list[Para], start: int, end: int, have: bool) -> list[str]:
    """Lines right after the heading up to a blank line or the preamble."""
    out: list[str] = []
    prev_line = paras[start - 1].lines[-1] if start > 0 else 0
    for p in paras[start:end]:
        if p.line > prev_line + 1 and (out or have):
            break
        c = p.content
        if re.match(r"^\(?\s*(?:Kèm theo|Ban hành kèm theo)", c, re.IGNORECASE):
            prev_line = p.lines[-1]
            continue
        if (out or have) and (re.match(r"^(?:Thực hiện|Căn cứ|Triển khai|Nhằm|Để|Trên cơ sở)\b", c) and not is_upper_text(c)):
            break
        if p.kind is not None:
            break
        out.append(c)
        prev_line = p.lines[-1]
        if len(out) >= 4:
            break
    return out


_STATEMENT = re.compile(r"((?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Ban Thường vụ Tỉnh ủy|Tỉnh ủy|Thường trực Tỉnh ủy)"
                        r"(?:\s+tỉnh)?(?:\s+(?P<prov>[A-ZĐÂ][\wÀ-ỹ]*(?:\s+[A-ZĐÂ][\wÀ-ỹ]*){0,3}))?\s+"
                        r"(?:xây dựng|ban hành|triển khai)\s+(?:Kế hoạch|kế hoạch|Chương trình|chương trình))", re.IGNORECASE)


def _issuer_statement(pre_text: str) -> tuple[str | None, str | None]:
    """(province, quoted statement) from '… tỉnh X xây dựng Kế hoạch …' in the preamble."""
    m = None
    for m in _STATEMENT.finditer(pre_text):
        pass
    if not m:
        return None, None
    prov = m.group("prov")
    prov = next((p for p in PROVINCES if prov and fold(p) == fold(prov)), None)
    return prov, m.group(1)


def _header_province(header: list[Para]) -> str | None:
    """Province from header lines such as 'ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM'."""
    for p in header:
        f = fold(p.content)
        for prov in PROVINCES:
            if f.endswith("tỉnh " + fold(prov)) or f == "tỉnh ủy " + fold(prov):
                return prov
    return None


def _body_province(text: str) -> str | None:
    """Most frequent 'tỉnh <Province>' in the text."""
    counts = Counter()
    for m in _PROV_RE.finditer(text):
        prov = next(p for p in PROVINCES if fold(p) == fold(m.group(1)))
        counts[prov] += 1
    return counts.most_common(1)[0][0] if counts else None


def _body_kind(number: str | None, statement: str | None, pre_text: str) -> str:
    """'UBND tỉnh' or 'Tỉnh ủy' depending on the symbol and the issuer statement."""
    if number and re.search(r"/(?:KH|CTr)-?(?:TU|TW)$|-KH/TU$|/TU$", number):
        return "Tỉnh ủy"
    if statement and re.match(r"(?:Ban Thường vụ Tỉnh ủy|Tỉnh ủy|Thường trực Tỉnh ủy)", statement, re.IGNORECASE):
        return "Tỉnh ủy"
    return "UBND tỉnh"


def _issue_date(date_para: Para | None, full_text: str) -> tuple[str | None, str | None, str | None]:
    """(ISO date, basis, note) from the date line, else the accompanying decision's date."""
    if date_para:
        m = _DATE_LINE.match(date_para.content)
        try:
            return date(int(m.group("y")), int(m.group("m")), int(m.group("d"))).isoformat(), "stated", None
        except ValueError:
            pass
    m = re.search(r"Kèm theo Quyết định số\s*[^\s]+\s+ngày\s+(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})", full_text, re.IGNORECASE)
    if m:
        return date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat(), "inferred", None
    latest = latest_cited_date(full_text)
    note = f"No date line; the latest date cited in the text is {latest}, so the plan was issued on or after it." if latest else None
    return None, None, note


def latest_cited_date(text: str) -> str | None:
    """Latest 'ngày dd/mm/yyyy' date cited in the text (a lower bound for the issue date)."""
    best = None
    for m in re.finditer(r"ngày\s+(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})", text):
        try:
            d = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            continue
        best = max(best, d) if best else d
    return best.isoformat() if best else None


def _implements(title: str, pre_text: str) -> tuple[list[str], list[str]]:
    """Directly implemented documents and their upstream documents (GUIDE 2)."""
    direct: list[str] = []
    upstream: list[str] = []
    for source in (title, pre_text):
        for clause in re.finditer(r"(?:^|(?<=[.;:]\s))(?:Thực hiện|Triển khai thực hiện|Triển khai)\s+(.*?)(?=\.\s|$)",
                                  source, re.IGNORECASE):
            for seg in clause.group(1).split(";"):
                nested, prev_end = False, 0
                for i, ref in enumerate(_DOC_REF.finditer(seg)):
                    between = seg[prev_end:ref.start()]
                    if i > 0 and re.search(r"thực hiện|triển khai", between, re.IGNORECASE):
                        nested = True
                    code = _code(ref.group(1))
                    if i == 0 or (not nested and re.search(r"\bvà\s*$", between, re.IGNORECASE)):
                        if code not in direct:
                            direct.append(code)
                    elif code not in upstream:
                        upstream.append(code)
                    prev_end = ref.end()
    return direct, [c for c in upstream if c not in direct]


def _promulgated_by(paras: list[Para]) -> str | None:
    """Symbol from a '(Kèm theo Quyết định số …)' line."""
    for p in paras:
        m = re.search(r"Kèm theo Quyết định số\s*(" + DOC_CODE + ")", p.content, re.IGNORECASE)
        if m:
            return _code(m.group(1))
    return None


def _plan_period(title: str) -> dict | None:
    """The period the title limits the plan to, e.g. '6 tháng cuối năm 2020'."""
    from .timing import normalize_timing
    f = title
    pats = [r"0?6 tháng (?:đầu|cuối) năm \d{4}", r"[Qq]uý\s+(?:IV|III|II|I|[1-4])\s*(?:/|năm)\s*\d{4}",
            r"giai đoạn\s+\d{4}\s*[-–]\s*\d{4}", r"(?<!ngày )(?<![\d/])năm \d{4}(?!\s*của)"]
    for pat in pats:
        for m in re.finditer(pat, f, re.IGNORECASE):
            before = f[max(0, m.start() - 25):m.start()]
            if re.search(r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s*$", before) or re.search(r"số\s+\S+\s*$", before):
                continue
            t = normalize_timing(m.group(0))
            if t["start"] and t["due"]:
                return {"text": m.group(0), "start": t["start"], "end": t["due"]}
    return None


_NAME_RE = re.compile(r"^(?:[A-ZĐÀ-Ỹ][a-zà-ỹđ]+|[A-ZĐÀ-Ỹ]+)(?:\s+(?:[A-ZĐÀ-Ỹ][a-zà-ỹđ]+|[A-ZĐÀ-Ỹ]+)){1,4}$")
_TITLE_NORM = [
    (r"phó chủ tịch", "Phó Chủ tịch {B}"), (r"chủ tịch", "Chủ tịch {B}"),
    (r"phó bí thư", "Phó Bí thư {B}"), (r"bí thư", "Bí thư {B}"),
]


def _signer(paras: list[Para], body_kind: str) -> dict | None:
    """Signature block: the last person-name line and the upper-case title lines above it."""
    for i in range(len(paras) - 1, max(-1, len(paras) - 15), -1):
        p = paras[i]
        c = p.content.strip()
        if p.kind is None and _NAME_RE.match(c) and not is_upper_text(c) and not re.search(r"\d|:", c):
            titles = []
            j = i - 1
            while j >= 0 and paras[j].kind is None and is_upper_text(paras[j].content) and len(titles) < 4 \
                    and not re.match(r"^(?:KẾ HOẠCH|NƠI NHẬN)", paras[j].content):
                titles.insert(0, paras[j].content.strip())
                j -= 1
            title = " ".join(titles) or None
            norm = None
            if title:
                last = fold(titles[-1])
                b = "UBND tỉnh" if body_kind == "UBND tỉnh" else "Tỉnh ủy"
                norm = next((t.replace("{B}", b) for rx, t in _TITLE_NORM if re.search(rx, last)), None)
            return {"name": c, "title": title, "title_normalized": norm}
        if fold(c).startswith("nơi nhận"):
            break
    return None
