"""Task detection (GUIDE 3-6) and per-task lead/coordinate/timing selection (GUIDE 7)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from . import fields
from .agencies import find_mentions, heading_agencies, match_agencies, subject_agencies
from .structure import Node, Para, is_complete, is_operative_title, walk
from .textutil import clean, first_words, fold, sentences
from .timing import Phrase, find_adjuncts, find_designated, heading_timing, normalize_timing

GENERIC = {"Các cơ quan, đơn vị, địa phương", "Các cơ quan, đơn vị có liên quan"}
DEFAULT_LEAD = "Các cơ quan, đơn vị, địa phương"


@dataclass
class Unit:
    """One task before its fields are computed."""
    path: str
    node: Node
    anchor: Para
    anchor_is_marker: bool
    paras: list[Para]
    own_heading: bool = False  # the node's marker line is this task's own title/agency heading
    scope_is_node: bool = False  # pN tasks: the node's attributes are an ancestor scope

    @property
    def text(self) -> str:
        """The task's own text (marker content and/or its body paragraphs)."""
        parts = ([self.node.content] if self.anchor_is_marker else []) + [p.content for p in self.paras]
        return clean(" ".join(parts))


@dataclass
class Context:
    """Document-level context for field computation."""
    province: str | None = None
    extra_names: object = None
    default_lead: list[str] = field(default_factory=lambda: [DEFAULT_LEAD])
    context_year: int | None = None
    reference_date: date | None = None


# ------------------------------------------------------------------ task detection

def _texts(node: Node, before_child_only: bool = False) -> list[Para]:
    """Body paragraphs of node that are not lead-ins."""
    return [p for p, after in node.body if not p.is_intro and not (before_child_only and after)]


def _is_heading(node: Node, ctx: Context) -> bool:
    """Marker line is an agency heading or a title/lead-in heading (not complete)."""
    return _agency_heading(node, ctx) is not None or not is_complete(node.content)


def _agency_heading(node: Node, ctx: Context) -> list[str] | None:
    """Agencies when the node's marker line consists only of agency names."""
    if node.para is None:
        return None
    return heading_agencies(node.content, extra_names=ctx.extra_names, province=ctx.province)


def collect_units(root: Node, ctx: Context) -> tuple[list[Unit], list[dict]]:
    """Return task units in document order and the excluded marker lines."""
    units: list[Unit] = []
    excluded: list[dict] = []
    sections = [c for c in root.children if c.kind == "roman"]
    if not sections:
        for child in root.children:
            _process(child, units, excluded, ctx)
    for top in sections:
        if not is_operative_title(top.content):
            excluded.append(_excl(top, "non-operative section (purpose/requirements)"))
            continue
        if not top.children and not fold(top.content).startswith("kinh phí"):
            _paragraph_units(top, units, ctx)
        for child in top.children:
            _process(child, units, excluded, ctx)
    return units, excluded


def _process(node: Node, units: list[Unit], excluded: list[dict], ctx: Context) -> None:
    """Classify node as context, task or paragraph-task heading; recurse."""
    if node.children:
        pre = _texts(node, before_child_only=True)
        if pre:
            heading = _is_heading(node, ctx)
            units.append(Unit(node.path, node, pre[0] if heading else node.para, not heading, pre,
                              own_heading=heading))
        else:
            excluded.append(_excl(node, "context heading (has sub-items)"))
        for child in node.children:
            _process(child, units, excluded, ctx)
        return
    texts = _texts(node)
    heading = _is_heading(node, ctx)
    if heading and len(texts) >= 2:
        excluded.append(_excl(node, "heading; its body paragraphs are paragraph tasks"))
        for i, p in enumerate(texts, start=1):
            units.append(Unit(f"{node.path}.p{i}", node, p, False, [p], scope_is_node=True))
    elif heading and len(texts) == 1:
        excluded.append(_excl(node, "heading of a task anchored on its body paragraph", "(heading)"))
        units.append(Unit(node.path, node, texts[0], False, texts, own_heading=True))
    elif heading and _agency_heading(node, ctx) is not None:
        excluded.append(_excl(node, "agency heading without content"))
    else:
        units.append(Unit(node.path, node, node.para, True, texts))


def _paragraph_units(section: Node, units: list[Unit], ctx: Context) -> None:
    """Body-only Roman sections: each body paragraph is a task (T3 applied to the section)."""
    texts = _texts(section)
    if len(texts) == 1:
        units.append(Unit(section.path, section, texts[0], False, texts, scope_is_node=True))
    else:
        for i, p in enumerate(texts, start=1):
            units.append(Unit(f"{section.path}.p{i}", section, p, False, [p], scope_is_node=True))


def _excl(node: Node, reason: str, suffix: str = "") -> dict:
    """An excluded-candidate record for a marker line."""
    return {"path": node.path + suffix, "line": node.para.line if node.para else None,
            "text_start": first_words(node.para.first_content if node.para else ""), "reason": reason}


