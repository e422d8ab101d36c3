"""Static data of the demo province: org tree, staff, categories, and the Vietnamese texts items are composed from.

Everything here is fictitious. The province "Minh Bạch" does not exist; names of people, companies and
places are invented; e-mail addresses use the reserved `.example` top-level domain.
"""
from __future__ import annotations

from dataclasses import dataclass

DEMO_PASSWORD = "minhbach-demo"
STAFF_MAIL_DOMAIN = "minhbach-demo.example"
CITIZEN_MAIL_DOMAINS = ("thudientu.example", "mail.example", "hopthu.example")

PROVINCE = "tỉnh Minh Bạch"
DEFAULT_SEED = 2025


# --- The org tree (two-level local government since 1/7/2025) ----------------------------------


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name: str
    kind: str
    parent: str | None = None
    short_name: str = ""
    place_name: str = "Minh Bạch"
    remote_area: bool = False
    active_from: str = ""          # ISO dates; empty = not recorded
    active_to: str = ""
    address: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Locality:
    """A commune, ward or special zone as citizens name it, with the places items refer to."""

    unit: str           # unit code
    label: str          # "xã An Phú"
    short: str          # "An Phú"
    hamlets: tuple[str, ...]
    streets: tuple[str, ...]


ROOT = "ubnd-tinh"
OFFICE = "vp-ubnd"
INSPECTORATE = "thanh-tra"
HOME_AFFAIRS = "so-noi-vu"
FRONT = "mttq-tinh"
LAND_DEPT = "so-nnmt"
FIRST_COMMUNE = "xa-an-phu"

UNITS: tuple[UnitSpec, ...] = (
    UnitSpec(ROOT, "UBND tỉnh Minh Bạch (dữ liệu mẫu)", "province", None, "UBND",
             address="Số 1 đường Trần Hưng Đạo, phường Đông Thành, tỉnh Minh Bạch", phone="0200 3810 001"),
    UnitSpec(OFFICE, "Văn phòng UBND tỉnh", "office", ROOT, "VP",
             address="Số 1 đường Trần Hưng Đạo, phường Đông Thành, tỉnh Minh Bạch", phone="0200 3810 002"),
    UnitSpec(INSPECTORATE, "Thanh tra tỉnh", "inspectorate", ROOT, "TTr",
             address="Số 18 đường Lê Lợi, phường Đông Thành, tỉnh Minh Bạch", phone="0200 3810 120"),
    UnitSpec(HOME_AFFAIRS, "Sở Nội vụ", "department", ROOT, "SNV", phone="0200 3810 210"),
    UnitSpec("so-tai-chinh", "Sở Tài chính", "department", ROOT, "STC", phone="0200 3810 220"),
    UnitSpec(LAND_DEPT, "Sở Nông nghiệp và Môi trường", "department", ROOT, "SNNMT", phone="0200 3810 230"),
    UnitSpec("so-xay-dung", "Sở Xây dựng", "department", ROOT, "SXD", phone="0200 3810 240"),
    UnitSpec("so-cong-thuong", "Sở Công Thương", "department", ROOT, "SCT", phone="0200 3810 250"),
    UnitSpec("so-y-te", "Sở Y tế", "department", ROOT, "SYT", phone="0200 3810 260"),
    UnitSpec("so-gddt", "Sở Giáo dục và Đào tạo", "department", ROOT, "SGDĐT", phone="0200 3810 270"),
    UnitSpec("so-khcn", "Sở Khoa học và Công nghệ", "department", ROOT, "SKHCN", phone="0200 3810 280"),
    UnitSpec("so-vhttdl", "Sở Văn hóa, Thể thao và Du lịch", "department", ROOT, "SVHTTDL", phone="0200 3810 290"),
    UnitSpec("so-tu-phap", "Sở Tư pháp", "department", ROOT, "STP", phone="0200 3810 300"),
    UnitSpec("so-dttg", "Sở Dân tộc và Tôn giáo", "department", ROOT, "SDTTG", phone="0200 3810 310"),
    UnitSpec("chi-cuc-kiem-lam", "Chi cục Kiểm lâm", "unit", LAND_DEPT, "CCKL", phone="0200 3810 231"),
    UnitSpec("chi-cuc-thuy-loi", "Chi cục Thủy lợi", "unit", LAND_DEPT, "CCTL", phone="0200 3810 232"),
    UnitSpec("chi-cuc-qltt", "Chi cục Quản lý thị trường", "unit", "so-cong-thuong", "CCQLTT", phone="0200 3810 251"),
    # Communes, wards and the special zone (each its own People's Committee since 1/7/2025).
    UnitSpec("phuong-dong-thanh", "UBND phường Đông Thành", "commune", ROOT, "UBND", "Đông Thành"),
    UnitSpec("phuong-bac-son", "UBND phường Bắc Sơn", "commune", ROOT, "UBND", "Bắc Sơn"),
    UnitSpec("phuong-nam-giang", "UBND phường Nam Giang", "commune", ROOT, "UBND", "Nam Giang"),
    UnitSpec("phuong-tan-an", "UBND phường Tân An", "commune", ROOT, "UBND", "Tân An"),
    UnitSpec(FIRST_COMMUNE, "UBND xã An Phú", "commune", ROOT, "UBND", "An Phú"),
    UnitSpec("xa-binh-minh", "UBND xã Bình Minh", "commune", ROOT, "UBND", "Bình Minh"),
    UnitSpec("xa-phu-thinh", "UBND xã Phú Thịnh", "commune", ROOT, "UBND", "Phú Thịnh"),
    UnitSpec("xa-tan-lap", "UBND xã Tân Lập", "commune", ROOT, "UBND", "Tân Lập"),
    UnitSpec("xa-yen-binh", "UBND xã Yên Bình", "commune", ROOT, "UBND", "Yên Bình"),
    UnitSpec("xa-hong-phong", "UBND xã Hồng Phong", "commune", ROOT, "UBND", "Hồng Phong"),
    UnitSpec("xa-nam-khoa", "UBND xã Nậm Khoa", "commune", ROOT, "UBND", "Nậm Khoa", remote_area=True),
    UnitSpec("xa-phin-ho", "UBND xã Phìn Hồ", "commune", ROOT, "UBND", "Phìn Hồ", remote_area=True),
    UnitSpec("dac-khu-hon-ngoc", "UBND đặc khu Hòn Ngọc", "commune", ROOT, "UBND", "Hòn Ngọc", remote_area=True),
    # History: the district level was abolished on 1/7/2025; its units stay for the record.
    UnitSpec("huyen-song-minh", "UBND huyện Sông Minh (đến 30/6/2025)", "district", ROOT, "UBND", "Sông Minh",
             active_from="1997-01-01", active_to="2025-06-30"),
    UnitSpec("xa-thanh-son-cu", "UBND xã Thanh Sơn (cũ, đến 30/6/2025)", "commune", "huyen-song-minh", "UBND",
             "Thanh Sơn", active_from="1997-01-01", active_to="2025-06-30"),
    UnitSpec(FRONT, "Ủy ban MTTQ Việt Nam tỉnh Minh Bạch", "front", ROOT, "MTTQ", phone="0200 3810 400"),
)

LOCALITIES: tuple[Locality, ...] = (
    Locality("phuong-dong-thanh", "phường Đông Thành", "Đông Thành",
             ("tổ dân phố số 2", "tổ dân phố số 5", "tổ dân phố số 9", "khu phố Bến Đò"),
             ("đường Trần Hưng Đạo", "đường Lê Lợi", "đường Nguyễn Trãi", "đường Hai Bà Trưng")),
    Locality("phuong-bac-son", "phường Bắc Sơn", "Bắc Sơn",
             ("tổ dân phố Đồi Thông", "tổ dân phố số 3", "tổ dân phố số 7"),
             ("đường Hoàng Văn Thụ", "đường Phan Đình Phùng", "đường Bắc Sơn")),
    Locality("phuong-nam-giang", "phường Nam Giang", "Nam Giang",
             ("tổ dân phố Giang Nam", "tổ dân phố số 4", "khu phố Chợ Cũ"),
             ("đường Lý Thường Kiệt", "đường Nguyễn Du", "đường ven sông Minh Giang")),
    Locality("phuong-tan-an", "phường Tân An", "Tân An",
             ("tổ dân phố Tân Hòa", "tổ dân phố số 6", "khu phố Cầu Trắng"),
             ("đường Võ Thị Sáu", "đường Tôn Đức Thắng", "đường vành đai phía Bắc")),
    Locality(FIRST_COMMUNE, "xã An Phú", "An Phú",
             ("thôn Đồng Tâm", "thôn Phú Hòa", "thôn Bến Lội", "thôn Trung Hậu"),
             ("đường trục xã", "đường liên thôn Đồng Tâm – Phú Hòa", "đường tỉnh 291")),
    Locality("xa-binh-minh", "xã Bình Minh", "Bình Minh",
             ("thôn Bình An", "thôn Minh Tân", "thôn Gò Mít"),
             ("đường trục xã", "đường tỉnh 293", "đường liên thôn Bình An")),
    Locality("xa-phu-thinh", "xã Phú Thịnh", "Phú Thịnh",
             ("thôn Thịnh Vượng", "thôn Cầu Đá", "thôn Đông Lâm"),
             ("đường trục xã", "đường huyện lộ cũ ĐH.12", "đường ra cánh đồng Đông Lâm")),
    Locality("xa-tan-lap", "xã Tân Lập", "Tân Lập",
             ("thôn Tân Tiến", "thôn Lập Thành", "thôn Bãi Sậy"),
             ("đường trục xã", "đường tỉnh 291", "đường liên thôn Tân Tiến")),
    Locality("xa-yen-binh", "xã Yên Bình", "Yên Bình",
             ("thôn Yên Thịnh", "thôn Bình Sơn", "thôn Khe Cát"),
             ("đường trục xã", "đường tỉnh 295")),
    Locality("xa-hong-phong", "xã Hồng Phong", "Hồng Phong",
             ("thôn Hồng Thái", "thôn Phong Lưu", "thôn Đá Bạc"),
             ("đường trục xã", "đường liên thôn Hồng Thái")),
    Locality("xa-nam-khoa", "xã Nậm Khoa", "Nậm Khoa",
             ("bản Nà Khoa", "bản Phiêng Lót", "bản Huổi Mán"),
             ("đường liên bản", "đường tỉnh 279")),
    Locality("xa-phin-ho", "xã Phìn Hồ", "Phìn Hồ",
             ("thôn Phìn Hồ", "thôn Sín Chải", "thôn Lùng Thàng"),
             ("đường liên thôn", "đường tỉnh 279")),
    Locality("dac-khu-hon-ngoc", "đặc khu Hòn Ngọc", "Hòn Ngọc",
             ("khu phố Bãi Dài", "khu phố Cảng Cá", "thôn Mũi Đá"),
             ("đường ven biển", "đường xuyên đảo")),
)

