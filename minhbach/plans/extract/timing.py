"""Timing phrases: recognise them in task text and normalise them (GUIDE 7.6)."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from .textutil import clean, fold

ROMAN_Q = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_Y = r"(?:\s*[/-]\s*|\s+năm\s+)(\d{4})"
DATE_RX = (r"(?:ngày\s+)?(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?(?![\d/])"
           r"|ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?")
MONTH_RX = rf"tháng\s+(\d{{1,2}})(?!\s*năm\s+đầu)(?:{_Y})?(?![\d/])"
QUARTER_RX = rf"quý\s+(iv|iii|ii|i|[1-4])(?!\w)(?:{_Y})?"
HALF_RX = r"(?:0?6)\s+tháng\s+(đầu|cuối)\s+năm(?:\s+(\d{4}))?"
YEAR_RX = r"năm\s+(\d{4})(?!\s*-\s*\d)"
PERIOD_RX = rf"(?:{HALF_RX}|{QUARTER_RX}|{MONTH_RX}|{YEAR_RX})"
CADENCE = [
    (r"(?:hằng|hàng)\s+ngày", "daily"),
    (r"(?:hằng|hàng)\s+tuần", "weekly"),
    (r"(?:hằng|hàng)\s+tháng|(?:định kỳ\s+)?0?1\s+tháng(?:\s*/\s*|\s+một\s+)lần", "monthly"),
    (r"(?:hằng|hàng|mỗi)\s+quý|(?:định kỳ|theo)\s+(?:theo\s+)?quý(?!\s+(?:i|ii|iii|iv|[1-4])\b)|quý\s+(?:một|1)\s+lần", "quarterly"),
    (r"(?:hằng|hàng|định kỳ|mỗi)\s+0?6\s+tháng|0?6\s+tháng(?:\s*/\s*|\s+một\s+)lần|6 tháng và (?:cả )?năm", "semiannual"),
    (r"(?:hằng|hàng)\s+năm|(?:định kỳ|mỗi)\s+(?:01\s+|1\s+)?năm|năm\s+(?:một|1)\s+lần", "yearly"),
]

EMPTY = {"kind": "none", "due": None, "start": None, "recurrence": None, "event": None}


def _t(kind="none", due=None, start=None, recurrence=None, event=None) -> dict:
    """Build a timing dict in the GUIDE's field order."""
    return {"kind": kind, "due": due, "start": start, "recurrence": recurrence, "event": event}


def _iso(y: int | None, m: int, d: int) -> str | None:
    """ISO date string, or None when the year is unknown or the date invalid."""
    if y is None:
        return None
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _month_end(y: int | None, m: int) -> str | None:
    """Last day of month m of year y."""
    if y is None or not 1 <= m <= 12:
        return None
    return date(y, m, calendar.monthrange(y, m)[1]).isoformat()


def _year(s: str | None, context_year: int | None) -> int | None:
    """Parse a year group, falling back to the context year."""
    return int(s) if s else context_year


def _period(f: str, context_year: int | None) -> tuple[str | None, str | None] | None:
    """(start, end) of the first period expression in folded text f, or None."""
    m = re.search(HALF_RX, f)
    if m:
        y = _year(m.group(2), context_year)
        return ((_iso(y, 1, 1), _iso(y, 6, 30)) if m.group(1) == "đầu" else (_iso(y, 7, 1), _iso(y, 12, 31)))
    m = re.search(QUARTER_RX, f)
    if m:
        q = ROMAN_Q[m.group(1)]
        y = _year(m.group(2), context_year)
        return _iso(y, 3 * q - 2, 1), _month_end(y, 3 * q)
    m = re.search(MONTH_RX, f)
    if m:
        mo = int(m.group(1))
        y = _year(m.group(2), context_year)
        return _iso(y, mo, 1) if 1 <= mo <= 12 else None, _month_end(y, mo)
    m = re.search(YEAR_RX, f)
    if m:
        y = int(m.group(1))
        return _iso(y, 1, 1), _iso(y, 12, 31)
    return None


def _date(f: str, context_year: int | None) -> tuple[int | None, int, int] | None:
    """(year, month, day) of the first date expression in f."""
    m = re.search(DATE_RX, f)
    if not m:
        return None
    g = m.groups()
    d, mo, y = (g[0], g[1], g[2]) if g[0] else (g[3], g[4], g[5])
    d, mo = int(d), int(mo)
    if not (1 <= d <= 31 and 1 <= mo <= 12):
        return None
    return _year(y, context_year), mo, d


def _cadence(f: str) -> str | None:
    """Recurrence word in f (monthly, quarterly, …), or None."""
    for rx, name in CADENCE:
        if re.search(rx, f):
            return name
    return None


