"""Per-task fields read from task text: coordinate, reports_to, periodic_report, publish, quotas."""
from __future__ import annotations

import re

from .agencies import chain_at, find_mentions
from .textutil import clean, fold

_COORD_RE = re.compile(r"phối hợp(?:\s+chặt chẽ)?(?:\s+(?:với|cùng))\s+")


def coordinate_agencies(text: str, *, extra_names=None, province=None) -> list[str]:
    """Agencies introduced by 'phối hợp (chặt chẽ) với' in text (GUIDE 7.5)."""
    text = clean(text)
    mentions = find_mentions(text, extra_names=extra_names, province=province)
    out: list[str] = []
    for m in _COORD_RE.finditer(fold(text)):
        pos = m.end()
        names, _ = chain_at(text, pos, mentions)
        if not names:
            nxt = re.match(r"(?:các|những)\s+", fold(text[pos:]))
            if nxt:
                names, _ = chain_at(text, pos + nxt.end(), mentions)
        out += [n for n in names if n not in out]
    return out


_REPORT_TRIGGER = re.compile(r"(?<!\w)(?:báo cáo(?:\s+(?:về|cho|lên|gửi))?|gửi(?:\s+(?:về|cho|lên|đến|tới))?|phản ánh\s+về|"
                             r"trình(?=\s+(?:ubnd|ủy ban|chủ tịch)\s[^,;]*\s(?:phê duyệt|ban hành))\s*)\s+")
_VE_RE = re.compile(r"(?<!\w)về\s+")
_QUA_RE = re.compile(r"\s*\(\s*(?:qua|thông qua)\s+([^()]+)\)")
_NOT_REPORT_BEFORE = re.compile(r"(?:công dân|người dân|nhân dân|tổ chức|doanh nghiệp)\s*$")


def reports_to(text: str, *, extra_names=None, province=None) -> list[str]:
    """Canonical recipients of reports/submissions the task requires, 'X (qua Y)' for channels."""
    text = clean(text)
    folded = fold(text)
    mentions = find_mentions(text, extra_names=extra_names, province=province)
    out: list[str] = []
    for clause in _clauses(folded):
        c_start, c_end = clause
        purpose = re.search(r"(?<!\w)để\s", folded[c_start:c_end])
        limit = c_start + purpose.start() if purpose else c_end
        for m in _REPORT_TRIGGER.finditer(folded, c_start, limit):
            if m.group(0).startswith("trình"):
                continue
            if _NOT_REPORT_BEFORE.search(folded[max(0, m.start() - 30):m.start()]):
                continue
            names, end = chain_at(text, m.end(), mentions)
            if not names and m.group(0).strip().startswith(("báo cáo", "gửi")):
                ve = _VE_RE.search(folded, m.end(), limit)
                if ve and not re.search(r"[,;]", folded[m.end():ve.start()]) or (ve and ve.start() - m.end() < 60):
                    names, end = chain_at(text, ve.end(), mentions)
            for n in _with_channel(names, text, end, mentions):
                if n not in out:
                    out.append(n)
    return out


def _clauses(folded: str) -> list[tuple[int, int]]:
    """Spans of clauses separated by ';' or sentence ends."""
    spans, start = [], 0
    for m in re.finditer(r";|\.\s|\.$", folded):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(folded)))
    return spans


def _with_channel(names: list[str], text: str, end: int, mentions) -> list[str]:
    """Append '(qua Y)' to the last recipient when a channel follows it."""
    if not names:
        return []
    m = _QUA_RE.match(text, end)
    if m:
        via = [n for mm in find_mentions(m.group(1)) for n in mm.names]
        if via:
            return names[:-1] + [f"{names[-1]} (qua {via[0]})"]
    return names


_REPORT_WORD = re.compile(r"báo cáo|tổng hợp|sơ kết|tổng kết")
_CADENCE_WORDS = [
    (r"(?:hằng|hàng)\s+tháng", "monthly"),
    (r"(?:hằng|hàng|mỗi)\s+quý|định kỳ\s+(?:theo\s+)?quý", "quarterly"),
    (r"(?:định kỳ|hằng|hàng|mỗi)\s+0?6\s+tháng|0?6\s+tháng(?:,|\s+và)\s+(?:cả\s+)?năm|báo cáo\s+0?6\s+tháng", "semiannual"),
    (r"(?:hằng|hàng|mỗi)\s+năm|định kỳ\s+năm", "yearly"),
    (r"tại\s+các\s+kỳ\s+họp", "per-session"),
    (r"định kỳ|thường xuyên", "periodic-unspecified"),
]