# Communes with a cadastral officer on staff (the official named in some denunciations).
CADASTRAL_COMMUNES = (FIRST_COMMUNE, "xa-tan-lap", "phuong-bac-son", "xa-yen-binh", "phuong-tan-an")
CLERK_UNITS = (LAND_DEPT, "so-xay-dung", "phuong-dong-thanh", FIRST_COMMUNE, INSPECTORATE)


# --- Staff --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Account:
    username: str
    full_name: str
    unit: str
    role: str
    position: str
    is_head: bool = False
    superuser: bool = False
    female: bool = False

    @property
    def email(self) -> str:
        return f"{self.username}@{STAFF_MAIL_DOMAIN}"


# The memorable accounts (the README points to these).
KEY_ACCOUNTS: tuple[Account, ...] = (
    Account("admin", "Lê Quang Huy", ROOT, "admin", "Quản trị hệ thống", superuser=True),
    Account("chutich", "Nguyễn Văn Thành", ROOT, "leader", "Chủ tịch UBND tỉnh", is_head=True),
    Account("vanphong", "Phạm Thị Thu Hà", OFFICE, "provincial_office",
            "Chuyên viên theo dõi công tác tiếp công dân, xử lý đơn – Văn phòng UBND tỉnh", female=True),
    Account("vp-ubnd.ld", "Trần Đức Long", OFFICE, "leader", "Chánh Văn phòng UBND tỉnh", is_head=True),
    Account("vp-ubnd.cv", "Hoàng Thị Lan", OFFICE, "handler", "Chuyên viên Phòng Tiếp công dân – Văn phòng UBND tỉnh", female=True),
    Account("tiepdan", "Vũ Văn Dũng", OFFICE, "clerk", "Cán bộ tiếp công dân – Văn phòng UBND tỉnh"),
    Account("thanhtra", "Đặng Quốc Khánh", INSPECTORATE, "inspector", "Thanh tra viên chính"),
    Account("thanh-tra.ttv", "Ngô Thị Mai Phương", INSPECTORATE, "inspector", "Thanh tra viên", female=True),
    Account("thanh-tra.ld", "Bùi Minh Nguyệt", INSPECTORATE, "leader", "Chánh Thanh tra tỉnh", is_head=True, female=True),
    Account("baomat", "Lương Thị Hạnh", INSPECTORATE, "custodian",
            "Thanh tra viên – phụ trách bảo mật thông tin người tố cáo", female=True),
    Account("noivu", "Đinh Thị Hằng", HOME_AFFAIRS, "home_affairs",
            "Chuyên viên Phòng Xây dựng chính quyền và Công tác thanh niên – Sở Nội vụ", female=True),
    Account("mttq", "Hà Văn Tâm", FRONT, "front_liaison",
            "Trưởng ban Dân chủ – Pháp luật, Ủy ban MTTQ Việt Nam tỉnh"),
    Account("chuyenvien", "Trịnh Văn Hiếu", LAND_DEPT, "handler",
            "Chuyên viên Phòng Quản lý đất đai – Sở Nông nghiệp và Môi trường"),
    Account("giamdoc", "Phan Thanh Sơn", LAND_DEPT, "leader", "Giám đốc Sở Nông nghiệp và Môi trường", is_head=True),
    Account("xa.chuyenvien", "Lò Thị Nhung", FIRST_COMMUNE, "handler", "Công chức Văn phòng – Thống kê, UBND xã An Phú", female=True),
    Account("xa.chutich", "Dương Văn Bình", FIRST_COMMUNE, "leader", "Chủ tịch UBND xã An Phú", is_head=True),
)

SURNAMES = ("Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ",
            "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Hà", "Lương", "Mai", "Tạ",
            "Cao", "Đoàn", "Kiều", "Lại")
ETHNIC_SURNAMES = ("Lò", "Cầm", "Hà", "Vi", "Triệu", "Giàng", "Sùng", "Lường", "Nông", "Hoàng")
MIDDLE_MALE = ("Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Thanh", "Xuân", "Ngọc", "Tiến", "Đình", "Quốc")
MIDDLE_FEMALE = ("Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Hồng", "Kim", "Phương", "Bích", "Thùy")
GIVEN_MALE = ("An", "Bình", "Cường", "Dũng", "Hùng", "Hải", "Hiếu", "Khánh", "Long", "Nam", "Phong", "Quân", "Sơn",
              "Tâm", "Thắng", "Toàn", "Trung", "Tuấn", "Việt", "Vinh", "Hoàng", "Lâm", "Thành", "Khoa", "Đạt", "Huy",
              "Nghĩa", "Kiên", "Lộc", "Phúc", "Tùng", "Hòa")
GIVEN_FEMALE = ("Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hương", "Lan", "Linh", "Loan", "Mai",
                "Nga", "Ngọc", "Nhung", "Oanh", "Phương", "Quỳnh", "Thảo", "Thủy", "Trang", "Tuyết", "Vân", "Yến",
                "Huyền", "Liên", "Thư", "My")

# Positions of the generated accounts, by the kind of unit.
LEADER_POSITION = {
    "department": "Giám đốc {name}",
    "unit": "Chi cục trưởng {name}",
    "commune": "Chủ tịch {name}",
}
HANDLER_POSITION = {
    "department": "Chuyên viên – {name}",
    "unit": "Công chức – {name}",
    "commune": "Công chức Văn phòng – Thống kê, {name}",
}
CLERK_POSITION = "Văn thư – bộ phận tiếp nhận đơn, {name}"
CADASTRAL_POSITION = "Công chức Địa chính – Xây dựng, {name}"


# --- Categories ---------------------------------------------------------------------------------

CATEGORIES: tuple[tuple[str, str, str], ...] = (
    ("dat-dai", "Đất đai", "Land"),
    ("boi-thuong-gpmb", "Bồi thường – giải phóng mặt bằng", "Compensation and site clearance"),
    ("moi-truong", "Môi trường", "Environment"),
    ("nguoi-co-cong", "Chính sách người có công", "Policies for people with meritorious service"),
    ("an-sinh-xa-hoi", "An sinh xã hội", "Social protection"),
    ("dao-duc-can-bo", "Đạo đức – lối sống cán bộ", "Conduct of officials"),
    ("tham-nhung", "Tham nhũng – tiêu cực", "Corruption and misconduct"),
    ("thu-tuc-hanh-chinh", "Thủ tục hành chính", "Administrative procedures"),
    ("xay-dung-do-thi", "Xây dựng – trật tự đô thị", "Construction and urban order"),
    ("giao-thong", "Giao thông", "Transport and roads"),
    ("y-te", "Y tế", "Health"),
    ("giao-duc", "Giáo dục", "Education"),
    ("dien-nuoc", "Điện – nước sinh hoạt", "Electricity and water supply"),
    ("thi-truong", "Quản lý thị trường – hàng giả", "Market surveillance and counterfeit goods"),
    ("an-ninh-trat-tu", "An ninh – trật tự", "Public order"),
    ("van-hoa-du-lich", "Văn hóa – thể thao – du lịch", "Culture, sport and tourism"),
    ("rung-nong-nghiep", "Nông nghiệp – lâm nghiệp", "Agriculture and forestry"),
    ("khac", "Khác", "Other"),
)


# --- Item texts ---------------------------------------------------------------------------------
#
# `unit` is where the item belongs: a unit code, or "commune" (the commune, ward or special zone where it
# happens); `place` narrows where it happens. For denunciations `target` says who is denounced:
# "cadastral" (a commune's cadastral officer, resolved by the commune), "chair" (a commune chair:
# resolved above the commune, by the inspectorate), "department" (a department, by the inspectorate).
# Placeholders: {xa} {xa_short} {ubnd_xa} {thon} {duong} {so_nha} {so_qd} {ngay} {ngay_qd} {thang} {nam}
# {nam_sau} {dt} {tien} {thua} {du_an} {cong_ty} {song} {truong} {tram} {benh_vien} {cho} {cb} {cb_xung}
# {cb_chuc_vu} {don_vi_bi_to}.


@dataclass(frozen=True)
class ItemText:
    key: str
    category: str
    type: str
    unit: str
    title: str
    content: str
    target: str = ""
    result: str = ""
    place: str = "any"      # where it happens: "any", "rural" (a xã), "ward" (a phường), "remote"


