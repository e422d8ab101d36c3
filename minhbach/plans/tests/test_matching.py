"""Mapping the agencies an extracted plan names to the province's units; the rest stays for the reviewer."""
from minhbach.orgs.models import OrgUnit
from minhbach.plans.extract import extract_plan
from minhbach.plans.importing import draft_from_extraction
from minhbach.plans.matching import UnitIndex, map_agencies


def test_units_match_by_name_short_name_and_the_extractors_variants(province):
    u = province.units
    OrgUnit.objects.create(code="so-tp", name="Sở Tư pháp tỉnh Thử Nghiệm", kind="department", parent=u.root, short_name="STP")
    index = UnitIndex(u.root)
    assert index.match("Sở Nội vụ").units == [u.home] and index.match("Sở Nội vụ").how == "exact"
    assert index.match("SNV").units == [u.home]
    assert index.match("Văn phòng UBND tỉnh").units == [u.office]
    assert index.match("UBND tỉnh").units == [u.root]
    # "Sở Tư pháp tỉnh Thử Nghiệm" is read by the extractor as the canonical "Sở Tư pháp".
    hit = index.match("Sở Tư pháp")
    assert hit.how == "variant" and hit.units[0].code == "so-tp"
    assert index.channel("UBND tỉnh (qua Sở Nội vụ)") == u.home


def test_merged_departments_are_proposed_through_their_successor(province):
    index = UnitIndex(province.units.root)
    hit = index.match("Sở Tài nguyên và Môi trường")
    assert hit.units == [province.units.dept] and hit.how == "successor"


def test_collective_names_stand_for_the_units_of_that_kind(province):
    u = province.units
    index = UnitIndex(u.root)
    depts = index.match("Các sở, ban, ngành tỉnh")
    assert set(depts.units) == {u.office, u.inspectorate, u.home, u.dept, u.dept2} and depts.how == "collective"
    # Districts were abolished: their tasks fall to the communes.
    assert set(index.match("UBND các huyện, thị xã, thành phố").units) == {u.commune, u.commune2}


def test_unmatched_names_are_kept_as_text(province):
    units, unmatched = map_agencies(["Sở Nội vụ", "Báo Nghệ An", "Sở Tư pháp"], UnitIndex(province.units.root))
    assert units == [province.units.home]
    assert unmatched == ["Báo Nghệ An", "Sở Tư pháp"]


def test_extracted_plan_tasks_get_units_and_unresolved_names(province, nghean_text):
    index = UnitIndex(province.units.root)
    draft = draft_from_extraction(extract_plan(nghean_text, extra_names=index.extra_names), nghean_text, index)
    tasks = {t["path"]: t for t in draft["tasks"]}
    assert tasks["II.3.a"]["lead_ids"] == [province.units.home.pk]
    assert tasks["II.1.1"]["lead_ids"] == [] and tasks["II.1.1"]["unmatched"][0] == "Sở Tư pháp"
    assert tasks["II.3.c"]["lead_ids"] == [province.units.inspectorate.pk]
    assert tasks["II.3.c"]["coordinate_ids"] == [province.units.home.pk]
    assert "phối hợp với Sở Nội vụ" in tasks["II.3.c"]["text"] and "nhiều phản ánh" in tasks["II.3.c"]["text"]
    assert draft["reporting"]["cadences"] == ["quarterly", "semiannual", "yearly"]
    assert draft["reporting"]["reports_to_unit"] == province.units.home.pk


def test_unit_names_the_extractor_does_not_know_are_taught_to_it(province):
    text = ("UBND TỈNH THỬ NGHIỆM\n\nSố: 5/KH-UBND\n\nThử Nghiệm, ngày 05 tháng 01 năm 2026\n\nKẾ HOẠCH\n\nThí điểm\n\n"
            "I. NHIỆM VỤ\n\n1. UBND xã An Phú tổ chức đối thoại với Nhân dân trước ngày 30/6/2026.\n\n"
            "2. Chi cục Bảo vệ môi trường kiểm tra các cơ sở sản xuất trong quý III/2026.\n")
    index = UnitIndex(province.units.root)
    draft = draft_from_extraction(extract_plan(text, extra_names=index.extra_names), text, index)
    leads = {t["path"]: t["lead_ids"] for t in draft["tasks"]}
    assert leads == {"I.1": [province.units.commune.pk], "I.2": [province.units.dept_sub.pk]}
