"""Agency-name matching: surface mentions in plan text -> canonical agency names (GUIDE 8)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

from .textutil import clean, fold

_DATA = Path(__file__).with_name("agencies.json")

UB = r"(?:ubnd|ủy ban nhân dân|ub nhân dân)"
HD = r"(?:hđnd|hội đồng nhân dân)"
MT = r"(?:mặt trận tổ quốc|mttq)"
LQ = r"(?:có\s+)?liên\s+quan"

# Provincial departments: folded regex -> canonical name after "Sở ".
DEPARTMENTS = [
    (r"nội vụ", "Nội vụ"),
    (r"tư pháp", "Tư pháp"),
    (r"kế hoạch\s*(?:và|&)\s*đầu tư|kh\s*(?:&|và)\s*đt|khđt", "Kế hoạch và Đầu tư"),
    (r"tài chính", "Tài chính"),
    (r"công thương", "Công Thương"),
    (r"nông nghiệp\s*(?:và|&)\s*phát triển nông thôn|nn\s*(?:&|và)\s*ptnt|nnptnt", "Nông nghiệp và Phát triển nông thôn"),
    (r"nông nghiệp\s*(?:và|&)\s*môi trường", "Nông nghiệp và Môi trường"),
    (r"giao thông\s*(?:-\s*)?vận tải|gtvt", "Giao thông vận tải"),
    (r"xây dựng", "Xây dựng"),
    (r"tài nguyên\s*(?:và|&)\s*môi trường|tn\s*(?:&|và)\s*mt|tnmt", "Tài nguyên và Môi trường"),
    (r"thông tin\s*(?:và|&)\s*truyền thông|tt\s*(?:&|và)\s*tt|tttt", "Thông tin và Truyền thông"),
    (r"lao động\s*[-–,]?\s*thương binh\s*(?:và|&)\s*xã hội|lđ\s*-?\s*tb\s*(?:&|và)\s*xh|lđtbxh", "Lao động - Thương binh và Xã hội"),
    (r"văn hóa\s*[,-]?\s*thể thao\s*(?:và|&)\s*du lịch|vh\s*,?\s*tt\s*(?:&|và)\s*dl|vhttdl", "Văn hóa, Thể thao và Du lịch"),
    (r"văn hóa\s*(?:và|&)\s*thể thao", "Văn hóa và Thể thao"),
    (r"du lịch", "Du lịch"),
    (r"khoa học\s*(?:và|&)\s*công nghệ|kh\s*(?:&|và)\s*cn|khcn", "Khoa học và Công nghệ"),
    (r"giáo dục\s*(?:và|&)\s*đào tạo|gd\s*(?:&|và)\s*đt|gdđt", "Giáo dục và Đào tạo"),
    (r"y tế", "Y tế"),
    (r"ngoại vụ", "Ngoại vụ"),
    (r"dân tộc\s*(?:và|&)\s*tôn giáo", "Dân tộc và Tôn giáo"),
]
_DEPT_ALT = "|".join(f"(?:{p})" for p, _ in sorted(DEPARTMENTS, key=lambda d: -len(d[0])))

PROVINCES = [
    "An Giang", "Bà Rịa - Vũng Tàu", "Bà Rịa – Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh",
    "Bến Tre", "Bình Dương", "Bình Định", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Đắk Lắk",
    "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Tĩnh",
    "Hải Dương", "Hậu Giang", "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu",
    "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An", "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận",
    "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị",
    "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế",
    "Tiền Giang", "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
]
_PROV_ALT = "|".join(re.escape(fold(p)) for p in sorted(PROVINCES, key=len, reverse=True))
_TINH = rf"tỉnh(?:\s+(?:{_PROV_ALT}))?"

# (canonical, folded regex). Canonical "{P}" is replaced by the document's province name.
PATTERNS: list[tuple[str, str]] = [
    # collectives first (ordering only matters for equal spans)
    ("Các cơ quan, đơn vị có liên quan",
     rf"(?:các\s+)?(?:cơ quan,?\s+(?:tổ chức,?\s+)?đơn vị(?:,?\s+địa phương)?|cơ quan,?\s+ban,?\s+ngành|"
     rf"sở,?\s+ban,?\s+ngành(?:,?\s+(?:tỉnh|địa phương))?|sở,?\s+ngành|ban,?\s+ngành|đơn vị,?\s+địa phương|"
     rf"cơ quan(?:,?\s+tổ chức)?|đơn vị|ngành|sở|tổ chức|địa phương)(?:\s+chức năng)?\s+{LQ}"),
    ("Các cơ quan, đơn vị có liên quan", r"(?:các\s+)?(?:cơ quan|lực lượng)\s+chức năng"),
    ("Các sở, ban, ngành tỉnh|UBND các huyện, thị xã, thành phố",
     r"(?:thủ trưởng\s+)?(?:các\s+)?sở,?\s+ban,?\s*ngành(?:\s+(?:tỉnh|cấp tỉnh))?(?:,|\s+và)\s+(?:các\s+)?địa phương(?!\s*[,]?\s*(?:đơn vị|" + LQ + "))"),
    ("Các sở, ban, ngành tỉnh",
     rf"(?:thủ trưởng\s+|giám đốc\s+|lãnh đạo\s+)?(?:các\s+)?sở,?\s+ban,?\s*ngành(?:,?\s+đoàn thể)?(?:\s+(?:cấp tỉnh|thuộc tỉnh|tỉnh|"
     rf"trực thuộc(?:\s+{UB}\s+tỉnh)?|thuộc\s+{UB}\s+tỉnh))?"),
    ("Các sở, ban, ngành tỉnh", r"(?:thủ trưởng\s+|giám đốc\s+)?các\s+sở,?\s+ngành(?:\s+(?:tỉnh|cấp tỉnh))?"),
    ("Các đơn vị trực thuộc UBND tỉnh",
     rf"(?:các\s+)?(?:cơ quan,?\s+)?đơn vị\s+(?:sự nghiệp(?:\s+công lập)?\s+)?(?:trực\s+)?thuộc\s+{UB}\s+tỉnh"),
    ("UBND các huyện, thị xã, thành phố",
     rf"(?:chủ tịch\s+)?{UB}\s+(?:các\s+|cấp\s+)?huyện(?:\s*,?\s*(?:thị xã|thành phố|thị xã,\s*thành phố|thành phố,\s*thị xã))?"),
    ("UBND các huyện, thị xã, thành phố", r"(?:chủ tịch\s+)?(?:ubnd|ủy ban nhân dân)\s+cấp\s+huyện"),
    ("UBND các huyện, thị xã, thành phố", r"các\s+huyện,\s*(?:thị xã,\s*)?thành phố"),
    ("UBND các xã, phường, thị trấn", rf"(?:chủ tịch\s+)?{UB}\s+(?:các\s+|cấp\s+)xã(?:,?\s*phường(?:,?\s*thị trấn)?)?"),
    ("Các cơ quan, đơn vị, địa phương",
     r"(?:người đứng đầu(?:,?\s+cấp phó(?:\s+của\s+người đứng đầu)?)?\s+(?:các\s+)?|thủ trưởng\s+(?:các\s+)?|các\s+)?"
     r"cơ quan,?\s+(?:tổ chức,?\s+)?đơn vị(?:,?\s+(?:và\s+)?địa phương)?"),
    ("Các cơ quan, đơn vị, địa phương", r"(?:thủ trưởng\s+)?các\s+đơn vị,?\s+địa phương"),
    ("Các cơ quan báo chí", r"(?:các\s+)?cơ quan báo chí(?:,?\s+truyền thông)?"),
    ("Cấp có thẩm quyền", r"(?:cấp|cơ quan)\s+có\s+thẩm quyền"),
    ("Mặt trận Tổ quốc Việt Nam",
     rf"(?:ban thường trực\s+)?(?:ủy ban\s+)?(?:{MT}|mặt trận)(?:\s+việt nam|\s+vn)?(?:\s+(?:tỉnh|các cấp|cấp tỉnh|cùng cấp))?"),
    ("Mặt trận Tổ quốc Việt Nam", r"ủy ban mặt trận(?:\s+tổ quốc)?\s+việt nam(?:\s+tỉnh)?"),
    ("Các tổ chức chính trị - xã hội",
     r"(?:các\s+)?(?:tổ chức|đoàn thể)\s+chính trị\s*-\s*xã hội(?:\s+(?:tỉnh|các cấp|cùng cấp|cấp tỉnh))?"),
    ("Các tổ chức chính trị - xã hội", r"(?:các\s+)?(?:hội,\s*)?đoàn thể(?:\s+(?:tỉnh|các cấp|cùng cấp))?"),
    ("Các cấp ủy, tổ chức đảng",
     r"(?:các\s+)?cấp ủy,?\s*tổ chức đảng(?:\s+(?:cùng cấp|các cấp|từ tỉnh đến cơ sở|trực thuộc))?|"
     r"(?:các\s+)?tổ chức đảng\s+và\s+cấp ủy|(?:các\s+)?cấp ủy đảng(?:\s+các cấp)?"),
    # party bodies
    ("Ủy viên Ban Thường vụ Tỉnh ủy, Tỉnh ủy viên",
     r"(?:các\s+đồng chí\s+)?ủy viên ban thường vụ tỉnh ủy,?\s*tỉnh ủy viên"),
    ("Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy",
     r"(?:bí thư\s+)?(?:các\s+)?huyện ủy(?:\s*,?\s*(?:thị ủy|thành ủy|đảng ủy trực thuộc(?:\s+tỉnh ủy)?))*"),
    ("Các đảng đoàn, ban cán sự đảng",
     r"(?:bí thư\s+)?(?:các\s+)?đảng đoàn,?\s*ban cán sự đảng(?:\s+(?:trực thuộc\s+)?tỉnh(?:\s+ủy)?)?"),
    ("Các đảng ủy cơ sở", r"(?:bí thư\s+)?(?:các\s+)?đảng ủy cơ sở"),
    ("Ban Thường vụ Tỉnh ủy", r"ban thường vụ tỉnh ủy"),
    ("Thường trực Tỉnh ủy", r"thường trực tỉnh ủy"),
    ("Ban Chấp hành Đảng bộ tỉnh", r"ban chấp hành đảng bộ tỉnh"),
    ("Ban Dân vận Tỉnh ủy", r"ban dân vận tỉnh ủy"),
    ("Ban Tổ chức Tỉnh ủy", r"ban tổ chức tỉnh ủy"),
    ("Ban Tuyên giáo Tỉnh ủy", r"ban tuyên giáo tỉnh ủy"),
    ("Ban Tuyên giáo và Dân vận Tỉnh ủy", r"ban tuyên giáo\s+và\s+dân vận tỉnh ủy"),
    ("Ban Nội chính Tỉnh ủy", r"ban nội chính tỉnh ủy"),
    ("Ủy ban Kiểm tra Tỉnh ủy", r"ủy ban kiểm tra tỉnh ủy"),
    ("Văn phòng Tỉnh ủy", r"văn phòng tỉnh ủy"),
    ("Tỉnh ủy", r"tỉnh ủy"),
    ("Ban cán sự đảng UBND tỉnh", rf"ban cán sự đảng\s+{UB}\s+tỉnh"),
    ("Đảng đoàn HĐND tỉnh", rf"đảng đoàn\s+{HD}\s+tỉnh"),
    ("Đảng đoàn Ủy ban MTTQ Việt Nam tỉnh", rf"đảng đoàn\s+(?:ủy ban\s+)?{MT}(?:\s+việt nam)?\s+tỉnh"),
    ("Ban cán sự đảng Tòa án nhân dân tỉnh", r"ban cán sự đảng\s+tòa án nhân dân tỉnh"),
    ("Ban cán sự đảng Viện Kiểm sát nhân dân tỉnh", r"ban cán sự đảng\s+viện kiểm sát nhân dân tỉnh"),
    ("Đảng ủy Khối các cơ quan tỉnh", r"đảng ủy khối các cơ quan(?:\s+tỉnh)?"),
    ("Đảng ủy Khối Doanh nghiệp tỉnh", r"đảng ủy khối doanh nghiệp(?:\s+tỉnh)?"),
    ("Đảng ủy Quân sự tỉnh", r"đảng ủy quân sự tỉnh"),
    ("Đảng ủy Công an tỉnh", r"đảng ủy công an tỉnh"),
    # state bodies
    ("Văn phòng UBND tỉnh", rf"(?:chánh\s+)?văn phòng\s+{UB}(?:\s+tỉnh)?|vpub(?:nd)?(?:\s+tỉnh)?"),
    ("Văn phòng Đoàn ĐBQH và HĐND tỉnh", r"văn phòng đoàn (?:đbqh|đại biểu quốc hội)\s+và\s+(?:hđnd|hội đồng nhân dân)\s+tỉnh"),
    ("Thường trực HĐND tỉnh", rf"thường trực\s+{HD}\s+tỉnh"),
    ("HĐND tỉnh", rf"{HD}\s+tỉnh"),
    ("UBND tỉnh", rf"(?:chủ tịch\s+|lãnh đạo\s+)?{UB}\s+{_TINH}"),
    ("Thanh tra tỉnh", r"(?:chánh\s+)?thanh tra\s+tỉnh"),
    ("Công an tỉnh", r"(?:giám đốc\s+)?công an\s+tỉnh"),
    ("Bộ Chỉ huy Quân sự tỉnh", r"bộ chỉ huy quân sự\s+tỉnh"),
    ("Bộ Chỉ huy Bộ đội Biên phòng tỉnh", r"bộ chỉ huy bộ đội biên phòng\s+tỉnh"),
    ("Viện Kiểm sát nhân dân tỉnh", r"viện kiểm sát nhân dân\s+tỉnh"),
    ("Tòa án nhân dân tỉnh", r"tòa án nhân dân\s+tỉnh"),
    ("Cục Thuế tỉnh", r"cục thuế(?:\s+tỉnh)?"),
    ("Cục Thống kê tỉnh", r"cục thống kê(?:\s+tỉnh)?"),
    ("Kho bạc Nhà nước tỉnh", r"kho bạc nhà nước(?:\s+tỉnh)?"),
    ("Bảo hiểm xã hội tỉnh", r"bảo hiểm xã hội\s+tỉnh"),
    ("Ngân hàng Nhà nước chi nhánh tỉnh", r"ngân hàng nhà nước(?:\s+việt nam)?\s+chi nhánh(?:\s+tỉnh)?"),
    ("Ban Dân tộc tỉnh", r"ban dân tộc(?:\s+tỉnh)?"),
    ("Ban Tôn giáo tỉnh", r"ban tôn giáo(?:\s+tỉnh)?"),
    ("Ban Thi đua - Khen thưởng tỉnh", r"ban thi đua\s*-?\s*khen thưởng(?:\s+tỉnh)?"),
    ("Ban Quản lý Khu kinh tế tỉnh", r"ban quản lý khu kinh tế(?:[\w\s,]{0,40}?)?\s+tỉnh"),
    ("Trường Chính trị tỉnh", r"trường chính trị(?:\s+tỉnh)?"),
    ("Liên đoàn Lao động tỉnh", r"liên đoàn lao động\s+tỉnh"),
    ("Tỉnh Đoàn", r"tỉnh đoàn|đoàn tncs hồ chí minh tỉnh|đoàn thanh niên cộng sản hồ chí minh tỉnh"),
    ("Hội Liên hiệp Phụ nữ tỉnh", r"hội liên hiệp phụ nữ\s+tỉnh"),
    ("Hội Nông dân tỉnh", r"hội nông dân\s+tỉnh"),
    ("Hội Cựu chiến binh tỉnh", r"hội cựu chiến binh\s+tỉnh"),
    ("Liên minh Hợp tác xã tỉnh", r"liên minh hợp tác xã\s+tỉnh"),
    ("Đài Phát thanh và Truyền hình {P}",
     rf"đài phát thanh\s*(?:và|-)\s*truyền hình(?:\s+(?:tỉnh|{_PROV_ALT}))?|đài pt\s*-\s*th(?:\s+(?:tỉnh|{_PROV_ALT}))?"),
    ("Báo {P}", r"báo\s+(?:tỉnh|" + _PROV_ALT + r")(?!\w)"),
]

# Words that, placed before a mention, still denote the same organisation.
PERSON_PREFIX = r"(?:thủ trưởng|giám đốc|chủ tịch|lãnh đạo|người đứng đầu|bí thư|chánh|trưởng ban)"

# Heads of organisation names, for agency headings naming bodies not in the tables.
ORG_HEADS = ("sở", "ban", "văn phòng", "thanh tra", "công an", "bộ chỉ huy", "đài", "báo", "hội", "liên đoàn",
             "tỉnh đoàn", "ủy ban", "ubnd", "trường", "cục", "chi cục", "kho bạc", "ngân hàng", "bảo hiểm",
             "viện", "tòa án", "đảng ủy", "đảng đoàn", "liên minh", "trung tâm", "bộ", "các sở", "các cơ quan",
             "công ty", "bưu điện", "điện lực", "hđnd", "mttq")


@dataclass
class Mention:
    """One agency mention: span in the cleaned text and its canonical names."""
    start: int
    end: int
    names: list[str]
    text: str


def _flex(literal: str) -> str:
    """Regex for a literal variant with flexible whitespace."""
    return r"\s+".join(re.escape(w) for w in fold(literal).split())


@lru_cache(maxsize=1)
def load_agencies() -> dict:
    """Load the canonical agency list bundled with the package."""
    with open(_DATA, encoding="utf-8") as fh:
        return json.load(fh)


def canonical_names() -> list[str]:
    """Return every canonical name of agencies.json plus the built-in patterns."""
    names = [a["canonical"] for a in load_agencies()["agencies"]]
    for canon, _ in PATTERNS:
        for c in canon.split("|"):
            if c not in names and "{P}" not in c:
                names.append(c)
    return names


@lru_cache(maxsize=64)
def _compiled(extra_key: tuple) -> list[tuple[list[str], re.Pattern]]:
    """Compile the pattern table, the agencies.json variants and extra names."""
    table: list[tuple[list[str], str]] = [(c.split("|"), p) for c, p in PATTERNS]
    for agency in load_agencies()["agencies"]:
        for variant in agency.get("variants", []):
            if ":" in variant:  # list forms are handled by the department-list rule
                continue
            table.append(([agency["canonical"]], _flex(variant)))
    for variant, canon in extra_key:
        table.append(([canon], _flex(variant)))
    return [(names, re.compile(rf"(?<!\w)(?:{p})(?!\w)")) for names, p in table]


_DEPT_HEAD_RE = re.compile(rf"(?<!\w)(?:(?:{PERSON_PREFIX})\s+)?(?:các\s+)?sở\s*:?\s*(?P<n>{_DEPT_ALT})(?!\w)")
_DEPT_NEXT_RE = re.compile(rf"\s*(?:,|;|và|&)\s*(?:(?:các\s+)?sở\s+)?(?P<n>{_DEPT_ALT})(?!\w)")


def _dept_name(folded_name: str) -> str:
    """Map a folded department name to its canonical 'Sở …' form."""
    for pat, canon in DEPARTMENTS:
        if re.fullmatch(pat, folded_name):
            return "Sở " + canon
    return "Sở " + folded_name


def _department_mentions(folded: str, original: str) -> list[Mention]:
    """Find 'Sở X', 'Các Sở: X, Y, Z' and 'Sở X, Y' lists."""
    out = []
    for m in _DEPT_HEAD_RE.finditer(folded):
        names = [_dept_name(m.group("n"))]
        end = m.end()
        while True:
            nxt = _DEPT_NEXT_RE.match(folded, end)
            if not nxt:
                break
            names.append(_dept_name(nxt.group("n")))
            end = nxt.end()
        out.append(Mention(m.start(), end, names, original[m.start():end]))
    return out


def _resolve_province(names: list[str], province: str | None, span_text: str) -> list[str]:
    """Fill the '{P}' placeholder from the span itself or the document province."""
    out = []
    for n in names:
        if "{P}" in n:
            found = next((p for p in PROVINCES if fold(p) in fold(span_text)), None)
            n = n.replace("{P}", found or province or "tỉnh")
        out.append(n)
    return out


def find_mentions(text: str, *, extra_names: Iterable[str] | Mapping[str, str] | None = None,
                  province: str | None = None) -> list[Mention]:
    """Return non-overlapping agency mentions in text (already cleaned), leftmost-longest first."""
    folded = fold(text)
    if isinstance(extra_names, Mapping):
        extra_key = tuple(sorted(extra_names.items()))
    else:
        extra_key = tuple((n, n) for n in sorted(extra_names or ()))
    cands: list[Mention] = _department_mentions(folded, text)
    for names, rx in _compiled(extra_key):
        for m in rx.finditer(folded):
            if m.end() > m.start():
                cands.append(Mention(m.start(), m.end(), names, text[m.start():m.end()]))
    cands.sort(key=lambda c: (c.start, -(c.end - c.start)))
    chosen: list[Mention] = []
    last_end = -1
    for c in cands:
        if c.start >= last_end:
            c.names = _resolve_province(list(c.names), province, c.text)
            chosen.append(c)
            last_end = c.end
    _apply_distributive(chosen, text)
    return chosen


_DISTRIBUTIVE = ("Ban cán sự đảng ", "Đảng đoàn ")


def _apply_distributive(mentions: list[Mention], text: str) -> None:
    """Read 'Ban cán sự đảng X, Y' distributively: Y becomes 'Ban cán sự đảng Y'."""
    prefix = None
    for i, m in enumerate(mentions):
        if i and prefix and re.fullmatch(r"\s*(?:,|và)\s*", text[mentions[i - 1].end:m.start]):
            if not any(n.startswith(_DISTRIBUTIVE) for n in m.names) and m.names and "tỉnh" in m.names[0]:
                m.names = [prefix + n for n in m.names]
                continue
        prefix = next((p for p in _DISTRIBUTIVE if m.names and m.names[0].startswith(p)), None)


def match_agencies(text: str, extra_names: Iterable[str] | Mapping[str, str] | None = None,
                   province: str | None = None) -> list[str]:
    """Return the canonical agency names mentioned in text, in order, deduplicated."""
    out: list[str] = []
    for m in find_mentions(clean(text), extra_names=extra_names, province=province):
        for n in m.names:
            if n not in out:
                out.append(n)
    return out


_CONNECT_RE = re.compile(r"(?:\s|,|;|:|…|\.\.\.|&|\bvà\b|\bcùng với\b|\bcùng\b|\bcác\b|\bđồng chí\b|"
                         + PERSON_PREFIX + r")*", re.IGNORECASE)


def chain_at(text: str, pos: int, mentions: list[Mention]) -> tuple[list[str], int]:
    """Collect the run of mentions starting at pos joined by commas/'và'; return names and end."""
    ordered = sorted((m for m in mentions if m.start >= pos), key=lambda m: m.start)
    if not ordered or ordered[0].start != pos:
        return [], pos
    folded = fold(text)
    names: list[str] = []
    end = pos
    for m in ordered:
        if m.start != pos and not _CONNECT_RE.fullmatch(folded, end, m.start):
            break
        names += [n for n in m.names if n not in names]
        end = m.end
    return names, end


_LEAD_PREFIX_RE = re.compile(r"^(?:(?:giao\s+cho|giao|đề nghị|yêu cầu|phân công|cùng với|ủy quyền cho)\s+)", re.IGNORECASE)
_ADVERBIAL_RE = re.compile(r"^(?:trên cơ sở|căn cứ|trong|nếu|khi|sau khi|để|nhằm|theo|ngoài|đối với|hằng năm|hàng năm|"
                           r"định kỳ|trường hợp|bên cạnh|đồng thời|qua|thông qua|từ|đến)\b", re.IGNORECASE)


def subject_agencies(sentence: str, *, allow_adverbial: bool = True, extra_names=None,
                     province: str | None = None) -> list[str]:
    """Return the agencies that are the grammatical subject at the start of a sentence."""
    text = clean(sentence)
    text = re.sub(r"^[\"“(]+", "", text)
    pm = _LEAD_PREFIX_RE.match(text)
    start = pm.end() if pm else 0
    mentions = find_mentions(text, extra_names=extra_names, province=province)
    names, _ = _chain_from(text, start, mentions)
    if names:
        return names
    if allow_adverbial and _ADVERBIAL_RE.match(text[start:]):
        for cm in re.finditer(r",\s*", text):
            names, _ = _chain_from(text, cm.end(), mentions)
            if names:
                return names
    return []


def _chain_from(text: str, pos: int, mentions: list[Mention]) -> tuple[list[str], int]:
    """Chain of mentions beginning at pos (after optional person prefixes and 'các')."""
    starts = {m.start for m in mentions}
    if pos in starts:
        return chain_at(text, pos, mentions)
    pre = re.match(rf"(?:(?:{PERSON_PREFIX}|các|cùng với|đồng chí|các đồng chí)\s+)+", fold(text[pos:]))
    if pre and pos + pre.end() in starts:
        return chain_at(text, pos + pre.end(), mentions)
    return [], pos


_HEADING_STRIP_RE = re.compile(r"^(?:trách nhiệm|nhiệm vụ|phân công nhiệm vụ|đối với|đề nghị)(?:\s+(?:của|cho|đối với))?\s+",
                               re.IGNORECASE)
_RESIDUE_RE = re.compile(r"^(?:[\s,;:.&()\-–…]|\bvà\b|\bcác\b|\bcùng\b|\btỉnh\b|\bcấp\b)*$")


def heading_agencies(text: str, *, extra_names=None, province: str | None = None) -> list[str] | None:
    """If text (a marker line without marker) is made only of agency names, return them; else None."""
    body = clean(text).rstrip(" :.;")
    body = _HEADING_STRIP_RE.sub("", body)
    if not body or len(body.split()) > 40:
        return None
    mentions = find_mentions(body, extra_names=extra_names, province=province)
    residue = body
    for m in sorted(mentions, key=lambda x: -x.start):
        residue = residue[:m.start] + " " + residue[m.end:]
    if mentions and _RESIDUE_RE.match(fold(residue)):
        names: list[str] = []
        for m in mentions:
            names += [n for n in m.names if n not in names]
        return names
    if not mentions and _looks_like_org(body):
        return [body[0].upper() + body[1:]]
    return None


_VERBISH = re.compile(r"\b(?:thực hiện|triển khai|tổ chức|xây dựng|tăng cường|nâng cao|chủ trì|phối hợp|tham mưu|"
                      r"đẩy mạnh|tiếp tục|công khai|kiểm tra|rà soát|chỉ đạo|hướng dẫn|theo dõi|đôn đốc|nghiên cứu|"
                      r"nhiệm vụ|nội dung|công tác|giải pháp|kết quả|về|của)\b")


def _looks_like_org(body: str) -> bool:
    """Heuristic for an unknown organisation name: short, starts with an org head, no verbs."""
    f = fold(body)
    if len(f.split()) > 10 or not body[:1].isupper() or _VERBISH.search(f):
        return False
    return any(f == h or f.startswith(h + " ") for h in ORG_HEADS)