ITEM_TEXTS: tuple[ItemText, ...] = (
    # Land
    ItemText("dd-thu-hoi", "dat-dai", "khieu_nai", "commune",
             "Khiếu nại quyết định thu hồi đất nông nghiệp tại {thon}, {xa}",
             "Tôi khiếu nại Quyết định số {so_qd} ngày {ngay_qd} của Chủ tịch UBND {xa} về việc thu hồi {dt} m² đất "
             "nông nghiệp tại {thua}, {thon} của gia đình tôi. Quyết định được ban hành khi phương án bồi thường chưa "
             "được công khai, gia đình tôi không được mời tham gia kiểm đếm tài sản trên đất. Đề nghị hủy quyết định "
             "nêu trên và xem xét lại toàn bộ hồ sơ thu hồi đất.",
             result="Qua xác minh, việc thu hồi đất đúng thẩm quyền và đúng mục đích, nhưng biên bản kiểm đếm thiếu chữ "
                    "ký của hộ gia đình. Chủ tịch UBND {xa} đã ban hành quyết định giải quyết khiếu nại lần đầu: giữ "
                    "nguyên quyết định thu hồi đất; giao bộ phận chuyên môn kiểm đếm bổ sung tài sản trên đất với sự "
                    "có mặt của hộ gia đình và điều chỉnh phương án bồi thường trước ngày 30 của tháng sau."),
    ItemText("dd-cap-giay", "dat-dai", "kien_nghi", "commune",
             "Đề nghị cấp Giấy chứng nhận quyền sử dụng đất cho thửa đất sử dụng ổn định tại {thon}",
             "Gia đình tôi sử dụng ổn định {dt} m² đất ở tại {thua}, {thon}, {xa} từ năm 1993, không tranh chấp, đã nộp "
             "hồ sơ đề nghị cấp Giấy chứng nhận tại Trung tâm phục vụ hành chính công từ {thang} nhưng đến nay chưa "
             "được giải quyết, cũng không được thông báo lý do. Đề nghị UBND {xa} chỉ đạo xem xét, cấp giấy chứng nhận "
             "theo quy định."),
    ItemText("dd-lan-chiem", "dat-dai", "phan_anh", "commune",
             "Phản ánh việc lấn chiếm đất hành lang kênh mương tại {thon}",
             "Một số hộ tại {thon} tự ý đổ đất, dựng lều quán lấn chiếm khoảng 200 m² đất hành lang kênh tưới tiêu nội "
             "đồng, làm cản trở dòng chảy trong mùa mưa. Việc lấn chiếm diễn ra từ {thang}, đã báo trưởng thôn nhưng "
             "chưa được xử lý. Đề nghị chính quyền kiểm tra, buộc khôi phục hiện trạng.", place="rural"),
    ItemText("dd-dang-ky-bien-dong", "dat-dai", "khieu_nai", "so-nnmt",
             "Khiếu nại việc chậm đăng ký biến động đất đai quá hạn trên phiếu hẹn",
             "Tôi nộp hồ sơ đăng ký biến động quyền sử dụng đất (nhận chuyển nhượng {thua}, {xa}) ngày {ngay_qd}, phiếu "
             "hẹn trả kết quả sau 10 ngày làm việc. Đến nay đã quá hạn hơn hai tháng nhưng Chi nhánh Văn phòng đăng ký "
             "đất đai không trả kết quả và không có văn bản nêu lý do. Tôi khiếu nại hành vi hành chính này và đề nghị "
             "giải quyết dứt điểm hồ sơ."),
    ItemText("dd-to-cao-nhan-tien", "dat-dai", "to_cao", "commune",
             "Tố cáo công chức địa chính nhận tiền để làm hồ sơ cấp giấy chứng nhận",
             "Tôi tố cáo {cb_xung} {cb}, {cb_chuc_vu}, đã yêu cầu gia đình tôi đưa {tien} đồng để “lo” hồ sơ cấp Giấy "
             "chứng nhận quyền sử dụng đất cho {thua} tại {thon}. Việc đưa tiền diễn ra ngày {ngay} tại nhà riêng của "
             "{cb_xung} {cb}, có người làm chứng. Sau khi nhận tiền, hồ sơ vẫn không được giải quyết. Đề nghị xác minh, "
             "xử lý nghiêm theo quy định.",
             target="cadastral"),
    ItemText("dd-to-cao-sai-do-dac", "dat-dai", "to_cao", "commune",
             "Tố cáo cán bộ địa chính làm sai lệch hồ sơ đo đạc ranh giới thửa đất",
             "Tôi tố cáo {cb_xung} {cb}, {cb_chuc_vu}, đã tự ý điều chỉnh ranh giới trên mảnh trích đo {thua}, chuyển "
             "khoảng {dt} m² đất của gia đình tôi sang thửa liền kề của hộ có quan hệ họ hàng với {cb_xung} {cb}. Tôi có "
             "bản chụp mảnh trích đo năm 2012 và bản mới để đối chiếu.",
             target="cadastral"),
    ItemText("dd-to-cao-chu-tich", "dat-dai", "to_cao", INSPECTORATE,
             "Tố cáo Chủ tịch {ubnd_xa} cho phép xây dựng trên đất công ích trái thẩm quyền",
             "Tôi tố cáo {cb_xung} {cb}, {cb_chuc_vu}, đã ký văn bản cho phép một số hộ san lấp, xây dựng nhà trên đất "
             "nông nghiệp công ích tại {thon} khi chưa có quyết định chuyển mục đích sử dụng đất. Diện tích bị sử dụng "
             "sai mục đích khoảng {dt} m². Tôi gửi kèm bản chụp văn bản và hình ảnh hiện trường.",
             target="chair"),
    ItemText("dd-gop-y-ke-hoach", "dat-dai", "gop_y", "commune",
             "Góp ý dự thảo kế hoạch sử dụng đất năm {nam_sau} của {xa}",
             "Qua hội nghị lấy ý kiến tại {thon}, tôi đề nghị: dành quỹ đất mở rộng nhà văn hóa thôn và bãi đỗ xe cạnh "
             "{cho}; không chuyển khu ruộng hai vụ năng suất cao ở cánh đồng phía Đông sang đất thương mại, dịch vụ; "
             "niêm yết bản đồ kế hoạch tại nhà văn hóa thôn ít nhất 30 ngày để người dân theo dõi."),
    # Compensation and site clearance
    ItemText("bt-don-gia", "boi-thuong-gpmb", "khieu_nai", "commune",
             "Khiếu nại phương án bồi thường, hỗ trợ khi thu hồi đất thực hiện {du_an}",
             "Gia đình tôi bị thu hồi {dt} m² đất để thực hiện {du_an}. Phương án bồi thường phê duyệt kèm Quyết định số "
             "{so_qd} áp giá đất trồng cây lâu năm thấp hơn nhiều so với giá chuyển nhượng thực tế tại khu vực và không "
             "tính khoản hỗ trợ chuyển đổi nghề nghiệp, tìm kiếm việc làm. Đề nghị xem xét lại đơn giá bồi thường và bổ "
             "sung khoản hỗ trợ theo quy định.",
             result="Qua rà soát, đơn giá bồi thường áp dụng đúng bảng giá đất và hệ số điều chỉnh đã được phê duyệt; tuy "
                    "nhiên hộ gia đình đủ điều kiện được hỗ trợ chuyển đổi nghề nghiệp nhưng chưa được tính. Khiếu nại "
                    "đúng một phần; UBND {xa} đã phê duyệt bổ sung khoản hỗ trợ và sẽ chi trả cùng đợt tiếp theo."),
    ItemText("bt-cham-chi-tra", "boi-thuong-gpmb", "kien_nghi", "commune",
             "Kiến nghị sớm chi trả tiền bồi thường và hoàn thiện khu tái định cư {du_an}",
             "Hơn 30 hộ dân {thon} đã bàn giao mặt bằng cho {du_an} từ {thang} nhưng mới được chi trả khoảng 70% tiền "
             "bồi thường; khu tái định cư chưa có điện, nước sinh hoạt. Đề nghị các cơ quan có thẩm quyền sớm chi trả "
             "phần còn lại và hoàn thiện hạ tầng khu tái định cư trước mùa mưa."),
    ItemText("bt-giai-trinh-gia-dat", "boi-thuong-gpmb", "giai_trinh", "so-nnmt",
             "Yêu cầu giải trình căn cứ xác định giá đất cụ thể để tính bồi thường {du_an}",
             "Tôi là người có đất bị thu hồi tại {du_an}, {xa}. Đề nghị Sở Nông nghiệp và Môi trường giải trình căn cứ, "
             "phương pháp xác định giá đất cụ thể làm cơ sở tính tiền bồi thường và lý do giá đất tại thửa của gia đình "
             "tôi thấp hơn thửa liền kề cùng vị trí."),
    ItemText("bt-thi-cong-ngap", "boi-thuong-gpmb", "phan_anh", "commune",
             "Phản ánh việc thi công {du_an} làm ngập úng ruộng và hư hỏng đường thôn",
             "Trong quá trình thi công {du_an}, nhà thầu đã san lấp, chặn mương thoát nước khiến khoảng 3 ha lúa của "
             "{thon} bị ngập úng sau mỗi trận mưa; xe chở vật liệu làm hư hỏng đường trục thôn. Đề nghị yêu cầu nhà thầu "
             "khơi thông dòng chảy, sửa chữa mặt đường và bồi thường thiệt hại cho các hộ.", place="rural"),
    # Environment
    ItemText("mt-cat-lau", "moi-truong", "phan_anh", "so-nnmt",
             "Phản ánh tình trạng khai thác cát trái phép trên {song} đoạn qua {thon}",
             "Từ {thang} đến nay, hằng đêm có 3 đến 5 thuyền hút cát hoạt động trên {song} đoạn qua {thon}, {xa}, từ "
             "khoảng 22 giờ đến 4 giờ sáng. Bờ sông đã sạt lở khoảng 50 m, đe dọa đất sản xuất và nhà ở của các hộ ven "
             "sông. Đề nghị cơ quan chức năng kiểm tra, xử lý dứt điểm.",
             result="Ngày {ngay_xl}, đoàn kiểm tra liên ngành đã phối hợp với Công an {xa} tuần tra ban đêm, lập biên "
                    "bản 2 phương tiện khai thác cát không phép và chuyển hồ sơ xử phạt theo thẩm quyền. Đơn vị đã yêu cầu "
                    "UBND {xa} duy trì chốt kiểm tra tại bến và cắm biển cấm khai thác; kè tạm đoạn bờ sạt lở đang được "
                    "khảo sát."),
    ItemText("mt-cat-xa", "moi-truong", "phan_anh", "commune",
             "Phản ánh bến bãi tập kết cát không phép ven {song} tại {thon}",
             "Một bãi tập kết cát, sỏi không biển hiệu hoạt động ven {song} tại {thon}, xe tải ra vào liên tục làm bụi "
             "và hư hỏng đường liên thôn. Người dân đã nhiều lần phản ánh với thôn nhưng bãi vẫn hoạt động. Đề nghị "
             "kiểm tra giấy phép và xử lý."),
    ItemText("mt-nuoc-thai", "moi-truong", "phan_anh", "so-nnmt",
             "Phản ánh {cong_ty} xả nước thải chưa qua xử lý ra mương thủy lợi",
             "Cơ sở sản xuất của {cong_ty} tại {xa} thường xuyên xả nước thải có màu đen, mùi hôi xuống mương thủy lợi "
             "vào ban đêm. Nước mương dùng tưới cho khoảng 20 ha lúa và hoa màu; đã có hiện tượng cá chết hàng loạt. Đề "
             "nghị lấy mẫu nước, kiểm tra hệ thống xử lý nước thải và xử lý vi phạm."),
    ItemText("mt-trang-trai", "moi-truong", "phan_anh", "commune",
             "Phản ánh trang trại chăn nuôi lợn gây ô nhiễm tại {thon}",
             "Trang trại chăn nuôi lợn quy mô khoảng 2.000 con tại {thon} không có hệ thống xử lý chất thải đạt chuẩn; "
             "mùi hôi bao trùm khu dân cư, nước thải chảy tràn ra ruộng. Đề nghị kiểm tra hồ sơ môi trường của trang "
             "trại và buộc khắc phục.", place="rural"),
    ItemText("mt-rac", "moi-truong", "kien_nghi", "commune",
             "Kiến nghị bố trí điểm tập kết và tăng tần suất thu gom rác thải sinh hoạt tại {thon}",
             "Rác thải sinh hoạt tại {thon} chỉ được thu gom 1 lần mỗi tuần, người dân phải đổ tạm ven {duong} gây mất "
             "vệ sinh, ruồi nhặng. Đề nghị bố trí điểm tập kết có mái che và tăng tần suất thu gom lên ít nhất 3 lần mỗi "
             "tuần."),
    ItemText("mt-do-trom", "moi-truong", "to_cao", "so-nnmt",
             "Tố cáo hành vi đổ trộm chất thải công nghiệp tại khu đất trống {thon}",
             "Tôi tố cáo việc các xe tải của {cong_ty} nhiều lần đổ trộm chất thải dạng bùn, có mùi hóa chất, tại khu "
             "đất trống cạnh {thon}, {xa}, vào khoảng 1–3 giờ sáng, lần gần nhất ngày {ngay}. Tôi đã ghi lại hình ảnh "
             "và biển số xe. Đề nghị kiểm tra, xử lý và buộc khắc phục ô nhiễm."),
    ItemText("mt-gop-y-rac", "moi-truong", "gop_y", "so-nnmt",
             "Góp ý lộ trình phân loại chất thải rắn sinh hoạt tại nguồn trên địa bàn tỉnh",
             "Tôi đề nghị thí điểm phân loại rác tại nguồn ở các phường trước khi triển khai toàn tỉnh; phát túi, thùng "
             "phân loại cho hộ nghèo; công bố lịch thu gom riêng cho rác hữu cơ và rác tái chế; hướng dẫn người dân ủ "
             "phân hữu cơ tại hộ ở khu vực nông thôn."),
    # Policies for people with meritorious service
    ItemText("ncc-liet-si", "nguoi-co-cong", "kien_nghi", "so-noi-vu",
             "Kiến nghị xem xét công nhận liệt sĩ đối với người thân hy sinh năm 1979",
             "Bố tôi là dân công hỏa tuyến, hy sinh năm 1979 khi làm nhiệm vụ tại biên giới phía Bắc. Gia đình đã nộp "
             "đủ hồ sơ và giấy xác nhận của đồng đội qua UBND {xa} từ {thang} nhưng chưa nhận được kết quả. Đề nghị Sở "
             "Nội vụ xem xét, hướng dẫn và giải quyết."),
    ItemText("ncc-cat-tro-cap", "nguoi-co-cong", "khieu_nai", "commune",
             "Khiếu nại việc dừng chi trả trợ cấp hằng tháng đối với thân nhân liệt sĩ",
             "Mẹ tôi là thân nhân liệt sĩ, đang hưởng trợ cấp hằng tháng. Từ {thang}, UBND {xa} dừng chi trả mà không có "
             "quyết định hay văn bản thông báo lý do. Tôi khiếu nại hành vi này, đề nghị tiếp tục chi trả và truy lĩnh "
             "khoản trợ cấp bị dừng."),
    ItemText("ncc-dieu-duong", "nguoi-co-cong", "phan_anh", "commune",
             "Phản ánh việc chi trả chế độ điều dưỡng cho người có công chậm, thiếu",
             "Nhiều người có công tại {thon} chưa nhận được tiền điều dưỡng tại nhà năm {nam}, một số người nhận thiếu "
             "so với mức quy định mà không được giải thích. Đề nghị kiểm tra danh sách và việc chi trả."),
    # Social protection
    ItemText("asxh-nguoi-cao-tuoi", "an-sinh-xa-hoi", "kien_nghi", "commune",
             "Đề nghị xét hưởng trợ cấp xã hội hằng tháng cho người cao tuổi neo đơn tại {thon}",
             "Bà cụ hàng xóm nhà tôi năm nay 82 tuổi, sống một mình, không có lương hưu hay trợ cấp, sức khỏe yếu. Đề "
             "nghị UBND {xa} xem xét cho cụ được hưởng trợ cấp xã hội hằng tháng và cấp thẻ bảo hiểm y tế."),
    ItemText("asxh-ho-ngheo", "an-sinh-xa-hoi", "phan_anh", "commune",
             "Phản ánh việc bình xét hộ nghèo, hộ cận nghèo năm {nam} không công khai tại {thon}",
             "Danh sách hộ nghèo, cận nghèo năm {nam} của {thon} không được niêm yết tại nhà văn hóa; một số hộ có nhà "
             "kiên cố, ô tô vẫn có tên, trong khi hộ có người khuyết tật nặng lại bị loại. Đề nghị kiểm tra, tổ chức "
             "bình xét lại công khai, đúng quy trình.",
             result="UBND {xa} đã kiểm tra: việc niêm yết danh sách tại {thon} chưa đúng quy định; 2 hộ không đủ tiêu chí "
                    "đã được đưa ra khỏi danh sách, 1 hộ có người khuyết tật nặng được bổ sung sau khi bình xét lại ngày "
                    "{ngay_xl}. Trưởng thôn đã được nhắc nhở, rút kinh nghiệm."),
    ItemText("asxh-khuyet-tat", "an-sinh-xa-hoi", "giai_trinh", "so-y-te",
             "Yêu cầu giải trình việc dừng hỗ trợ kinh phí chăm sóc người khuyết tật đặc biệt nặng",
             "Gia đình tôi đang chăm sóc con bị khuyết tật đặc biệt nặng và được hưởng kinh phí hỗ trợ chăm sóc hằng "
             "tháng. Từ {thang} khoản hỗ trợ bị dừng. Đề nghị Sở Y tế giải trình căn cứ của việc dừng hỗ trợ và hướng "
             "dẫn thủ tục để được tiếp tục hưởng."),
    ItemText("asxh-gop-y-bao-tro", "an-sinh-xa-hoi", "gop_y", "so-y-te",
             "Góp ý nâng cao chất lượng chăm sóc tại Trung tâm Bảo trợ xã hội tỉnh",
             "Qua thăm người thân tại Trung tâm Bảo trợ xã hội tỉnh, tôi đề nghị bố trí thêm nhân viên chăm sóc ban đêm, "
             "cải thiện khẩu phần ăn và công khai các khoản đóng góp, ủng hộ của nhà hảo tâm."),
    # Conduct of officials
    ItemText("dd-can-bo-mot-cua", "dao-duc-can-bo", "phan_anh", "commune",
             "Phản ánh thái độ thiếu chuẩn mực của cán bộ tiếp nhận hồ sơ tại {ubnd_xa}",
             "Ngày {ngay}, khi đến nộp hồ sơ chứng thực tại Trung tâm phục vụ hành chính công {xa}, tôi bị cán bộ tiếp "
             "nhận quát nạt, yêu cầu bổ sung giấy tờ không có trong thành phần hồ sơ và hẹn lại nhiều lần. Đề nghị lãnh "
             "đạo {ubnd_xa} chấn chỉnh tác phong, thái độ phục vụ nhân dân."),
    ItemText("dd-can-bo-ruou-bia", "dao-duc-can-bo", "phan_anh", "so-noi-vu",
             "Phản ánh cán bộ uống rượu bia trong giờ làm việc",
             "Nhiều buổi trưa, một số cán bộ của {ubnd_xa} uống rượu bia tại quán gần trụ sở rồi quay lại làm việc, có "
             "người tiếp dân trong tình trạng có hơi men. Đề nghị cơ quan quản lý cán bộ kiểm tra, chấn chỉnh."),
    ItemText("dd-gop-y-duong-day-nong", "dao-duc-can-bo", "gop_y", "so-noi-vu",
             "Góp ý công khai đường dây nóng, hòm thư góp ý tại các điểm tiếp nhận hồ sơ",
             "Đề nghị niêm yết rõ số điện thoại đường dây nóng của thủ trưởng cơ quan, địa chỉ thư điện tử và hòm thư góp "
             "ý tại tất cả trung tâm phục vụ hành chính công cấp xã, đồng thời công khai kết quả xử lý các ý kiến nhận "
             "được hằng tháng."),
    # Corruption and misconduct
    ItemText("tn-dau-thau", "tham-nhung", "to_cao", INSPECTORATE,
             "Tố cáo dấu hiệu thông thầu trong gói thầu mua sắm thiết bị năm {nam}",
             "Tôi tố cáo việc gói thầu mua sắm thiết bị năm {nam} của {don_vi_bi_to} có dấu hiệu được dàn xếp cho một "
             "nhà thầu quen biết: hồ sơ mời thầu nêu thông số kỹ thuật trùng khớp với sản phẩm của một hãng duy nhất, giá "
             "trúng thầu cao hơn giá thị trường khoảng 30%. Tôi gửi kèm bản chụp hồ sơ mời thầu và bảng so sánh giá.",
             target="department"),
    ItemText("tn-chi-dinh-thau", "tham-nhung", "to_cao", INSPECTORATE,
             "Tố cáo Chủ tịch {ubnd_xa} chia nhỏ gói thầu để chỉ định thầu cho doanh nghiệp người thân",
             "Tôi tố cáo {cb_xung} {cb}, {cb_chuc_vu}, đã chỉ đạo giao các công trình đường giao thông nông thôn, kênh "
             "mương năm {nam} cho doanh nghiệp do người thân làm giám đốc, chia nhỏ gói thầu để chỉ định thầu. Nhiều "
             "công trình chưa nghiệm thu đã xuống cấp.",
             target="chair"),
    ItemText("tn-quy-ntm", "tham-nhung", "kien_nghi", INSPECTORATE,
             "Kiến nghị thanh tra việc quản lý quỹ đóng góp xây dựng nông thôn mới tại {xa}",
             "Năm {nam}, mỗi hộ ở {xa} đóng góp 500.000 đồng để làm đường bê tông nội thôn nhưng đến nay chưa được công "
             "khai quyết toán; nhiều đoạn đường mới làm đã nứt vỡ. Đề nghị Thanh tra tỉnh xem xét, thanh tra việc thu, "
             "chi và chất lượng công trình.", place="rural"),
    ItemText("tn-giay-phep", "tham-nhung", "to_cao", INSPECTORATE,
             "Tố cáo việc gây khó khăn, đòi “chi phí bôi trơn” khi cấp giấy phép",
             "Tôi tố cáo việc hồ sơ xin cấp phép của doanh nghiệp tôi tại {don_vi_bi_to} bị trả lại nhiều lần với lý do "
             "không rõ ràng, sau đó có người tự xưng là người quen của cán bộ thụ lý gợi ý “chi phí” {tien} đồng để được "
             "giải quyết nhanh. Tôi có ghi âm cuộc trao đổi.",
             target="department"),
    # Administrative procedures
    ItemText("tthc-cham-hen", "thu-tuc-hanh-chinh", "phan_anh", "commune",
             "Phản ánh việc giải quyết hồ sơ hộ tịch chậm so với giấy hẹn",
             "Tôi nộp hồ sơ đăng ký khai sinh kết hợp nhận cha cho con tại Trung tâm phục vụ hành chính công {xa} ngày "
             "{ngay}, giấy hẹn 3 ngày làm việc nhưng đã quá hạn hơn 2 tuần chưa có kết quả, không có văn bản xin lỗi hay "
             "hẹn lại. Đề nghị kiểm tra và trả kết quả cho công dân."),
    ItemText("tthc-ly-lich-tu-phap", "thu-tuc-hanh-chinh", "kien_nghi", "so-tu-phap",
             "Kiến nghị đơn giản hóa thủ tục cấp Phiếu lý lịch tư pháp trực tuyến",
             "Khi đề nghị cấp Phiếu lý lịch tư pháp trên Cổng Dịch vụ công, người dân vẫn bị yêu cầu nộp bản giấy và đến "
             "nhận trực tiếp. Đề nghị Sở Tư pháp cho phép nhận kết quả điện tử hoặc qua bưu chính và bỏ yêu cầu nộp lại "
             "giấy tờ đã có trong cơ sở dữ liệu dân cư."),
    ItemText("tthc-quay-huong-dan", "thu-tuc-hanh-chinh", "gop_y", "commune",
             "Góp ý bố trí quầy hướng dẫn dịch vụ công trực tuyến tại Trung tâm phục vụ hành chính công {xa}",
             "Nhiều người cao tuổi không biết nộp hồ sơ trực tuyến. Đề nghị bố trí một quầy có máy tính và cán bộ hoặc "
             "đoàn viên thanh niên hướng dẫn vào giờ hành chính, có cả buổi sáng thứ Bảy."),
    ItemText("tthc-ho-kinh-doanh", "thu-tuc-hanh-chinh", "giai_trinh", "commune",
             "Yêu cầu giải trình lý do từ chối tiếp nhận hồ sơ đăng ký hộ kinh doanh",
             "Ngày {ngay}, hồ sơ đăng ký hộ kinh doanh của tôi bị từ chối tiếp nhận bằng lời nói, không có phiếu từ chối. "
             "Đề nghị {ubnd_xa} giải trình bằng văn bản lý do từ chối và căn cứ pháp lý."),
    # Construction and urban order
    ItemText("xd-sai-phep", "xay-dung-do-thi", "phan_anh", "commune",
             "Phản ánh công trình xây dựng sai giấy phép tại số {so_nha} {duong}",
             "Công trình nhà ở tại số {so_nha} {duong}, {xa} được cấp phép 4 tầng nhưng đang thi công tầng 6, tập kết "
             "vật liệu chiếm vỉa hè, làm nứt tường nhà liền kề. Đề nghị kiểm tra, đình chỉ thi công phần sai phép.",
             result="Ngày {ngay_xl}, tổ kiểm tra trật tự xây dựng của {ubnd_xa} đã lập biên bản vi phạm, ban hành quyết "
                    "định đình chỉ thi công phần vượt phép và xử phạt chủ đầu tư; vật liệu trên vỉa hè đã được thu dọn. Việc "
                    "hỗ trợ khắc phục vết nứt nhà liền kề được hòa giải, chủ đầu tư cam kết sửa chữa.", place="ward"),
    ItemText("xd-quy-hoach", "xay-dung-do-thi", "kien_nghi", "so-xay-dung",
             "Kiến nghị điều chỉnh quy hoạch chi tiết khu dân cư {thon} chồng lấn nhà ở hiện hữu",
             "Quy hoạch chi tiết khu dân cư {thon}, {xa} bố trí tuyến đường rộng 16 m đi qua giữa khu nhà ở đã ổn định "
             "hơn 20 năm, trong khi có thể nắn tuyến theo đường đất hiện có. Đề nghị Sở Xây dựng xem xét điều chỉnh "
             "cục bộ quy hoạch, hạn chế thu hồi nhà ở."),
    ItemText("xd-xu-phat", "xay-dung-do-thi", "khieu_nai", "commune",
             "Khiếu nại quyết định xử phạt vi phạm hành chính trong lĩnh vực xây dựng",
             "Tôi khiếu nại Quyết định số {so_qd} ngày {ngay_qd} của Chủ tịch UBND {xa} xử phạt {tien} đồng và buộc tháo "
             "dỡ mái che trước nhà số {so_nha} {duong}. Mái che nằm trong phạm vi đất của gia đình, không lấn chiếm vỉa "
             "hè; biên bản vi phạm được lập khi tôi vắng nhà. Đề nghị hủy quyết định xử phạt.", place="ward"),
    ItemText("xd-bao-che", "xay-dung-do-thi", "to_cao", "commune",
             "Tố cáo công chức địa chính – xây dựng bao che công trình xây dựng trái phép",
             "Tôi tố cáo {cb_xung} {cb}, {cb_chuc_vu}, đã nhiều lần được người dân báo về công trình xây dựng không phép "
             "tại {duong} nhưng không lập biên bản, còn thông báo trước cho chủ công trình mỗi khi có đoàn kiểm tra. Đề "
             "nghị làm rõ trách nhiệm.",
             target="cadastral", place="ward"),
    # Transport
    ItemText("gt-o-ga", "giao-thong", "phan_anh", "so-xay-dung",
             "Đường tỉnh đoạn qua {thon} xuống cấp, nhiều ổ gà nguy hiểm",
             "Đoạn {duong} dài khoảng 2 km qua {thon}, {xa} xuất hiện nhiều ổ gà sâu 10–20 cm, mùa mưa đọng nước, đã xảy "
             "ra nhiều vụ ngã xe. Đề nghị sớm vá mặt đường và lắp biển cảnh báo.",
             result="Sở Xây dựng đã giao đơn vị quản lý, bảo trì đường bộ vá ổ gà, xử lý cục bộ mặt đường đoạn qua {thon} "
                    "từ ngày {ngay_xl}; biển cảnh báo đã được lắp đặt. Đoạn tuyến được đưa vào kế hoạch sửa chữa định kỳ "
                    "năm {nam_sau}."),
    ItemText("gt-den-tin-hieu", "giao-thong", "kien_nghi", "commune",
             "Kiến nghị lắp đèn tín hiệu giao thông tại nút giao trước cổng {truong}",
             "Nút giao trước cổng {truong} có lưu lượng xe lớn vào giờ tan học, đã xảy ra va chạm làm học sinh bị thương. "
             "Đề nghị lắp đèn tín hiệu, sơn vạch đi bộ và bố trí lực lượng hướng dẫn giao thông giờ cao điểm."),
    ItemText("gt-xe-qua-tai", "giao-thong", "phan_anh", "commune",
             "Phản ánh xe quá tải chở vật liệu làm hư hỏng đường giao thông nông thôn",
             "Xe tải trọng lớn chở đất, đá cho công trường ra vào {thon} liên tục cả ngày, làm vỡ nhiều đoạn đường bê "
             "tông nông thôn do nhân dân đóng góp xây dựng. Đề nghị cắm biển hạn chế tải trọng và kiểm tra xử lý.", place="rural"),
    ItemText("gt-xe-buyt", "giao-thong", "gop_y", "so-xay-dung",
             "Góp ý bố trí lại tuyến xe buýt nội tỉnh qua {xa}",
             "Tuyến xe buýt hiện chỉ chạy qua {xa} 3 chuyến mỗi ngày và không dừng gần {truong}. Đề nghị bổ sung chuyến "
             "giờ tan học, đặt thêm điểm dừng có mái che cạnh {cho}."),
    # Health
    ItemText("yt-cho-kham", "y-te", "phan_anh", "so-y-te",
             "Phản ánh thời gian chờ khám kéo dài và thái độ phục vụ tại {benh_vien}",
             "Ngày {ngay}, tôi đưa mẹ đi khám tại {benh_vien}, phải chờ từ 6 giờ sáng đến 14 giờ mới được khám; một số "
             "nhân viên hướng dẫn thiếu niềm nở, gắt gỏng với người bệnh cao tuổi. Đề nghị cải tiến quy trình khám "
             "bệnh và chấn chỉnh thái độ phục vụ."),
    ItemText("yt-tram-y-te", "y-te", "kien_nghi", "so-y-te",
             "Kiến nghị bổ sung bác sĩ và thuốc thiết yếu cho {tram}",
             "{tram} hiện không có bác sĩ thường trực, thường xuyên thiếu thuốc thiết yếu; người dân các bản xa phải đi "
             "hơn 30 km đến trung tâm y tế khu vực. Đề nghị Sở Y tế bố trí bác sĩ luân phiên và bổ sung cơ số thuốc.", place="remote"),
    ItemText("yt-giai-trinh-vien-phi", "y-te", "giai_trinh", "so-y-te",
             "Yêu cầu giải trình khoản thu ngoài danh mục bảo hiểm y tế chi trả tại {benh_vien}",
             "Khi điều trị nội trú tại {benh_vien}, tôi có thẻ bảo hiểm y tế đúng tuyến nhưng vẫn bị thu {tien} đồng "
             "“tiền vật tư ngoài danh mục” mà không được giải thích. Đề nghị giải trình căn cứ của khoản thu này."),
    ItemText("yt-phong-kham-chui", "y-te", "to_cao", "so-y-te",
             "Tố cáo cơ sở khám chữa bệnh tư nhân hoạt động không có giấy phép tại {xa}",
             "Tôi tố cáo một phòng khám tại số {so_nha} {duong}, {xa} không có giấy phép hoạt động, người khám không có "
             "chứng chỉ hành nghề nhưng vẫn truyền dịch, kê đơn kháng sinh cho người bệnh. Đề nghị kiểm tra, xử lý."),
    # Education
    ItemText("gd-lam-thu", "giao-duc", "phan_anh", "commune",
             "Phản ánh các khoản thu ngoài quy định đầu năm học tại {truong}",
             "Đầu năm học {nam}–{nam_sau}, {truong} thu của mỗi học sinh khoảng {tien} đồng gồm quỹ cơ sở vật chất, "
             "tiền mua máy chiếu, tiền trang trí lớp; nhiều khoản do ban đại diện cha mẹ học sinh “vận động” nhưng ấn "
             "định mức thu. Đề nghị kiểm tra, chấn chỉnh và hoàn trả các khoản thu sai quy định.",
             result="UBND {xa} đã kiểm tra các khoản thu đầu năm tại {truong}: 3 khoản thu có ấn định mức, không đúng "
                    "nguyên tắc tự nguyện. Nhà trường đã dừng thu, hoàn trả cho phụ huynh từ ngày {ngay_xl} và tổ chức "
                    "kiểm điểm hiệu trưởng."),
    ItemText("gd-giao-vien", "giao-duc", "kien_nghi", "so-gddt",
             "Kiến nghị bố trí giáo viên tiếng Anh, tin học cho các trường vùng khó khăn",
             "Nhiều trường tiểu học ở {xa} không có giáo viên tiếng Anh và tin học, học sinh lớp 3 chưa được học đủ "
             "chương trình. Đề nghị Sở Giáo dục và Đào tạo điều động, biệt phái giáo viên hoặc tổ chức dạy trực tuyến có "
             "giáo viên hỗ trợ tại lớp.", place="remote"),
    ItemText("gd-day-them", "giao-duc", "gop_y", "so-gddt",
             "Góp ý dự thảo quy định quản lý dạy thêm, học thêm trên địa bàn tỉnh",
             "Đề nghị dự thảo quy định rõ trách nhiệm công khai danh sách cơ sở dạy thêm, mức thu, thời lượng; có kênh "
             "để phụ huynh phản ánh việc giáo viên ép học sinh học thêm; không cấm dạy thêm miễn phí cho học sinh yếu."),
    ItemText("gd-xet-tuyen", "giao-duc", "khieu_nai", "so-gddt",
             "Khiếu nại kết quả xét tuyển viên chức giáo viên năm {nam}",
             "Tôi dự tuyển vị trí giáo viên tiểu học năm {nam}. Kết quả công bố ngày {ngay_qd} không cộng điểm ưu tiên "
             "con thương binh của tôi dù hồ sơ đã nộp đủ giấy tờ chứng minh. Đề nghị xem xét lại kết quả xét tuyển."),
    # Electricity and water
    ItemText("dn-mat-dien", "dien-nuoc", "phan_anh", "so-cong-thuong",
             "Phản ánh tình trạng mất điện kéo dài, điện áp yếu tại {thon}",
             "Từ {thang}, {thon} thường xuyên mất điện vào buổi tối, có ngày mất 4–5 lần; điện áp yếu làm hỏng tủ lạnh, "
             "máy bơm của nhiều hộ. Đề nghị Sở Công Thương yêu cầu đơn vị điện lực kiểm tra, nâng cấp trạm biến áp."),
    ItemText("dn-nuoc-sach", "dien-nuoc", "kien_nghi", "so-nnmt",
             "Kiến nghị đầu tư công trình cấp nước sạch cho {thon}",
             "Người dân {thon} đang dùng nước giếng khoan nhiễm phèn, nhiễm đá vôi; công trình cấp nước tập trung xây "
             "năm 2010 đã hỏng. Đề nghị đưa công trình cấp nước sạch cho {thon} vào kế hoạch đầu tư.", place="rural"),
    # Market surveillance
    ItemText("tt-phan-bon", "thi-truong", "phan_anh", "chi-cuc-qltt",
             "Phản ánh cửa hàng bán phân bón, thuốc bảo vệ thực vật không rõ nguồn gốc tại {cho}",
             "Một cửa hàng tại {cho} bán phân bón, thuốc bảo vệ thực vật không nhãn mác tiếng Việt, giá rẻ bất thường; "
             "nhiều hộ mua về bón thấy lúa vàng lá, không hiệu quả. Đề nghị kiểm tra nguồn gốc hàng hóa."),
    ItemText("tt-hang-gia", "thi-truong", "phan_anh", "chi-cuc-qltt",
             "Phản ánh việc bán hàng giả mạo nhãn hiệu qua mạng xã hội, giao hàng tại {xa}",
             "Một tài khoản mạng xã hội quảng cáo bán mỹ phẩm, thực phẩm chức năng “hàng chính hãng” với giá rẻ, kho hàng "
             "đặt tại {thon}, {xa}. Sản phẩm tôi mua có tem giả. Đề nghị kiểm tra, xử lý."),
    # Public order
    ItemText("antt-karaoke", "an-ninh-trat-tu", "phan_anh", "commune",
             "Phản ánh quán karaoke gây ồn ào sau 22 giờ trên {duong}",
             "Quán karaoke tại số {so_nha} {duong}, {xa} hoạt động đến 1–2 giờ sáng, mở loa công suất lớn, khách say xỉn "
             "gây mất trật tự. Đề nghị kiểm tra giấy phép và giờ hoạt động của quán.", place="ward"),
    ItemText("antt-camera", "an-ninh-trat-tu", "kien_nghi", "commune",
             "Kiến nghị lắp camera an ninh tại các tuyến đường liên thôn của {xa}",
             "Thời gian gần đây tại {thon} xảy ra nhiều vụ trộm gia cầm, xe máy vào ban đêm. Đề nghị {ubnd_xa} vận động "
             "xã hội hóa lắp camera giám sát tại các ngã ba, ngã tư và tăng cường tuần tra.", place="rural"),
    # Culture, sport, tourism
    ItemText("vh-cheo-keo", "van-hoa-du-lich", "phan_anh", "dac-khu-hon-ngoc",
             "Phản ánh tình trạng chèo kéo khách, nâng giá dịch vụ tại {xa}",
             "Dịp nghỉ lễ, tại bãi tắm {thon}, {xa} có tình trạng chèo kéo khách, ép giá thuê ghế, dù; giá hải sản niêm "
             "yết một đằng, tính tiền một nẻo. Đề nghị chấn chỉnh để giữ hình ảnh du lịch địa phương."),
    ItemText("vh-le-hoi", "van-hoa-du-lich", "gop_y", "so-vhttdl",
             "Góp ý bảo tồn, phát huy giá trị lễ hội truyền thống của đồng bào dân tộc thiểu số",
             "Đề nghị hỗ trợ kinh phí cho các nghệ nhân truyền dạy hát then, múa khèn cho thanh thiếu niên; tổ chức lễ hội "
             "đúng nghi thức truyền thống, hạn chế thương mại hóa; số hóa tư liệu về lễ hội.", place="remote"),
    ItemText("vh-dinh-lang", "van-hoa-du-lich", "kien_nghi", "so-vhttdl",
             "Kiến nghị tu bổ đình làng {thon} đang xuống cấp",
             "Đình làng {thon}, {xa} có niên đại hơn 150 năm, mái dột, cột gỗ mối mọt nghiêm trọng. Đề nghị Sở Văn hóa, "
             "Thể thao và Du lịch khảo sát, hướng dẫn lập hồ sơ tu bổ và hỗ trợ kinh phí."),
    # Agriculture and forestry
    ItemText("ln-pha-rung", "rung-nong-nghiep", "to_cao", "chi-cuc-kiem-lam",
             "Tố cáo hành vi chặt phá rừng phòng hộ tại khu vực giáp ranh {xa}",
             "Tôi tố cáo một nhóm người thuê nhân công chặt phá khoảng 2 ha rừng phòng hộ đầu nguồn tại khu vực giáp "
             "ranh {thon}, {xa} để trồng keo; gỗ được vận chuyển ra ngoài vào ban đêm. Đề nghị kiểm tra hiện trường và "
             "xử lý nghiêm.", place="remote"),
    ItemText("ln-dot-nuong", "rung-nong-nghiep", "phan_anh", "chi-cuc-kiem-lam",
             "Phản ánh việc đốt nương gây cháy lan vào rừng trồng tại {thon}",
             "Ngày {ngay}, việc đốt thực bì làm nương không có người canh giữ đã gây cháy lan khoảng 1 ha rừng keo của "
             "các hộ tại {thon}, {xa}. Đề nghị kiểm tra, xác định trách nhiệm và tăng cường tuyên truyền phòng cháy "
             "rừng mùa khô.", place="rural"),
    ItemText("ln-kenh-muong", "rung-nong-nghiep", "kien_nghi", "chi-cuc-thuy-loi",
             "Kiến nghị nạo vét, kiên cố hóa kênh tưới cánh đồng {thon}",
             "Kênh tưới chính của cánh đồng {thon} bị bồi lắng, sạt lở nhiều đoạn, vụ đông xuân vừa qua khoảng 15 ha lúa "
             "thiếu nước. Đề nghị nạo vét và đưa tuyến kênh vào kế hoạch kiên cố hóa.", place="rural"),
    # Other
    ItemText("khac-cong-thong-tin", "khac", "gop_y", OFFICE,
             "Góp ý cải tiến Cổng thông tin điện tử tỉnh và ứng dụng phản ánh hiện trường",
             "Đề nghị Cổng thông tin điện tử tỉnh có chức năng tra cứu tiến độ xử lý phản ánh bằng mã số, gửi thông báo "
             "qua tin nhắn khi có kết quả, và công khai danh sách phản ánh đã xử lý theo từng xã, phường."),
    ItemText("khac-ton-giao", "khac", "kien_nghi", "so-dttg",
             "Kiến nghị hướng dẫn thủ tục đăng ký sinh hoạt tôn giáo tập trung tại {xa}",
             "Nhóm tín đồ tại {thon}, {xa} có nhu cầu đăng ký sinh hoạt tôn giáo tập trung nhưng chưa được hướng dẫn thủ "
             "tục, hồ sơ nộp từ {thang} chưa có trả lời. Đề nghị Sở Dân tộc và Tôn giáo hướng dẫn, giải quyết."),
    ItemText("khac-khcn", "khac", "gop_y", "so-khcn",
             "Góp ý hỗ trợ doanh nghiệp nhỏ đăng ký nhãn hiệu cho sản phẩm đặc sản địa phương",
             "Đề nghị Sở Khoa học và Công nghệ hỗ trợ các hợp tác xã ở {xa} đăng ký nhãn hiệu tập thể, truy xuất nguồn "
             "gốc cho sản phẩm đặc sản, tổ chức tập huấn về sở hữu trí tuệ tại xã.", place="rural"),
)

