"""Document structure: paragraphs, page-break joining, markers, the section/item tree and paths."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .textutil import FUNCTION_WORDS, clean, fold, is_upper_text, last_word, nfc, starts_lowercase

RANKS = {"roman": 0.0, "part": 0.5, "arabic": 1.0, "letter": 2.0, "dash": 3.0, "plus": 4.0}
BULLETS = ("dash", "plus")

_ROMAN_RE = re.compile(r"^([IVX]{1,5})\s*(?:\.|:|\)|/(?=\s)|\s[-–]\s)\s*(.*)$")
_VALID_ROMAN = re.compile(r"^(?:X{0,3})(?:IX|IV|V?I{0,3})$")
_PART_RE = re.compile(r"^([A-H])\s*[.)]\s+(\S.*)$")
_MULTI_RE = re.compile(r"^(\d{1,2}(?:\.\d{1,2})+)\.?\s+(\S.*)$")
_ARABIC_RE = re.compile(r"^(\d{1,2})\s*[.)/]\s*(?![\d/%])(\S.*)$")
_LETTER_RE = re.compile(r"^([a-zđ])\s*[).\/]\s*(\S.*)$")
_DASH_RE = re.compile(r"^[-–—−•●▪]\s*(?![-–—\d])(\S.*)$")
_PLUS_RE = re.compile(r"^\+\s*(\S.*)$")

ATTR_LABELS = {
    "lead": r"(?:cơ quan|đơn vị)\s+(?:chủ trì|thực hiện|chịu trách nhiệm)(?:\s+thực hiện)?|chủ trì(?:\s+thực hiện)?|"
            r"cơ quan,\s*đơn vị\s+(?:chủ trì|thực hiện)|trách nhiệm thực hiện",
    "coordinate": r"(?:cơ quan|đơn vị)\s+phối hợp(?:\s+thực hiện)?|phối hợp(?:\s+thực hiện)?|cơ quan,\s*đơn vị\s+phối hợp",
    "time": r"thời gian(?:\s+(?:thực hiện|hoàn thành|triển khai|tổ chức))?|thời hạn(?:\s+(?:hoàn thành|thực hiện))?|"
            r"tiến độ(?:\s+(?:thực hiện|hoàn thành))?",
    "other": r"thành phần(?:\s+tham dự)?(?:\s*\([^)]*\))?|tài liệu|kinh phí(?:\s+thực hiện)?|sản phẩm|kết quả(?:\s+đầu ra)?|"
             r"địa điểm|hình thức|đối tượng|nội dung|phương thức",
}
_ATTR_RE = re.compile(r"^(?P<label>" + "|".join(f"(?P<{k}>{v})" for k, v in ATTR_LABELS.items()) + r")\s*:\s*(?P<value>.*)$")


@dataclass
class Para:
    """A paragraph (joined unit): physical lines, marker and text."""
    line: int
    lines: list[int]
    raw: str
    first_raw: str
    kind: str | None = None
    label: str | None = None
    content: str = ""
    first_content: str = ""
    attr: str | None = None
    attr_value: str | None = None

    @property
    def text(self) -> str:
        """Cleaned content without the marker."""
        return self.content

    @property
    def is_intro(self) -> bool:
        """An unmarked paragraph ending with ':' (lead-in)."""
        return self.kind is None and self.attr is None and self.content.rstrip(" *").endswith(":")


@dataclass
class Node:
    """A marker node of the plan tree (the root has kind 'root')."""
    kind: str
    label: str | None
    rank: float
    para: Para | None = None
    parent: "Node | None" = None
    children: list["Node"] = field(default_factory=list)
    body: list[tuple[Para, bool]] = field(default_factory=list)  # (para, after_first_child)
    attrs: list[Para] = field(default_factory=list)
    path: str = ""
    dash_count: int = 0
    plus_count: int = 0

    @property
    def content(self) -> str:
        """Cleaned marker-line content (without marker)."""
        return self.para.content if self.para else ""

    def ancestors(self) -> list["Node"]:
        """Parents from nearest to farthest, excluding the root."""
        out, n = [], self.parent
        while n is not None and n.kind != "root":
            out.append(n)
            n = n.parent
        return out

    def section(self) -> "Node | None":
        """The enclosing Roman section (or self if it is one)."""
        n = self
        while n is not None and n.kind != "root":
            if n.kind == "roman":
                return n
            n = n.parent
        return None


def detect_marker(text: str) -> tuple[str | None, str | None, str]:
    """Return (kind, label, content) for a cleaned line; kind None for unmarked lines."""
    m = _ROMAN_RE.match(text)
    if m and _VALID_ROMAN.match(m.group(1)) and m.group(2):
        return "roman", m.group(1), m.group(2).strip()
    m = _MULTI_RE.match(text)
    if m:
        return "arabic", m.group(1), m.group(2).strip()
    m = _ARABIC_RE.match(text)
    if m:
        return "arabic", str(int(m.group(1))), m.group(2).strip()
    m = _LETTER_RE.match(text)
    if m:
        return "letter", m.group(1), m.group(2).strip()
    m = _PLUS_RE.match(text)
    if m:
        return "plus", None, m.group(1).strip()
    m = _DASH_RE.match(text)
    if m:
        return "dash", None, m.group(1).strip()
    m = _PART_RE.match(text)
    if m and is_upper_text(m.group(2)):
        return "part", m.group(1), m.group(2).strip()
    return None, None, text


def marker_rank(kind: str, label: str | None) -> float:
    """Hierarchy rank of a marker (lower = higher level); '1.2.' ranks below '1.'."""
    r = RANKS[kind]
    if kind == "arabic" and label and "." in label:
        r += 0.1 * label.count(".")
    return r


def detect_attribute(content: str) -> tuple[str | None, str | None]:
    """Return (attribute type, value) when content starts with an attribute label and ':'."""
    m = _ATTR_RE.match(fold(content))
    if not m:
        return None, None
    kind = next(k for k in ATTR_LABELS if m.group(k))
    return kind, content[m.start("value"):].strip()


def split_paragraphs(text: str) -> list[Para]:
    """Split text into paragraphs: each non-empty line, joined across page breaks (GUIDE 1.4)."""
    raw_lines = nfc(text).split("\n")
    paras: list[Para] = []
    for i, raw in enumerate(raw_lines, start=1):
        line = clean(raw)
        if not line or re.fullmatch(r"[-_=.…\s]{3,}", line):
            continue
        kind, label, content = detect_marker(line)
        if paras and kind is None and _continues(paras[-1], line):
            prev = paras[-1]
            prev.lines.append(i)
            prev.raw += " " + raw.strip()
            prev.content = clean(prev.content + " " + line)
            continue
        paras.append(Para(line=i, lines=[i], raw=raw.strip(), first_raw=raw.strip(), kind=kind, label=label,
                          content=content, first_content=content))
    for p in paras:
        if p.kind not in ("roman", "part"):
            p.attr, p.attr_value = detect_attribute(p.content)
    return paras


def _continues(prev: Para, line: str) -> bool:
    """True when an unmarked line continues the previous paragraph."""
    if prev.content.rstrip().endswith((".", ":", ";", "!", "?")) and not starts_lowercase(line):
        return False
    if re.match(r"^(?:Nơi nhận|NƠI NHẬN)", line) or re.match(r"^(?:Nơi nhận|Số\s*:)", prev.content):
        return False
    return starts_lowercase(line) or last_word(prev.content) in FUNCTION_WORDS


def is_complete(content: str) -> bool:
    """A marker line is complete when it ends (after ')' '*' quotes) with . ; ! ?"""
    return bool(re.search(r"[.;!?]\s*[)\"”’*]*\s*$", content.strip()))


def build_tree(paras: list[Para]) -> Node:
    """Build the marker tree from body paragraphs; attach bodies, attributes and lead-ins."""
    root = Node("root", None, -1.0)
    stack = [root]
    for p in paras:
        if p.kind is not None and p.attr is None:
            rank = marker_rank(p.kind, p.label)
            while stack[-1].rank >= rank:
                stack.pop()
            parent = stack[-1]
            node = Node(p.kind, p.label, rank, p, parent)
            node.path = _path(parent, node)
            parent.children.append(node)
            stack.append(node)
        elif p.attr is not None:
            limit = marker_rank(p.kind, p.label) if p.kind else RANKS["letter"] + 0.5
            while len(stack) > 1 and stack[-1].rank >= limit:
                stack.pop()
            stack[-1].attrs.append(p)
        else:
            top = stack[-1]
            top.body.append((p, bool(top.children)))
    return root


def _path(parent: Node, node: Node) -> str:
    """Path of node: parent path + printed label, or -n / +n for bullets."""
    if node.kind == "dash":
        parent.dash_count += 1
        part = f"-{parent.dash_count}"
    elif node.kind == "plus":
        parent.plus_count += 1
        part = f"+{parent.plus_count}"
    elif node.kind == "arabic" and node.label and "." in node.label and parent.kind == "arabic" \
            and node.label.startswith(f"{parent.label}."):
        part = node.label[len(parent.label) + 1:]
    else:
        part = node.label or ""
    return f"{parent.path}.{part}" if parent.path else part


def walk(node: Node):
    """Yield the nodes of the tree in document order (pre-order, root excluded)."""
    for child in node.children:
        yield child
        yield from walk(child)


NON_OPERATIVE = re.compile(r"^(?:mục đích|mục tiêu|quan điểm|yêu cầu|kết quả|tình hình|đánh giá|căn cứ|sự cần thiết|"
                           r"phạm vi|đối tượng|bối cảnh|thực trạng)|mục đích,?\s*yêu cầu")


def is_operative_title(title: str) -> bool:
    """True for Roman-section titles that can contain tasks (not MỤC ĐÍCH, YÊU CẦU etc.)."""
    return not NON_OPERATIVE.search(fold(clean(title)))


def body_bounds(paras: list[Para]) -> tuple[int, int]:
    """Index of the first body paragraph (first Roman section) and one past the last."""
    start = next((i for i, p in enumerate(paras) if p.kind == "roman"), None)
    if start is None:
        start = next((i for i, p in enumerate(paras) if p.kind == "arabic" and p.label == "1"), len(paras))
    end = len(paras)
    for i in range(start, len(paras)):
        p = paras[i]
        c = fold(p.content)
        if p.kind is None and (c.startswith("nơi nhận") or c.startswith("trên đây là") or _is_closing(paras, i)):
            end = i
            break
        if p.kind is None and re.match(r"^(?:tm\.|kt\.|t/m|k/t)\s", c):
            end = i
            break
        if p.content.rstrip().endswith("/.") and p.kind != "roman":
            end = i + 1
            break
    return start, end


def _is_closing(paras: list[Para], i: int) -> bool:
    """An unmarked 'Trong quá trình thực hiện, nếu …' paragraph right before Nơi nhận/signature/end."""
    c = fold(paras[i].content)
    if paras[i].kind is not None or not re.match(r"^(?:trong quá trình|quá trình)\s+(?:tổ chức\s+)?(?:triển khai\s+)?thực hiện", c):
        return False
    nxt = paras[i + 1] if i + 1 < len(paras) else None
    return nxt is None or (nxt.kind is None and (fold(nxt.content).startswith("nơi nhận") or is_upper_text(nxt.content)))