def excluded_attributes(root: Node) -> list[dict]:
    """Excluded-candidate records for attribute lines and lead-ins."""
    out = []
    for node in [root] + list(walk(root)):
        for a in node.attrs:
            out.append({"path": f"{node.path}.(attr)", "line": a.line, "text_start": first_words(a.first_content),
                        "reason": f"attribute line ({a.attr})"})
        for p, _ in node.body:
            if p.is_intro:
                out.append({"path": f"{node.path}.(intro)" if node.path else "(intro)", "line": p.line,
                            "text_start": first_words(p.first_content), "reason": "lead-in paragraph"})
    return out


# ------------------------------------------------------------------ lead

def _node_lead(node: Node, ctx: Context) -> list[str]:
    """Agencies named by a node's heading (agency heading or agency subject of a heading)."""
    if node.kind == "roman":
        title = fold(node.content)
        if re.match(r"^(?:nhiệm vụ|trách nhiệm|phân công)(?:\s+\S+){0,2}\s+(?:của|cho)\s", title):
            return heading_agencies(node.content, extra_names=ctx.extra_names, province=ctx.province) or []
        return []
    ag = _agency_heading(node, ctx)
    if ag:
        return ag
    return subject_agencies(node.content, extra_names=ctx.extra_names, province=ctx.province)


def _attr_values(node: Node, kind: str) -> list[str]:
    """Values of the node's attribute lines of one kind."""
    return [a.attr_value for a in node.attrs if a.attr == kind and a.attr_value]


_INLINE_LEAD = re.compile(r"(?:cơ quan|đơn vị)\s+(?:chủ trì|thực hiện)\s*:\s*([^;.]+)")
_INLINE_COORD = re.compile(r"(?:cơ quan|đơn vị)\s+phối hợp\s*:\s*([^;.]+)")


def compute_lead(u: Unit, ctx: Context) -> tuple[list[str], str]:
    """Apply GUIDE 7.4 rules 1-5 in order; return (lead, lead_source)."""
    kw = {"extra_names": ctx.extra_names, "province": ctx.province}
    chain = [u.node] + u.node.ancestors()
    f = fold(u.text)
    m = _INLINE_LEAD.search(f)
    if m:
        names = match_agencies(u.text[m.start(1):m.end(1)], **kw)
        if names:
            return names, "attribute-line"
    for n in chain:
        for value in _attr_values(n, "lead"):
            names = match_agencies(value, **kw)
            if names:
                return names, "attribute-line"
    heads = chain if (u.own_heading or u.scope_is_node) else chain[1:]
    for n in heads:
        names = _node_lead(n, ctx)
        if names:
            return names, "heading"
    names = explicit_lead(u.text, ctx)
    if names:
        return names, "explicit"
    for n in chain:
        for p, _ in n.body:
            if p.is_intro:
                names = subject_agencies(p.content, **kw)
                if names:
                    return names, "section-intro"
    return list(ctx.default_lead), "document-default"


def explicit_lead(text: str, ctx: Context) -> list[str]:
    """Subject agencies of the first sentence plus specific subjects of later sentences."""
    kw = {"extra_names": ctx.extra_names, "province": ctx.province}
    sents = sentences(text)
    if not sents:
        return []
    names = subject_agencies(sents[0], **kw)
    if names:
        for s in sents[1:]:
            for n in subject_agencies(s, allow_adverbial=False, **kw):
                if n not in names and n not in GENERIC:
                    names.append(n)
    return names


def document_default(root: Node, closing: str | None, ctx: Context) -> list[str]:
    """Addressees of the first general item of TỔ CHỨC THỰC HIỆN, else of the closing, else generic."""
    kw = {"extra_names": ctx.extra_names, "province": ctx.province}
    for sec in root.children:
        if sec.kind == "roman" and "tổ chức thực hiện" in fold(sec.content):
            for item in sec.children:
                text = " ".join([item.content] + [p.content for p, _ in item.body])
                if re.search(r"(?:kế hoạch|chương trình)(?:\s+hành động)?\s+này|nội dung[^.;]{0,30}kế hoạch", fold(text)):
                    names = subject_agencies(item.content, **kw)
                    if not names and item.body:
                        names = subject_agencies(item.body[0][0].content, **kw)
                    if names and any(n.startswith(("Các", "UBND các")) for n in names):
                        return names
    if closing:
        m = re.search(r"yêu cầu\s+(.*)", closing, re.IGNORECASE)
        if m:
            names = subject_agencies(m.group(1), **kw)
            if names:
                return names
    return [DEFAULT_LEAD]