# Letters whose several contents are split into separate items (R5).
SPLIT_LETTERS: tuple[dict, ...] = (
    dict(category="dat-dai", unit="commune", type="khieu_nai",
         title="Đơn khiếu nại và kiến nghị liên quan đến thu hồi đất, cấp giấy chứng nhận tại {thon}",
         content="Đơn của tôi có hai nội dung. Thứ nhất, khiếu nại Quyết định số {so_qd} ngày {ngay_qd} của Chủ tịch "
                 "UBND {xa} về thu hồi {dt} m² đất của gia đình. Thứ hai, kiến nghị cấp Giấy chứng nhận quyền sử dụng "
                 "đất cho phần diện tích còn lại tại {thua} mà gia đình đã nộp hồ sơ từ {thang}.",
         parts=(("khieu_nai", "Khiếu nại quyết định thu hồi đất tại {thon}",
                 "Khiếu nại Quyết định số {so_qd} ngày {ngay_qd} của Chủ tịch UBND {xa} về việc thu hồi {dt} m² đất nông "
                 "nghiệp của gia đình (tách từ đơn có nhiều nội dung)."),
                ("kien_nghi", "Kiến nghị cấp Giấy chứng nhận cho phần đất còn lại tại {thua}",
                 "Kiến nghị cấp Giấy chứng nhận quyền sử dụng đất cho phần diện tích còn lại tại {thua}, hồ sơ nộp từ "
                 "{thang} (tách từ đơn có nhiều nội dung)."))),
    dict(category="giao-duc", unit="commune", type="phan_anh",
         title="Đơn phản ánh khoản thu đầu năm và tố cáo hiệu trưởng {truong}",
         content="Phụ huynh chúng tôi phản ánh các khoản thu ngoài quy định đầu năm học tại {truong}, đồng thời tố cáo "
                 "hiệu trưởng nhà trường sử dụng tiền quỹ cha mẹ học sinh sai mục đích, không công khai quyết toán.",
         parts=(("phan_anh", "Phản ánh các khoản thu ngoài quy định tại {truong}",
                 "Phản ánh các khoản thu ngoài quy định đầu năm học tại {truong} (tách từ đơn có nhiều nội dung)."),
                ("to_cao", "Tố cáo việc sử dụng quỹ cha mẹ học sinh sai mục đích tại {truong}",
                 "Tố cáo hiệu trưởng {truong} sử dụng tiền quỹ cha mẹ học sinh sai mục đích, không công khai quyết "
                 "toán (tách từ đơn có nhiều nội dung)."))),
    dict(category="moi-truong", unit="commune", type="phan_anh",
         title="Đơn phản ánh ô nhiễm và kiến nghị làm đường tại {thon}",
         content="Chúng tôi phản ánh bãi tập kết vật liệu ven {song} gây bụi, ô nhiễm; đồng thời kiến nghị nâng cấp "
                 "đường liên thôn qua {thon} đã hư hỏng nặng do xe tải.",
         parts=(("phan_anh", "Phản ánh bãi tập kết vật liệu gây ô nhiễm ven {song}",
                 "Bãi tập kết vật liệu ven {song} tại {thon} gây bụi, ô nhiễm (tách từ đơn có nhiều nội dung)."),
                ("kien_nghi", "Kiến nghị nâng cấp đường liên thôn qua {thon}",
                 "Đường liên thôn qua {thon} hư hỏng nặng do xe tải, đề nghị nâng cấp (tách từ đơn có nhiều nội dung)."))),
)

