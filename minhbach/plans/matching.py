"""Map the agency names an extracted plan uses to the organisation units of a province.

A unit matches a name when their folded names or short names are equal, or when the extractor reads
the unit's own name as that canonical agency ("Văn phòng Ủy ban nhân dân tỉnh" → "Văn phòng UBND tỉnh").
Departments merged on 1/3/2025 are proposed through their successor, and collective names
("Các sở, ban, ngành tỉnh") through the units of that kind. Anything else stays as text for the
reviewer to resolve.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from minhbach.orgs.models import OrgUnit
from minhbach.plans.extract import match_agencies
from minhbach.plans.extract.textutil import clean, fold

# Departments merged by the 2025 reorganisation of provincial departments: old name → successor.
SUCCESSORS = {
    "Sở Tài nguyên và Môi trường": "Sở Nông nghiệp và Môi trường",
    "Sở Nông nghiệp và Phát triển nông thôn": "Sở Nông nghiệp và Môi trường",
    "Sở Kế hoạch và Đầu tư": "Sở Tài chính",
    "Sở Giao thông vận tải": "Sở Xây dựng",
    "Sở Thông tin và Truyền thông": "Sở Khoa học và Công nghệ",
    "Sở Lao động - Thương binh và Xã hội": "Sở Nội vụ",
    "Ban Dân tộc tỉnh": "Sở Dân tộc và Tôn giáo",
    "Ban Tôn giáo tỉnh": "Sở Dân tộc và Tôn giáo",
}

PROVINCIAL_AGENCIES = ("department", "office", "inspectorate")
# Collective names → the unit kinds they stand for. Districts were abolished on 1/7/2025: their
# tasks fall to the communes when no active district remains.
COLLECTIVES = {
    "Các sở, ban, ngành tỉnh": PROVINCIAL_AGENCIES,
    "UBND các huyện, thị xã, thành phố": ("district",),
    "UBND các xã, phường, thị trấn": ("commune",),
    "Các cơ quan, đơn vị, địa phương": PROVINCIAL_AGENCIES + ("district", "commune"),
}


@dataclass
class AgencyMatch:
    name: str
    units: list[OrgUnit] = field(default_factory=list)
    how: str = ""          # exact | variant | successor | collective | "" (unmatched)


class UnitIndex:
    """Lookup of a province's active units by folded name, short name and canonical agency name."""

    def __init__(self, root: OrgUnit):
        self.root = root
        self.units = list(OrgUnit.objects.filter(path__startswith=root.path, active_to__isnull=True).order_by("path"))
        self.by_name: dict[str, OrgUnit] = {}
        self.by_canonical: dict[str, OrgUnit] = {}
        self.extra_names: dict[str, str] = {}
        province = root.place_name or None
        for unit in self.units:
            for key in (unit.name, unit.short_name):
                if key and len(key) > 2:
                    self.by_name.setdefault(fold(clean(key)), unit)
            canon = match_agencies(unit.name, province=province)
            if len(canon) == 1 and canon[0] not in COLLECTIVES:
                self.by_canonical.setdefault(fold(canon[0]), unit)
            elif unit.kind != "province" and len(unit.name.split()) >= 2:
                # Teach the extractor names it does not know (communes, sub-units) so the text is read with them.
                self.extra_names[unit.name] = unit.name
        self.by_canonical.setdefault(fold("UBND tỉnh"), root)

    def match(self, name: str) -> AgencyMatch:
        """The units a canonical agency name stands for, and how they were found."""
        base = name.split(" (qua ", 1)[0].strip()
        key = fold(clean(base))
        if key in self.by_name:
            return AgencyMatch(name, [self.by_name[key]], "exact")
        if key in self.by_canonical:
            return AgencyMatch(name, [self.by_canonical[key]], "variant")
        successor = SUCCESSORS.get(base)
        if successor:
            unit = self.by_name.get(fold(successor)) or self.by_canonical.get(fold(successor))
            if unit:
                return AgencyMatch(name, [unit], "successor")
        kinds = COLLECTIVES.get(base)
        if kinds:
            if kinds == ("district",) and not any(u.kind == "district" for u in self.units):
                kinds = ("commune",)
            units = [u for u in self.units if u.kind in kinds
                     and (u.kind in ("district", "commune") or u.depth == self.root.depth + 1)]
            if units:
                return AgencyMatch(name, units, "collective")
        return AgencyMatch(name)

    def channel(self, name: str) -> OrgUnit | None:
        """The unit a report goes through: Y in 'X (qua Y)', else X."""
        if " (qua " in name:
            via = name.split(" (qua ", 1)[1].rstrip(")")
            hit = self.match(via)
            if hit.units and hit.how != "collective":
                return hit.units[0]
        hit = self.match(name)
        return hit.units[0] if hit.units and hit.how != "collective" else None


def map_agencies(names, index: UnitIndex) -> tuple[list[OrgUnit], list[str]]:
    """Units for a list of agency names (deduplicated, in order) and the names no unit was found for."""
    units: list[OrgUnit] = []
    unmatched: list[str] = []
    for name in names or ():
        hit = index.match(name)
        if not hit.units:
            unmatched.append(name)
        for unit in hit.units:
            if unit not in units:
                units.append(unit)
    return units, unmatched