def describe_event(f: str) -> str:
    """Short English description of an event trigger in folded text f."""
    m = re.search(r"năm thứ\s+(\d+|hai|ba|tư|năm)\s+(?:của\s+)?nhiệm kỳ", f)
    if m:
        return f"in year {m.group(1)} of the term"
    if re.search(r"sửa đổi|bổ sung|điều chỉnh", f) and re.search(r"nếu|trường hợp|khi", f):
        return "whenever amendments to the plan are found necessary"
    if re.search(r"vướng mắc|khó khăn|phát sinh", f):
        return "when problems arise"
    if re.search(r"sau\s+khi.*ban hành|khi.*ban hành", f):
        who = "the central level" if re.search(r"trung ương|bộ chính trị|ban bí thư|chính phủ|thủ tướng|bộ\b", f) else "the authority"
        return f"after {who} issues the referenced document"
    if re.search(r"hội nghị", f):
        return "after the conference"
    if re.search(r"chỉ đạo|hướng dẫn", f):
        return "when instructions are received"
    if re.search(r"yêu cầu", f):
        return "on request"
    if re.search(r"đột xuất", f):
        return "ad hoc as needed"
    return "upon the stated event"


_EVENT_START = re.compile(r"^(?:ngay\s+)?(?:sau\s+khi|sau\s+hội nghị|sau\s+|khi\s+|nếu\s+|trường hợp\s+|năm thứ\s+|"
                          r"theo\s+(?:yêu cầu|chỉ đạo)|kết thúc\s+)")
_LEAD_VERBS = re.compile(r"^(?:thực hiện|triển khai|tổ chức|báo cáo|ngay|được|xong|và)\s+")


def normalize_timing(text: str | None, *, context_year: int | None = None,
                     reference_date: date | None = None) -> dict:
    """Normalise a Vietnamese timing phrase to {kind, due, start, recurrence, event}."""
    if not text:
        return _t()
    f = fold(clean(text)).strip(" .;:()")
    if reference_date and context_year is None:
        context_year = reference_date.year
    completion = False
    while True:
        m = _LEAD_VERBS.match(f) or re.match(r"^(hoàn thành|hoàn tất)\s+", f)
        if not m:
            break
        completion = completion or m.group(0).startswith("hoàn")
        f = f[m.end():]
    if not f:
        return _t()
    if _EVENT_START.match(f) or re.search(r"năm thứ\s+\S+\s+(?:của\s+)?nhiệm kỳ", f):
        return _t("event", event=describe_event(f))
    ad_hoc = "ad hoc as needed" if re.search(r"đột xuất", f) else None
    # ongoing
    m = re.search(r"(?:từ\s+)?năm\s+(\d{4})\s+(?:và|trở đi)(?:\s+(?:các|những)\s+năm\s+(?:tiếp theo|sau)|\s+thường xuyên)?", f)
    if m and re.search(r"tiếp theo|năm sau|thường xuyên|trở đi", f) and not re.search(r"hằng năm|hàng năm", f):
        return _t("ongoing", start=_iso(int(m.group(1)), 1, 1))
    if re.search(r"thường xuyên|liên tục|suốt", f):
        rec = "periodic-unspecified" if re.search(r"định kỳ", f) else None
        return _t("ongoing", recurrence=rec, event=ad_hoc)
    # recurring deadline: "trước ngày 15/11 hằng năm", "trước ngày 05 hằng tháng"
    m = re.search(rf"(?:trước|chậm nhất|hạn chót)[^,;]*?(?:ngày\s+)?(\d{{1,2}})\s*[/.-]\s*(\d{{1,2}})(?!\s*[/.-]\s*\d)\s*(?:của\s+)?(?:hằng|hàng|mỗi)\s+năm", f) \
        or re.search(r"(?:trước|chậm nhất)[^,;]*?ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:của\s+)?(?:hằng|hàng|mỗi)\s+năm", f)
    if m:
        d, mo = int(m.group(1)), int(m.group(2))
        return _t("recurring", due=_next_occurrence(mo, d, context_year, reference_date), recurrence=f"yearly:{mo:02d}-{d:02d}")
    m = re.search(r"(?:trước|trong|chậm nhất)[^,;]*?tháng\s+(\d{1,2})\s*(?:của\s+)?(?:hằng|hàng|mỗi)\s+năm", f)
    if m and 1 <= int(m.group(1)) <= 12:
        mo = int(m.group(1))
        last = calendar.monthrange(2001, mo)[1]
        return _t("recurring", due=_next_occurrence(mo, last, context_year, reference_date), recurrence=f"yearly:{mo:02d}-{last:02d}")
    m = re.search(r"(?:trước|chậm nhất)[^,;]*?ngày\s+(\d{1,2})\s+(?:của\s+)?(?:hằng|hàng|mỗi)\s+tháng", f)
    if m:
        return _t("recurring", recurrence=f"monthly:{int(m.group(1)):02d}")
    cad = _cadence(f)
    if cad or re.search(r"định kỳ", f):
        sm = re.search(r"từ\s+năm\s+(\d{4})", f)
        return _t("recurring", start=_iso(int(sm.group(1)), 1, 1) if sm else None,
                  recurrence=cad or "periodic-unspecified", event=ad_hoc)
    if ad_hoc:
        return _t("event", event=ad_hoc)
    # range window: "từ tháng 3/2022 đến tháng 6/2022", "từ ngày … đến ngày …"
    m = re.search(r"từ\s+(.+?)\s+(?:đến|tới)\s+(?:hết\s+)?(.+)", f)
    if m:
        s, e = _point(m.group(1), context_year, start=True), _point(m.group(2), context_year, start=False)
        if s or e:
            return _t("window", due=e, start=s)
    # deadlines
    m = re.match(r"^(?:trước|chậm nhất(?:\s+là)?|hạn chót|đến|muộn nhất)\s+(.*)$", f)
    if m:
        rest = m.group(1)
        dt = _date(rest, context_year) if re.match(r"(?:ngày\s+)?\d", rest) else None
        if dt:
            return _t("deadline", due=_iso(*dt))
        per = _period(rest, context_year)
        if per:
            if f.startswith("trước"):
                return _t("deadline", due=_day_before(per[0]))
            return _t("deadline", due=per[1])
    m = re.match(r"^(?:trong|đến hết|đến cuối|cuối|hết|xong trong)\s+(.*)$", f)
    if m or completion:
        rest = m.group(1) if m else f
        per = _period(rest, context_year)
        if per:
            return _t("deadline", due=per[1])
        dt = _date(rest, context_year)
        if dt:
            return _t("deadline", due=_iso(*dt))
    m = re.search(r"(?:giai đoạn\s+|năm\s+)?(\d{4})\s*[-–]\s*(\d{4})", f)
    if m and re.match(r"^(?:giai đoạn|năm|\d{4})", f):
        return _t("window", due=_iso(int(m.group(2)), 12, 31), start=_iso(int(m.group(1)), 1, 1))
    if re.match(rf"^(?:{PERIOD_RX})", f):
        per = _period(f, context_year)
        if per:
            return _t("window", due=per[1], start=per[0])
    if re.match(r"^(?:ngày\s+)?\d{1,2}\s*[/.-]\s*\d{1,2}|^ngày\s+\d", f):
        dt = _date(f, context_year)
        if dt:
            return _t("deadline", due=_iso(*dt))
    if re.match(r"^(?:ngay|kịp thời|khẩn trương)$", f):
        return _t()
    return _t()