def compute_coordinate(u: Unit, lead: list[str], ctx: Context) -> list[str]:
    """Partners from 'phối hợp với' in the task and its context headings, plus attribute lines."""
    kw = {"extra_names": ctx.extra_names, "province": ctx.province}
    out: list[str] = []
    f = fold(u.text)
    m = _INLINE_COORD.search(f)
    if m:
        out += match_agencies(u.text[m.start(1):m.end(1)], **kw)
    out += fields.coordinate_agencies(u.text, **kw)
    chain = [u.node] + u.node.ancestors()
    for n in chain:
        vals = _attr_values(n, "coordinate")
        if vals:
            for v in vals:
                out += match_agencies(v, **kw)
            break
    heads = chain if (u.own_heading or u.scope_is_node) else chain[1:]
    for n in heads:
        out += fields.coordinate_agencies(n.content, **kw)
    res: list[str] = []
    for n in out:
        if n not in res and n not in lead:
            res.append(n)
    return res


# ------------------------------------------------------------------ timing

def _bold_phrases(u: Unit) -> list[Phrase]:
    """Bold (**…**) spans of the task's raw text that are time expressions."""
    from .timing import is_time_expression
    raws = ([u.node.para.raw] if u.anchor_is_marker and u.node.para else []) + [p.raw for p in u.paras]
    out = []
    for raw in raws:
        for m in re.finditer(r"\*\*([^*]+)\*\*", raw):
            inner = clean(m.group(1)).strip(" .,;")
            if is_time_expression(inner):
                pos = u.text.find(inner)
                out.append(Phrase(inner, pos if pos >= 0 else 10 ** 6, "A"))
    return out


def compute_timing(u: Unit, ctx: Context, leaf: bool = True) -> tuple[str | None, dict, str | None, list[dict]]:
    """Select primary timing (GUIDE 7.6) -> (timing_text, timing, timing_source, timing_secondary)."""
    text = u.text
    a_phr: list[Phrase] = []
    if u.own_heading and u.node.para is not None:
        ht = heading_timing(u.node.content)
        if ht:
            a_phr.append(Phrase(ht, -1, "A"))
    a_phr += find_designated(text) + _bold_phrases(u)
    a_phr.sort(key=lambda p: p.start)
    if not u.scope_is_node:
        for v in _attr_values(u.node, "time"):
            a_phr.append(Phrase(_strip_value(v), 10 ** 7, "A"))
    starts = {m.start for m in find_mentions(text, extra_names=ctx.extra_names, province=ctx.province)}
    b_phr = [p for p in find_adjuncts(text, starts) if not any(_overlap(p, a) for a in a_phr)]
    norm = lambda s: normalize_timing(s, context_year=ctx.context_year, reference_date=ctx.reference_date)
    primary, source = None, None
    if a_phr:
        primary, source = a_phr[0], "own"
    elif b_phr:
        primary, source = b_phr[0], "own"
    else:
        inh = _inherited(u, ctx)
        if inh:
            t = norm(inh)
            return inh, _adjust(t, text), "inherited", []
    if primary is None:
        return None, normalize_timing(None), None, []
    secondary = []
    seen = {fold(primary.text)}
    for p in sorted(a_phr[1:] + [b for b in b_phr if b is not primary], key=lambda p: p.start):
        if fold(p.text) not in seen:
            seen.add(fold(p.text))
            secondary.append({"timing_text": p.text, "timing": norm(p.text)})
    return primary.text, _adjust(norm(primary.text), text), source, secondary


def _overlap(p: Phrase, a: Phrase) -> bool:
    """True when a B phrase duplicates an A phrase."""
    return fold(p.text) in fold(a.text) or fold(a.text) in fold(p.text)


def _strip_value(v: str) -> str:
    """Attribute value without '*', parentheses and a trailing '.'."""
    return clean(v).strip().rstrip(".").strip("() ")


def _inherited(u: Unit, ctx: Context) -> str | None:
    """Designated timing of the nearest ancestor scope (attribute/closing line, heading timing)."""
    chain = ([u.node] if u.scope_is_node else []) + u.node.ancestors()
    for n in chain:
        vals = _attr_values(n, "time")
        if vals:
            return _strip_value(vals[0])
        if n.para is not None:
            ht = heading_timing(n.content)
            if ht:
                return ht
            des = find_designated(n.content)
            if des:
                return des[0].text
    return None


def _adjust(t: dict, text: str) -> dict:
    """Fill 'the period stated in the task' for unspecified recurrences (GUIDE 7.6 table)."""
    if t["kind"] == "recurring" and t["recurrence"] == "periodic-unspecified":
        f = fold(text)
        for rx, name in ((r"(?:hằng|hàng)\s+tháng|định kỳ\s+0?1\s+tháng", "monthly"), (r"(?:hằng|hàng)\s+quý", "quarterly"),
                         (r"định kỳ\s+0?6\s+tháng", "semiannual"), (r"(?:hằng|hàng)\s+năm", "yearly")):
            if re.search(rx, f):
                return dict(t, recurrence=name)
    return t