# Second-time complaints (round 2), to the inspectorate after the commune's first-time decision.
ROUND2_TITLE = "Khiếu nại lần hai đối với quyết định giải quyết khiếu nại lần đầu của Chủ tịch UBND {xa}"
ROUND2_RESULT = ("Ngày {ngay_xl}, Chủ tịch UBND tỉnh đã ban hành quyết định giải quyết khiếu nại lần hai theo đề nghị "
                 "của Thanh tra tỉnh: công nhận một phần nội dung khiếu nại, yêu cầu Chủ tịch UBND {xa} điều chỉnh quyết "
                 "định giải quyết lần đầu trong 30 ngày. Nếu không đồng ý, ông/bà có quyền khởi kiện vụ án hành chính tại "
                 "Tòa án theo quy định.")
ROUND2_CONTENT = ("Tôi không đồng ý với Quyết định giải quyết khiếu nại lần đầu số {so_qd} ngày {ngay_qd} của Chủ tịch "
                  "UBND {xa} đối với khiếu nại của tôi (mã hồ sơ {ma_truoc}). Quyết định chưa xem xét biên bản đo đạc "
                  "năm 2012 và xác nhận của các hộ liền kề mà tôi đã cung cấp. Đề nghị Chủ tịch UBND tỉnh giải quyết "
                  "khiếu nại lần hai theo quy định.")

