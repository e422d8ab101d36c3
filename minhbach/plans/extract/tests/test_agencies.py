"""Agency matching against canonical names (GUIDE 8)."""
import pytest

from minhbach.plans.extract import match_agencies
from minhbach.plans.extract.agencies import canonical_names, heading_agencies, subject_agencies


@pytest.mark.parametrize("text,expected", [
    ("Các sở, ban ngành và UBND các huyện, thành phố công khai",
     ["Các sở, ban, ngành tỉnh", "UBND các huyện, thị xã, thành phố"]),
    ("Thủ trưởng các sở, ban, ngành, các đơn vị trực thuộc UBND tỉnh, Chủ tịch UBND các huyện, thành phố và các cơ "
     "quan, đơn vị có liên quan chịu trách nhiệm",
     ["Các sở, ban, ngành tỉnh", "Các đơn vị trực thuộc UBND tỉnh", "UBND các huyện, thị xã, thành phố",
      "Các cơ quan, đơn vị có liên quan"]),
    ("Các Sở: Kế hoạch và Đầu tư, Xây dựng, Tài nguyên và Môi trường, Tài chính… và các Sở, Ban, ngành có liên quan "
     "nghiên cứu",
     ["Sở Kế hoạch và Đầu tư", "Sở Xây dựng", "Sở Tài nguyên và Môi trường", "Sở Tài chính",
      "Các cơ quan, đơn vị có liên quan"]),
    ("Giao Sở Nội vụ chủ trì, phối hợp với Thanh tra tỉnh", ["Sở Nội vụ"]),
    ("Đề nghị Ủy ban MTTQ Việt Nam tỉnh và các tổ chức chính trị - xã hội giám sát",
     ["Mặt trận Tổ quốc Việt Nam", "Các tổ chức chính trị - xã hội"]),
    ("Người đứng đầu, cấp phó của người đứng đầu cơ quan, đơn vị thực hiện", ["Các cơ quan, đơn vị, địa phương"]),
    ("Trong quá trình tổ chức thực hiện Kế hoạch này, nếu thấy cần sửa đổi, bổ sung, các Sở, Ban, ngành và địa "
     "phương chủ động đề xuất", ["Các sở, ban, ngành tỉnh", "UBND các huyện, thị xã, thành phố"]),
    ("Các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy, Tỉnh ủy viên gương mẫu", ["Ủy viên Ban Thường vụ Tỉnh ủy, Tỉnh ủy viên"]),
    ("Bí thư huyện ủy, thị ủy, thành ủy chịu trách nhiệm", ["Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy"]),
    ("Cán bộ, công chức, viên chức nêu cao tinh thần", []),
    ("Tăng cường đổi mới nội dung, phương thức", []),
])
def test_subject_agencies(text, expected):
    assert subject_agencies(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Sở Tư pháp", ["Sở Tư pháp"]),
    ("Sở Thông tin và Truyền thông:", ["Sở Thông tin và Truyền thông"]),
    ("Ban Dân tộc", ["Ban Dân tộc tỉnh"]),
    ("Ban cán sự đảng Tòa án nhân dân tỉnh, Viện Kiểm sát nhân dân tỉnh",
     ["Ban cán sự đảng Tòa án nhân dân tỉnh", "Ban cán sự đảng Viện Kiểm sát nhân dân tỉnh"]),
    ("Các sở, ban ngành, các đơn vị sự nghiệp công lập thuộc UBND tỉnh và UBND các huyện, thành phố:",
     ["Các sở, ban, ngành tỉnh", "Các đơn vị trực thuộc UBND tỉnh", "UBND các huyện, thị xã, thành phố"]),
    ("Trách nhiệm của Sở Y tế", ["Sở Y tế"]),
    ("Liên minh Hợp tác xã", ["Liên minh Hợp tác xã"]),
    ("Tổ chức nghiên cứu, học tập, quán triệt Kết luận số 21-KL/TW", None),
    ("Nhiệm vụ thường xuyên", None),
])
def test_heading_agencies(text, expected):
    assert heading_agencies(text) == expected


def test_province_specific_media():
    assert match_agencies("Báo Quảng Ngãi, Đài Phát thanh và Truyền hình tỉnh", province="Quảng Ngãi") == [
        "Báo Quảng Ngãi", "Đài Phát thanh và Truyền hình Quảng Ngãi"]
    assert match_agencies("Đài PT-TH Quảng Ngãi") == ["Đài Phát thanh và Truyền hình Quảng Ngãi"]


def test_variants_and_tone_placement():
    assert match_agencies("Uỷ ban nhân dân tỉnh Quảng Nam") == ["UBND tỉnh"]
    assert match_agencies("cac tổ chức chính trị-xã hội") == ["Các tổ chức chính trị - xã hội"]
    assert match_agencies("các cơ quan chức năng") == ["Các cơ quan, đơn vị có liên quan"]
    assert match_agencies("Sở GD&ĐT, Sở Y tế") == ["Sở Giáo dục và Đào tạo", "Sở Y tế"]


def test_extra_names_from_database():
    assert match_agencies("Trung tâm Phục vụ hành chính công tỉnh tiếp nhận") == []
    extra = ["Trung tâm Phục vụ hành chính công tỉnh"]
    assert match_agencies("Trung tâm Phục vụ hành chính công tỉnh tiếp nhận", extra_names=extra) == extra
    mapping = {"TTPVHCC": "Trung tâm Phục vụ hành chính công tỉnh"}
    assert match_agencies("TTPVHCC tiếp nhận hồ sơ", extra_names=mapping) == [mapping["TTPVHCC"]]


def test_gold_names_are_canonical():
    names = set(canonical_names())
    for n in ("UBND tỉnh", "Sở Nội vụ", "Các sở, ban, ngành tỉnh", "Cấp có thẩm quyền", "Ban cán sự đảng UBND tỉnh"):
        assert n in names