def periodic_report(text: str, timing: dict | None = None) -> str | None:
    """Cadence of a required report/compilation/review (GUIDE 7.8), else None."""
    f = fold(clean(text))
    for c_start, c_end in _clauses(f):
        clause = f[c_start:c_end]
        for m in _REPORT_WORD.finditer(clause):
            window = clause[max(0, m.start() - 60):m.end() + 40]
            before = clause[max(0, m.start() - 60):m.start()]
            if re.search(r"họp báo|báo chí", window) and not re.search(r"báo cáo", window):
                continue
            for rx, name in _CADENCE_WORDS:
                hit = re.search(rx, before)
                after = re.match(r"\s*(?:\S+\s+){0,2}?(" + rx + ")", clause[m.end():])
                if hit or after:
                    return name
    if timing and timing.get("kind") == "recurring" and _REPORT_WORD.search(f):
        rec = timing.get("recurrence") or ""
        if rec.startswith("yearly"):
            return "yearly"
        if rec in ("monthly", "quarterly", "semiannual"):
            return rec
    return None


_PRINCIPLE = re.compile(r"(?:dân chủ,\s*)?công khai,?\s*(?:và\s+)?minh bạch|minh bạch,?\s*công khai")


def publish(text: str) -> bool:
    """True when the task requires making specific information public (GUIDE 7.9)."""
    f = fold(clean(text))
    if re.search(r"niêm yết|công bố", f):
        return True
    if re.search(r"thông báo[^.;]{0,80}?(?:cho|đến|tới)\s+(?:người dân|nhân dân|cử tri|cộng đồng)", f):
        return True
    if re.search(r"(?:phải|được)\s+công khai|nội dung (?:phải|cần) công khai", f):
        return True
    stripped = _PRINCIPLE.sub(" ", f)
    stripped = re.sub(r"(?:hình thức|tính|nguyên tắc|đảm bảo|bảo đảm|việc)\s+công khai", " ", stripped)
    return bool(re.search(r"(?<!\w)công khai\s+(?!,)\S", stripped))


_QUOTA_RES = [
    (re.compile(r"(?:ít nhất|tối thiểu|không ít hơn)\s+(\d+(?:[.,]\d+)?)\s*(%|[^\s,;.]+(?:\s+[^\s,;.“”\"]+){0,1}(?:\s+[“\"][^”\"]+[”\"])?)"), "min"),
    (re.compile(r"(?:tối đa|không quá|không vượt quá)\s+(\d+(?:[.,]\d+)?)\s*(%|[^\s,;.]+(?:\s+[^\s,;.]+){0,1})"), "max"),
    (re.compile(r"(?:đạt|phấn đấu đạt|đạt tỷ lệ|bảo đảm)\s+(?:trên\s+|từ\s+)?(\d+(?:[.,]\d+)?)\s*(%)"), "min"),
]
_FREQ_RE = re.compile(r"([^,;()]{0,40}?)định kỳ\s+(\d+)\s+tháng\s+(\d+)\s+(ngày|lần|buổi)")


def quotas(text: str) -> list[dict]:
    """Required quantities/frequencies/targets with a number (GUIDE 7.10)."""
    t = clean(text)
    f = fold(t)
    out: list[dict] = []
    for rx, comp in _QUOTA_RES:
        for m in rx.finditer(f):
            val = float(m.group(1).replace(",", "."))
            unit = t[m.start(2):m.end(2)]
            out.append({"text": t[m.start():m.end()], "value": int(val) if val.is_integer() else val, "unit": unit,
                        "per": None, "applies_to": None, "comparator": comp})
    for m in _FREQ_RE.finditer(f):
        start = m.start() + len(m.group(1)) - len(m.group(1).lstrip())
        out.append({"text": t[start:m.end()], "value": int(m.group(3)), "unit": t[m.start(4):m.end(4)],
                    "per": f"{int(m.group(2))} month(s)" if m.group(2) not in ("1", "01") else "month",
                    "applies_to": t[start:m.start() + len(m.group(1))].strip() or None, "comparator": "eq"})
    out.sort(key=lambda q: f.find(fold(q["text"])))
    return out