# Anonymous letters (R3): most are archived; one kind names the violator with verifiable evidence.
ANONYMOUS_TEXTS: tuple[tuple[str, str, str, str], ...] = (
    ("to_cao", "tham-nhung", "Đơn không ký tên tố cáo cán bộ xã “làm luật” khi cấp phép xây dựng",
     "Một người dân gửi đơn không ký tên, tố cáo chung chung rằng “cán bộ xã” nhận tiền khi cấp phép xây dựng, không nêu "
     "tên người vi phạm, thời gian, địa điểm và không kèm tài liệu."),
    ("khieu_nai", "dat-dai", "Đơn không ghi họ tên, địa chỉ khiếu nại việc thu hồi đất",
     "Đơn bỏ hòm thư góp ý, không ghi họ tên, địa chỉ người gửi, khiếu nại việc thu hồi đất làm đường nhưng không nêu "
     "quyết định bị khiếu nại."),
    ("to_cao", "dao-duc-can-bo", "Thư nặc danh tố cáo cán bộ có quan hệ bất chính",
     "Thư không ký tên bỏ hòm thư tại trụ sở, nội dung tố cáo đời tư của một cán bộ, không nêu cụ thể hành vi vi phạm "
     "pháp luật và không có tài liệu chứng minh."),
)
ANONYMOUS_WITH_EVIDENCE = (
    "to_cao", "tham-nhung", "Đơn không ký tên tố cáo việc nghiệm thu khống công trình kênh mương tại {thon}",
    "Đơn không ký tên gửi kèm bản chụp biên bản nghiệm thu và ảnh hiện trường, tố cáo công trình kênh mương nội đồng "
    "{thon}, {xa} được nghiệm thu đủ khối lượng bê tông nhưng thực tế chỉ thi công khoảng 60% chiều dài tuyến; nêu rõ "
    "tên nhà thầu và ngày nghiệm thu {ngay}.",
)