def _point(s: str, context_year: int | None, *, start: bool) -> str | None:
    """A date or a period's first/last day, for range windows."""
    if re.match(r"(?:ngày\s+)?\d", s):
        dt = _date(s, context_year)
        if dt:
            return _iso(*dt)
    per = _period(s, context_year)
    if per:
        return per[0] if start else per[1]
    return None


def _day_before(iso: str | None) -> str | None:
    """The day before an ISO date."""
    if not iso:
        return None
    return date.fromordinal(date.fromisoformat(iso).toordinal() - 1).isoformat()


def _next_occurrence(month: int, day: int, context_year: int | None, ref: date | None) -> str | None:
    """First occurrence of month/day on or after ref (or in context_year)."""
    if ref:
        try:
            cand = date(ref.year, month, day)
        except ValueError:
            return None
        if cand < ref:
            cand = date(ref.year + 1, month, day)
        return cand.isoformat()
    return _iso(context_year, month, day)


# ---------------------------------------------------------------- phrase finding

@dataclass
class Phrase:
    """A timing phrase found in text: verbatim text, offset and class ('A' or 'B')."""
    text: str
    start: int
    cls: str


_FILLER = re.compile(r"(?:\s|,|;|\.|-|–|\bvà\b|\bhoặc\b|\btừ\b|\bđến\b|\btheo\b|\bthực hiện\b|\bhoàn thành\b|\btriển khai\b|"
                     r"\bbáo cáo\b|\bxong\b|\bcác\b|\bnhững\b|\bnăm\b|\btiếp theo\b|\bcả\b|\bđột xuất\b|\bcủa\b|\bvào\b|"
                     r"\bngay\b|\bkhi\b|\bcó\b|\byêu cầu\b|\bchậm nhất\b|\blà\b|\bhết\b)*")
_TOKENS = re.compile(rf"(?:{DATE_RX}|{HALF_RX}|{QUARTER_RX}|{MONTH_RX}|năm\s+\d{{4}}|\d{{4}}|thường xuyên|liên tục|định kỳ|"
                     r"(?:hằng|hàng)\s+(?:ngày|tuần|tháng|quý|năm)|trước|trong|sau|giai đoạn)")