# --- Fill-ins for the texts ----------------------------------------------------------------------

PROJECTS = ("dự án Khu dân cư Đồng Xanh", "dự án nâng cấp, mở rộng đường tỉnh 291", "dự án Cụm công nghiệp Tân Phú",
            "dự án Hồ chứa nước Khe Lau", "dự án Đường vành đai phía Bắc", "dự án Khu tái định cư Bến Lội")
COMPANIES = ("Công ty TNHH Vật liệu xây dựng Hoàng Phát", "Công ty CP Chế biến gỗ Tân Tiến",
             "Công ty TNHH Chăn nuôi Phú Gia", "Công ty CP Khoáng sản Minh Giang", "Công ty TNHH Giấy bao bì Hòa An")
RIVERS = ("sông Minh Giang", "sông Cầu Rào", "suối Nậm Khoa", "sông Đào")
HOSPITALS = ("Bệnh viện Đa khoa tỉnh Minh Bạch", "Trung tâm Y tế khu vực Bắc Sơn", "Bệnh viện Sản – Nhi tỉnh Minh Bạch")

# --- Handling texts ------------------------------------------------------------------------------

RESULTS: dict[str, tuple[str, ...]] = {
    "phan_anh": (
        "Ngày {ngay_xl}, {don_vi} đã chủ trì, phối hợp với các đơn vị liên quan kiểm tra thực tế. Nội dung phản ánh là "
        "đúng; đơn vị đã lập biên bản, yêu cầu tổ chức, cá nhân liên quan khắc phục trong 15 ngày và sẽ kiểm tra lại việc "
        "khắc phục.",
        "Qua kiểm tra ngày {ngay_xl}, nội dung phản ánh đúng một phần. {don_vi} đã nhắc nhở, yêu cầu chấn chỉnh các tồn "
        "tại nêu trong biên bản; các nội dung còn lại không có cơ sở.",
        "Ngày {ngay_xl}, {don_vi} đã kiểm tra hiện trường và làm việc với các hộ liên quan: không phát hiện vi phạm như "
        "nội dung phản ánh. Đơn vị sẽ tiếp tục theo dõi; đề nghị ông/bà thông báo ngay nếu phát hiện sự việc tái diễn.",
    ),
    "kien_nghi": (
        "Kiến nghị của ông/bà là chính đáng. {don_vi} đã đưa nội dung vào kế hoạch năm {nam_sau} và giao bộ phận chuyên "
        "môn tổ chức thực hiện, dự kiến hoàn thành trong quý II/{nam_sau}.",
        "{don_vi} đã xem xét và có văn bản trả lời: bộ phận chuyên môn đã khảo sát thực tế ngày {ngay_xl}; nội dung kiến "
        "nghị được giải quyết trong phạm vi thẩm quyền, phần còn lại được tổng hợp báo cáo cấp có thẩm quyền; kết quả "
        "thực hiện sẽ được công khai trên Cổng Minh Bạch.",
        "Nội dung kiến nghị đã được tiếp thu. Do nguồn vốn năm nay đã phân bổ hết, {don_vi} sẽ tổng hợp, đề xuất bố trí "
        "kinh phí trong kế hoạch đầu tư công trung hạn; kết quả sẽ được thông báo công khai.",
    ),
    "gop_y": (
        "Cảm ơn ý kiến góp ý của ông/bà. {don_vi} đã tiếp thu, tổng hợp vào báo cáo tiếp thu, giải trình ý kiến góp ý và "
        "điều chỉnh nội dung liên quan trong văn bản.",
        "{don_vi} ghi nhận và đánh giá cao ý kiến góp ý; một số đề xuất đã được đưa vào kế hoạch triển khai năm {nam_sau}.",
    ),
    "khieu_nai": (
        "Ngày {ngay_xl}, {chuc_danh} đã ban hành quyết định giải quyết khiếu nại lần đầu: khiếu nại của ông/bà là đúng một "
        "phần; điều chỉnh nội dung quyết định bị khiếu nại như kết quả xác minh và giữ nguyên các nội dung còn lại. Nếu "
        "không đồng ý, ông/bà có quyền khiếu nại lần hai hoặc khởi kiện vụ án hành chính theo quy định.",
        "Ngày {ngay_xl}, {chuc_danh} đã ban hành quyết định giải quyết khiếu nại: khiếu nại của ông/bà là đúng; thu hồi, "
        "hủy bỏ quyết định hành chính bị khiếu nại và khôi phục quyền, lợi ích hợp pháp của người khiếu nại.",
        "Ngày {ngay_xl}, {chuc_danh} đã ban hành quyết định giải quyết khiếu nại: khiếu nại của ông/bà là không có cơ sở; "
        "giữ nguyên quyết định hành chính bị khiếu nại. Nếu không đồng ý, ông/bà có quyền khiếu nại lần hai hoặc khởi kiện "
        "vụ án hành chính theo quy định.",
    ),
    "to_cao": (
        "Ngày {ngay_xl}, {chuc_danh} đã ban hành kết luận nội dung tố cáo: tố cáo đúng một phần. Đã yêu cầu người bị tố cáo "
        "kiểm điểm, xử lý kỷ luật bằng hình thức khiển trách và khắc phục hậu quả; kết quả được thông báo cho người tố cáo "
        "theo quy định, thông tin về người tố cáo được giữ bí mật.",
        "Ngày {ngay_xl}, {chuc_danh} đã ban hành kết luận nội dung tố cáo: tố cáo đúng. Đã chuyển hồ sơ hành vi có dấu hiệu "
        "tội phạm sang cơ quan điều tra và tạm đình chỉ công tác người bị tố cáo.",
        "Ngày {ngay_xl}, {chuc_danh} đã ban hành kết luận nội dung tố cáo: tố cáo không đúng; không có căn cứ xử lý người "
        "bị tố cáo.",
    ),
    "giai_trinh": (
        "{don_vi} đã giải trình bằng văn bản ngày {ngay_xl}: nêu căn cứ pháp lý, quá trình thực hiện và trách nhiệm của "
        "đơn vị đối với nội dung ông/bà yêu cầu; đồng thời hướng dẫn thủ tục để ông/bà được xem xét lại quyền lợi.",
        "{don_vi} đã tổ chức buổi làm việc trực tiếp ngày {ngay_xl} để giải trình và gửi văn bản giải trình; nội dung yêu "
        "cầu đã được làm rõ, các sai sót trong quá trình thực hiện đã được khắc phục.",
    ),
}