def is_time_expression(text: str) -> bool:
    """True when text as a whole is a time expression (used for parentheticals and headings)."""
    f = fold(clean(text)).strip(" .;:")
    if not f or len(f.split()) > 14 or re.search(r"\bsố\b|/(?:kh|qđ|nq|ct|tb|hd|cv|ubnd)|quyết định|kế hoạch|nghị quyết", f):
        return False
    if not _TOKENS.search(f):
        return False
    residue = _TOKENS.sub(" ", f)
    return bool(_FILLER.fullmatch(residue))


_B_DEADLINE = re.compile(
    rf"(?:hoàn thành\s+|xong\s+)?(?:trước|chậm nhất(?:\s+là)?|hạn chót|trong(?:\s+vòng)?|đến hết|đến cuối)\s+"
    rf"(?:(?:{DATE_RX})|(?:{PERIOD_RX}))(?:\s*(?:của\s+)?(?:hằng|hàng|mỗi)\s+(?:năm|tháng))?"
    rf"|hoàn thành\s+(?:{PERIOD_RX})")
_B_EVENT = re.compile(r"(?<!\w)(?:(?:ngay\s+)?sau\s+khi\s+|(?:ngay\s+)?sau\s+hội nghị|khi\s+có\s+(?:chỉ đạo|văn bản|hướng dẫn|yêu cầu)|"
                      r"năm thứ\s+\S+\s+(?:của\s+)?nhiệm kỳ)[^,;.()]*")
_B_COND = re.compile(r"(?:(?<=^)|(?<=, ))nếu\s+[^,;.()]+")
_REJECT_AFTER = re.compile(r"^\s*(?:chưa|đã|vừa|qua)\b")
_STOP_SEG = re.compile(r"^\s*(?:kịp thời|đề nghị|phải|thì|báo cáo|gửi|phản ánh|đề xuất|chủ động)\b")


def find_adjuncts(text: str, agency_starts: set[int] | None = None) -> list[Phrase]:
    """Find class-(B) in-text temporal adjuncts (deadlines, triggers, conditions) in cleaned text."""
    f = fold(text)
    out: list[Phrase] = []
    for m in _B_DEADLINE.finditer(f):
        if _REJECT_AFTER.match(f[m.end():]):
            continue
        out.append(Phrase(text[m.start():m.end()].rstrip(" ."), m.start(), "B"))
    for m in _B_EVENT.finditer(f):
        out.append(Phrase(text[m.start():m.end()].rstrip(" ."), m.start(), "B"))
    for m in _B_COND.finditer(f):
        if len(m.group(0).split()) < 3:
            continue
        end, starts = m.end(), agency_starts or set()
        for _ in range(3):
            nxt = re.match(r",\s*([^,;.()]+)", f[end:])
            if not nxt or end + nxt.start(1) in starts or _STOP_SEG.match(nxt.group(1)):
                break
            end += nxt.end()
        out.append(Phrase(text[m.start():end].rstrip(" ."), m.start(), "B"))
    out.sort(key=lambda p: p.start)
    return out


_LABEL_RX = re.compile(r"(?:thời gian(?:\s+(?:thực hiện|hoàn thành|triển khai|tổ chức))?|thời hạn(?:\s+hoàn thành)?|"
                       r"tiến độ(?:\s+thực hiện)?)\s*:\s*([^;\n]+?)(?=\s*(?:;|\.\s|\.$|$|\s(?:cơ quan|đơn vị)\s+(?:chủ trì|phối hợp|thực hiện)\s*:))")


def find_designated(text: str) -> list[Phrase]:
    """Find class-(A) designated timing inside running text: time parentheticals and 'Thời gian: …' labels."""
    out: list[Phrase] = []
    for m in re.finditer(r"\(([^()]{2,120})\)", text):
        inner = clean(m.group(1)).strip(" .")
        if is_time_expression(inner):
            out.append(Phrase(inner, m.start(), "A"))
    f = fold(text)
    for m in _LABEL_RX.finditer(f):
        out.append(Phrase(text[m.start(1):m.end(1)].strip(" ."), m.start(), "A"))
    out.sort(key=lambda p: p.start)
    return out


def heading_timing(text: str) -> str | None:
    """Timing words of a title heading ('Nhiệm vụ thường xuyên' -> 'thường xuyên'), or None."""
    f = fold(text)
    m = re.search(r"(?:thường xuyên|(?:hằng|hàng)\s+năm|định kỳ(?:\s+(?:hằng|hàng)\s+\w+)?)(?:\s+hoặc\s+đột xuất)?", f)
    if m and re.match(r"^(?:nhiệm vụ|công việc|các nhiệm vụ|nội dung)", f):
        return text[m.start():m.end()]
    m = _B_DEADLINE.search(f)
    if m and not _REJECT_AFTER.match(f[m.end():]):
        return text[m.start():m.end()]
    return None