REFUSALS: dict[str, tuple[str, ...]] = {
    "khieu_nai": (
        "Đơn khiếu nại gửi quá thời hiệu 90 ngày kể từ ngày nhận được quyết định hành chính (Điều 9 Luật Khiếu nại 2011) "
        "và không có lý do bất khả kháng.",
        "Người khiếu nại không có quyền, lợi ích hợp pháp chịu tác động trực tiếp bởi quyết định bị khiếu nại (Điều 11 "
        "Luật Khiếu nại 2011).",
        "Việc khiếu nại đã được Tòa án thụ lý giải quyết (Điều 11 Luật Khiếu nại 2011).",
    ),
    "to_cao": (
        "Nội dung tố cáo đã được giải quyết; người tố cáo không cung cấp thông tin, tình tiết mới (Điều 29 Luật Tố cáo 2018).",
    ),
    "giai_trinh": (
        "Nội dung yêu cầu giải trình đã được giải trình; người yêu cầu không đưa ra thông tin mới (Điều 6 Nghị định "
        "59/2019/NĐ-CP).",
        "Nội dung yêu cầu giải trình thuộc chỉ đạo, điều hành nội bộ của cơ quan (Điều 5 Nghị định 59/2019/NĐ-CP).",
    ),
    "default": (
        "Nội dung đơn trùng với đơn đã được trả lời bằng văn bản; không có thông tin, tình tiết mới.",
    ),
}

GUIDANCE: tuple[tuple[str, str], ...] = (
    ("Tòa án nhân dân khu vực 1 – Minh Bạch",
     "Nội dung đơn là tranh chấp dân sự giữa các cá nhân (hợp đồng vay tài sản, ranh giới đất đã có giấy chứng nhận), "
     "thuộc thẩm quyền giải quyết của Tòa án; hướng dẫn công dân gửi đơn khởi kiện đến Tòa án nhân dân khu vực."),
    ("Công an tỉnh Minh Bạch",
     "Nội dung đơn là tố giác hành vi có dấu hiệu tội phạm, thuộc thẩm quyền tiếp nhận, giải quyết của cơ quan điều tra; "
     "hướng dẫn công dân gửi đơn đến Công an tỉnh."),
    ("Bảo hiểm xã hội tỉnh Minh Bạch",
     "Nội dung đơn liên quan đến việc giải quyết chế độ bảo hiểm xã hội, thuộc thẩm quyền của cơ quan bảo hiểm xã hội; "
     "hướng dẫn công dân liên hệ Bảo hiểm xã hội tỉnh."),
    ("Công ty Điện lực Minh Bạch",
     "Nội dung đơn là tranh chấp hợp đồng mua bán điện giữa khách hàng và đơn vị điện lực; hướng dẫn công dân liên hệ "
     "Công ty Điện lực để được giải quyết theo hợp đồng."),
    ("Tổ hòa giải ở cơ sở",
     "Nội dung đơn là mâu thuẫn giữa các hộ liền kề, cần được hòa giải ở cơ sở trước; hướng dẫn công dân đề nghị Tổ hòa "
     "giải thôn, tổ dân phố tổ chức hòa giải."),
)

SUPPLEMENT_REQUESTS: tuple[str, ...] = (
    "Đề nghị ông/bà bổ sung bản sao quyết định bị khiếu nại và giấy tờ chứng minh quyền sử dụng đất để có căn cứ thụ lý.",
    "Đề nghị ông/bà cung cấp thêm thông tin về địa điểm cụ thể, thời gian xảy ra sự việc và hình ảnh (nếu có).",
    "Đề nghị ông/bà bổ sung giấy ủy quyền hợp lệ của người có quyền khiếu nại, vì người ký đơn là người được ủy quyền.",
    "Đơn chưa ghi rõ nội dung yêu cầu giải trình; đề nghị ông/bà nêu cụ thể nội dung cần giải trình.",
)

# The citizen's answer to a request to supplement (it resumes the paused clocks).
CITIZEN_SUPPLEMENTS: tuple[str, ...] = (
    "Tôi xin gửi bổ sung bản chụp Giấy chứng nhận quyền sử dụng đất và quyết định mà tôi khiếu nại.",
    "Sự việc xảy ra nhiều lần, gần nhất vào khoảng 23 giờ tối thứ Bảy tuần trước; tôi gửi kèm ảnh chụp hiện trường.",
    "Tôi xin gửi giấy ủy quyền có chứng thực và bản sao căn cước của người ủy quyền.",
    "Nội dung tôi đề nghị giải trình là căn cứ và cách tính khoản tiền đã bị dừng chi trả từ tháng trước.",
)
# The citizen writing while the item is being handled.
CITIZEN_FOLLOWUPS: tuple[str, ...] = (
    "Tôi đề nghị cơ quan sớm có văn bản trả lời vì sự việc ảnh hưởng trực tiếp đến sinh hoạt của gia đình.",
    "Cảm ơn cơ quan đã tiếp nhận. Tôi có thể có mặt làm việc vào các buổi sáng trong tuần.",
    "Sự việc vẫn tiếp diễn trong tuần này; đề nghị cơ quan kiểm tra vào buổi tối.",
)

STAFF_MESSAGES: tuple[str, ...] = (
    "{don_vi} đã nhận đơn của ông/bà và đang tổ chức kiểm tra thực tế; kết quả sẽ được thông báo trong thời hạn quy định.",
    "Đề nghị ông/bà có mặt tại trụ sở {don_vi} vào 8 giờ sáng thứ Ba tuần tới để làm việc, mang theo giấy tờ liên quan.",
    "{don_vi} đã mời các bên liên quan làm việc; ông/bà có thể theo dõi tiến độ bằng mã hồ sơ trên Cổng Minh Bạch.",
)

LEADER_NOTES: tuple[str, ...] = (
    "Giao đ/c {nguoi_xl} chủ trì kiểm tra, xác minh, báo cáo đề xuất trước thời hạn; phối hợp với các bộ phận liên quan.",
    "Đ/c {nguoi_xl} lưu ý làm việc trực tiếp với công dân, lập biên bản, báo cáo kết quả để ký văn bản trả lời.",
    "Nội dung phức tạp, đ/c {nguoi_xl} đề xuất thành lập tổ xác minh nếu cần.",
)
HANDLER_NOTES: tuple[str, ...] = (
    "Đã làm việc với trưởng thôn và các hộ liên quan, lập biên bản kiểm tra hiện trường; đang dự thảo văn bản trả lời.",
    "Đã đề nghị bộ phận chuyên môn cung cấp hồ sơ gốc; dự kiến báo cáo lãnh đạo trong tuần.",
    "Đã gọi điện cho người gửi đơn để làm rõ nội dung; người gửi đồng ý làm việc trực tiếp.",
)
OFFICE_NOTES: tuple[str, ...] = (
    "Văn phòng UBND tỉnh đề nghị đơn vị khẩn trương xử lý đơn theo quy định, báo cáo kết quả trước ngày 25 hằng tháng "
    "để tổng hợp.",
    "Đơn đã quá hạn xử lý; đề nghị thủ trưởng đơn vị chỉ đạo giải quyết dứt điểm, tránh để công dân gửi đơn vượt cấp.",
)
EXTENSION_REASONS: tuple[str, ...] = (
    "Vụ việc phức tạp, cần đo đạc lại hiện trạng thửa đất và lấy ý kiến các cơ quan liên quan.",
    "Cần xác minh tại nhiều địa điểm và làm việc với nhiều tổ chức, cá nhân liên quan.",
    "Chờ kết quả trưng cầu giám định tài liệu, chứng cứ do người gửi đơn cung cấp.",
)
REOPEN_REASONS: tuple[str, ...] = (
    "Người gửi đơn cung cấp tài liệu mới (biên bản đo đạc năm 2012) chưa được xem xét; mở lại để xác minh bổ sung.",
    "Kiểm tra lại cho thấy văn bản trả lời chưa đầy đủ nội dung thứ hai của đơn; mở lại để trả lời bổ sung.",
)
FORWARD_REASONS: tuple[str, ...] = (
    "Nội dung đơn thuộc thẩm quyền giải quyết của {den}; chuyển đơn theo quy định.",
    "Đơn gửi không đúng cơ quan có thẩm quyền; chuyển {den} xem xét, giải quyết và trả lời công dân.",
)
ARCHIVE_REASON = ("Đơn nặc danh, không rõ họ tên, địa chỉ người gửi, không nêu cụ thể người vi phạm và không có tài "
                  "liệu, chứng cứ cụ thể có cơ sở thẩm tra (R3); lưu đơn.")
MERGE_REASON = "Đơn trùng nội dung, cùng người gửi với đơn đang giải quyết; gộp để giải quyết một lần."
SPLIT_REASON = "Đơn có nhiều nội dung thuộc các loại khác nhau; tách để xử lý theo đúng trình tự của từng loại (R5)."
DUPLICATE_SUFFIX = " (gửi lại lần 2)"

FRONT_ORGANISATIONS = ("Ủy ban MTTQ Việt Nam tỉnh Minh Bạch (công văn chuyển đơn của Ban Thường trực)",
                       "Hội Nông dân tỉnh Minh Bạch (chuyển ý kiến hội viên)",
                       "Hội Cựu chiến binh tỉnh Minh Bạch (chuyển ý kiến hội viên)",
                       "Hội Liên hiệp Phụ nữ tỉnh Minh Bạch (chuyển ý kiến hội viên)")
VOTERS_ORGANISATION = "Tổ đại biểu HĐND tỉnh đơn vị bầu cử số {n} (tổng hợp ý kiến cử tri trước kỳ họp)"

