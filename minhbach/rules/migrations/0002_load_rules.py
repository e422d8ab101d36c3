"""Load every row of LEGAL_RULES.md (as researched, late 2026) plus P1, the administrator's default.

effective_from is the date the cited act came into force; rows whose figure the research marks
*unverified* say in their note that the figure is a default an administrator can change.
The data is kept here, not imported from the app, so that this migration never changes.
"""
import datetime as dt

from django.db import migrations

D = dt.date
UNVERIFIED = "Figure unverified: shipped as a default that an administrator can change."

ROWS = [
    # --- Receiving and processing letters (TT 05/2021/TT-TTCP, in force 15/11/2021) ---
    dict(code="R1", stage="classify", applies_to=[], legal_basis="TT 05/2021/TT-TTCP art. 6",
         title_en="Classify every incoming letter by content, not title: complaint / denunciation / petition-report / several contents",
         title_vi="Phân loại đơn theo nội dung, không theo tiêu đề: khiếu nại / tố cáo / kiến nghị, phản ánh / nhiều nội dung",
         figure_text="4 classes", effective_from=D(2021, 11, 15)),
    dict(code="R2", stage="process", applies_to=[], legal_basis="TT 05/2021/TT-TTCP",
         title_en="Process (classify and decide the handling of) a received letter",
         title_vi="Xử lý đơn (phân loại và quyết định hướng xử lý) đơn đã tiếp nhận",
         days=10, day_type="working", figure_text="10 working days", note=UNVERIFIED,
         effective_from=D(2021, 11, 15)),
    dict(code="R3", stage="classify", applies_to=[], legal_basis="TT 05/2021/TT-TTCP; Law on Denunciation 2018 art. 25",
         title_en="Anonymous letter: not handled, unless it names the violator and gives specific, verifiable evidence (then it may be used for inspection)",
         title_vi="Đơn nặc danh: không xử lý, trừ khi nêu rõ người vi phạm và có tài liệu, chứng cứ cụ thể, có cơ sở thẩm tra (khi đó có thể dùng để thanh tra, kiểm tra)",
         effective_from=D(2021, 11, 15)),
    dict(code="R4", stage="archive", applies_to=[], legal_basis="TT 05/2021/TT-TTCP art. 28",
         title_en="Ineligible letters and repeats on finally decided cases without new facts are archived",
         title_vi="Đơn không đủ điều kiện xử lý và đơn trùng về vụ việc đã giải quyết, không có tình tiết mới được lưu",
         figure_text="kept 1 year", effective_from=D(2021, 11, 15)),
    dict(code="R5", stage="route", applies_to=[], legal_basis="TT 05/2021/TT-TTCP",
         title_en="Letter with several contents: ask the sender to split it; complaint outside competence: guide once; denunciation or petition outside competence: forward",
         title_vi="Đơn có nhiều nội dung: hướng dẫn tách đơn; khiếu nại không thuộc thẩm quyền: hướng dẫn một lần; tố cáo, kiến nghị không thuộc thẩm quyền: chuyển đơn",
         note="Article of TT 05/2021 unverified.", effective_from=D(2021, 11, 15)),
    # --- Complaints (Law on Complaints 2011, in force 1/7/2012) ---
    dict(code="C1", stage="accept", applies_to=["khieu_nai"], legal_basis="Law on Complaints 2011 art. 27",
         title_en="Accept (thụ lý) a first complaint, or refuse in writing with reasons",
         title_vi="Thụ lý khiếu nại lần đầu, hoặc từ chối bằng văn bản nêu rõ lý do",
         days=10, day_type="calendar", figure_text="10 days", effective_from=D(2012, 7, 1)),
    dict(code="C2", stage="resolve", applies_to=["khieu_nai"], legal_basis="Law on Complaints 2011 art. 28",
         title_en="Resolve a first complaint", title_vi="Giải quyết khiếu nại lần đầu",
         days=30, day_type="calendar", extension_days=15, max_extensions=1,
         variant_days={"complex": 45, "remote": {"days": 45, "extension_days": 15, "max_extensions": 1},
                       "remote_complex": 60},
         figure_text="30 (complex 45); remote areas 45 (complex 60) days from acceptance",
         note="A complex case is the base period plus one extension of 15 days.",
         effective_from=D(2012, 7, 1)),
    dict(code="C3", stage="resolve", applies_to=["khieu_nai"], legal_basis="Law on Complaints 2011 art. 37",
         title_en="Resolve a second complaint", title_vi="Giải quyết khiếu nại lần hai",
         days=45, day_type="calendar", extension_days=15, max_extensions=1,
         variant_days={"complex": 60, "remote": {"days": 60, "extension_days": 10, "max_extensions": 1},
                       "remote_complex": 70},
         figure_text="45 (complex 60); remote areas 60 (complex 70) days from acceptance",
         note="A complex case is the base period plus one extension (15 days; 10 in remote areas).",
         effective_from=D(2012, 7, 1)),
    dict(code="C4", stage="file", applies_to=["khieu_nai"], legal_basis="Law on Complaints 2011 art. 9",
         title_en="Time the citizen has to complain", title_vi="Thời hiệu khiếu nại",
         days=90, day_type="calendar", figure_text="90 days from learning of the decision/act",
         effective_from=D(2012, 7, 1)),
    dict(code="C5", stage="publish", applies_to=["khieu_nai"], legal_basis="Decree 124/2020/NĐ-CP art. 29",
         title_en="Publish a complaint decision: meeting, posting at the office, or media",
         title_vi="Công khai quyết định giải quyết khiếu nại: công bố tại cuộc họp, niêm yết tại trụ sở hoặc thông báo trên phương tiện thông tin đại chúng",
         days=15, day_type="calendar",
         figure_text="within 15 days; posting ≥ 15 days; online ≥ 15 consecutive days",
         effective_from=D(2020, 12, 5)),
    # --- Denunciations (Law on Denunciation 2018, in force 1/1/2019) ---
    dict(code="D1", stage="process", applies_to=["to_cao"], legal_basis="Law on Denunciation 2018 art. 24",
         title_en="Initial handling of a denunciation (record, classify, check conditions)",
         title_vi="Xử lý ban đầu thông tin tố cáo (vào sổ, phân loại, kiểm tra điều kiện thụ lý)",
         days=7, day_type="working", extension_days=3, max_extensions=1,
         variant_days={"several_places": 10, "forward": 5},
         figure_text="7 working days (10 if several places to verify); forward within 5 if outside competence",
         note="Several places to verify = one extension of 3 working days. "
              "The 5 working days to forward are unverified: a default an administrator can change.",
         effective_from=D(2019, 1, 1)),
    dict(code="D2", stage="notify", applies_to=["to_cao"], legal_basis="Law on Denunciation 2018 art. 29",
         title_en="Notify the denouncer and the denounced of the acceptance",
         title_vi="Thông báo việc thụ lý tố cáo cho người tố cáo và người bị tố cáo",
         days=5, day_type="working", figure_text="5 working days from the acceptance decision",
         effective_from=D(2019, 1, 1)),
    dict(code="D3", stage="resolve", applies_to=["to_cao"], legal_basis="Law on Denunciation 2018 art. 30",
         title_en="Resolve a denunciation", title_vi="Giải quyết tố cáo",
         days=30, day_type="calendar", extension_days=30, max_extensions=2,
         figure_text="30 days from acceptance; complex: one extension ≤ 30; especially complex: two extensions ≤ 30 each",
         note="Each extension is decided in writing and notified.", effective_from=D(2019, 1, 1)),
    dict(code="D4", stage="protect", applies_to=["to_cao"],
         legal_basis="Law on Denunciation 2018 art. 9, 47, 56; QĐ 774/QĐ-TTg 2020",
         title_en="Denouncer protection: keep name, address, handwriting and other personal data confidential; strip identity from letters and documents given to verifiers; protected persons include spouse, parents, children",
         title_vi="Bảo vệ người tố cáo: giữ bí mật họ tên, địa chỉ, bút tích và thông tin cá nhân khác; loại bỏ thông tin về người tố cáo trong tài liệu giao cho người xác minh; người được bảo vệ gồm cả vợ, chồng, cha, mẹ, con",
         note="Identity data is a state secret (QĐ 774/QĐ-TTg 2020).", effective_from=D(2019, 1, 1)),
    # --- Accountability (Decree 59/2019/NĐ-CP, in force 15/8/2019) ---
    dict(code="A1", stage="accept", applies_to=["giai_trinh"], legal_basis="Decree 59/2019/NĐ-CP art. 10–11",
         title_en="Accountability request (yêu cầu giải trình): accept or refuse",
         title_vi="Tiếp nhận hoặc từ chối yêu cầu giải trình",
         days=5, day_type="working", figure_text="5 working days", effective_from=D(2019, 8, 15)),
    dict(code="A2", stage="explain", applies_to=["giai_trinh"], legal_basis="Decree 59/2019/NĐ-CP art. 13",
         title_en="Give the explanation", title_vi="Thực hiện việc giải trình",
         days=15, day_type="calendar", extension_days=15, max_extensions=1,
         figure_text="≤ 15 days from acceptance; one extension ≤ 15, notified in writing",
         effective_from=D(2019, 8, 15)),
    dict(code="A3", stage="accept", applies_to=["giai_trinh"], legal_basis="Decree 59/2019/NĐ-CP art. 4–6",
         title_en="Refuse when: conditions not met; out of scope (state, business or personal secrets; internal directions); already explained; requester drunk or disorderly; representative without papers",
         title_vi="Từ chối giải trình khi: không đủ điều kiện; nội dung không thuộc phạm vi (bí mật nhà nước, bí mật kinh doanh, bí mật đời tư; chỉ đạo nội bộ); đã được giải trình; người yêu cầu say rượu, gây rối; người đại diện không có giấy tờ hợp lệ",
         effective_from=D(2019, 8, 15)),
    # --- Citizen reception (Law on Citizen Reception 2013, in force 1/7/2014) ---
    dict(code="T1", stage="receive", applies_to=[], legal_basis="Law on Citizen Reception 2013 art. 12",
         title_en="Reception by the head of a provincial People's Committee",
         title_vi="Tiếp công dân của Chủ tịch Ủy ban nhân dân cấp tỉnh",
         figure_text="≥ 1 day a month", effective_from=D(2014, 7, 1)),
    dict(code="T2", stage="receive", applies_to=[], legal_basis="Law on Citizen Reception 2013 art. 15",
         title_en="Reception by a commune chair (plus urgent ad-hoc receptions)",
         title_vi="Tiếp công dân của Chủ tịch Ủy ban nhân dân cấp xã (và tiếp đột xuất khi có vụ việc cấp bách)",
         figure_text="≥ 1 day a week", effective_from=D(2014, 7, 1)),
    dict(code="T3", stage="receive", applies_to=[], legal_basis="Law on Citizen Reception 2013 art. 18; Decree 64/2014/NĐ-CP art. 4",
         title_en="Reception by heads of other administrative agencies",
         title_vi="Tiếp công dân của người đứng đầu cơ quan hành chính khác",
         figure_text="≥ 1 day a month", effective_from=D(2014, 7, 1)),
    dict(code="T4", stage="receive", applies_to=[], legal_basis="Law on Citizen Reception 2013 art. 13",
         title_en="District chair (history only: districts abolished 1/7/2025)",
         title_vi="Tiếp công dân của Chủ tịch Ủy ban nhân dân cấp huyện (chỉ còn giá trị lịch sử: cấp huyện chấm dứt từ 1/7/2025)",
         figure_text="≥ 2 days a month", effective_from=D(2014, 7, 1), effective_to=D(2025, 6, 30)),
    dict(code="T5", stage="receive", applies_to=[], legal_basis="Decree 64/2014/NĐ-CP art. 6",
         title_en="Groups: 5–10 people send 1–2 representatives; more than 10, more representatives, at most 5",
         title_vi="Nhiều người cùng đến: 5–10 người cử 1–2 người đại diện; trên 10 người có thể cử thêm nhưng không quá 5 người",
         note="Article unverified.", effective_from=D(2014, 8, 15)),
    dict(code="T6", stage="receive", applies_to=[], legal_basis="TT 04/2021/TT-TTCP form 03",
         title_en="Reception book columns: no.; date; name and address; ID number; content; classification and number of people; agency already handling; handling (accept / return and guide / forward); follow-up; notes",
         title_vi="Các cột của sổ tiếp công dân: số thứ tự; ngày tiếp; họ tên, địa chỉ; số giấy tờ tùy thân; nội dung; phân loại và số người; cơ quan đã giải quyết; hướng xử lý (thụ lý / trả lại đơn và hướng dẫn / chuyển đơn); theo dõi kết quả; ghi chú",
         effective_from=D(2021, 11, 15)),
    # --- Assets and income (Law on Anti-Corruption 2018, in force 1/7/2019) ---
    dict(code="K1", stage="declare", applies_to=[], legal_basis="Law on Anti-Corruption 2018 art. 36",
         title_en="Annual asset and income declaration", title_vi="Kê khai tài sản, thu nhập hằng năm",
         figure_text="by 31/12", effective_from=D(2019, 7, 1)),
    dict(code="K2", stage="declare", applies_to=[], legal_basis="Law on Anti-Corruption 2018 art. 36",
         title_en="Additional declaration when assets or income change",
         title_vi="Kê khai bổ sung khi có biến động tài sản, thu nhập",
         figure_text="increase ≥ 300 million VND; per-asset threshold 50 million VND",
         effective_from=D(2019, 7, 1), effective_to=D(2026, 6, 30)),
    dict(code="K2", stage="declare", applies_to=[],
         legal_basis="Law on Anti-Corruption 2018 art. 36 as amended by Law 132/2025/QH15",
         title_en="Additional declaration when assets or income change",
         title_vi="Kê khai bổ sung khi có biến động tài sản, thu nhập",
         figure_text="increase ≥ 1 billion VND; per-asset threshold 150 million VND",
         effective_from=D(2026, 7, 1)),
    dict(code="K3", stage="publish", applies_to=[], legal_basis="Law on Anti-Corruption 2018 art. 39; Decree 130/2020/NĐ-CP art. 11",
         title_en="Disclose declarations: at a meeting (≥ 70% attending) or by posting at the office",
         title_vi="Công khai bản kê khai: tại cuộc họp (≥ 70% số người được triệu tập tham dự) hoặc niêm yết tại trụ sở",
         days=5, day_type="calendar", figure_text="within 5 days of handing over; posting 15 days",
         note="Posting period of 15 days unverified: a default an administrator can change.",
         effective_from=D(2020, 12, 20)),
    dict(code="K4", stage="verify", applies_to=[], legal_basis="Decree 130/2020/NĐ-CP art. 15",
         title_en="Verification selection: plan by 31/01; ≥ 20% of agencies; within each, ≥ 10% of declarants incl. ≥ 1 head or deputy; random draw witnessed",
         title_vi="Lựa chọn xác minh tài sản, thu nhập: kế hoạch trước 31/01; ≥ 20% số cơ quan; trong mỗi cơ quan ≥ 10% số người kê khai, có ít nhất 1 người đứng đầu hoặc cấp phó; bốc thăm ngẫu nhiên có chứng kiến",
         figure_text="as stated", effective_from=D(2020, 12, 20)),
    # --- Confidence votes ---
    dict(code="V1", stage="vote", applies_to=[], legal_basis="Resolution 96/2023/QH15; Regulation 96-QĐ/TW 2023",
         title_en="Confidence vote levels: high / confidence / low. More than 1/2 and under 2/3 low: may resign, else a binding vote; 2/3 or more low: dismissal proposed. Valid only if ≥ 2/3 of those summoned take part (party rule). Once per term, end of the third year",
         title_vi="Lấy phiếu tín nhiệm: tín nhiệm cao / tín nhiệm / tín nhiệm thấp. Trên 1/2 đến dưới 2/3 tín nhiệm thấp: có thể xin từ chức, nếu không thì bỏ phiếu tín nhiệm; từ 2/3 trở lên: đề nghị miễn nhiệm. Chỉ có giá trị khi ≥ 2/3 số người được triệu tập tham gia (quy định của Đảng). Mỗi nhiệm kỳ một lần, vào cuối năm thứ ba",
         figure_text="as stated", effective_from=D(2023, 7, 1)),
    # --- Grassroots democracy (Law 10/2022/QH15, in force 1/7/2023) ---
    dict(code="G1", stage="publish", applies_to=[], legal_basis="Law on Grassroots Democracy 10/2022/QH15 art. 11",
         title_en="What a commune must disclose (12 items: plans, budgets quarterly/6-monthly/yearly, projects, land recovery and compensation, …)",
         title_vi="Những nội dung cấp xã phải công khai (12 nhóm: kế hoạch, ngân sách theo quý/6 tháng/năm, dự án, thu hồi đất và bồi thường, …)",
         effective_from=D(2023, 7, 1)),
    dict(code="G2", stage="publish", applies_to=[], legal_basis="Law on Grassroots Democracy 10/2022/QH15 art. 13",
         title_en="Disclosure forms: posting at the office (≥ 30 days); loudspeaker ≥ 3 consecutive days; through village heads",
         title_vi="Hình thức công khai: niêm yết tại trụ sở (≥ 30 ngày); loa truyền thanh ≥ 3 ngày liên tiếp; qua trưởng thôn, tổ trưởng tổ dân phố",
         day_type="calendar", figure_text="posting ≥ 30 days; loudspeaker ≥ 3 consecutive days",
         note="Posting period of 30 days unverified: a default an administrator can change.",
         effective_from=D(2023, 7, 1)),
    dict(code="G3", stage="supervise", applies_to=[],
         legal_basis="Law on Grassroots Democracy 10/2022/QH15 art. 36–38; Decree 59/2023/NĐ-CP art. 14",
         title_en="People's Inspection Board (≥ 5 members) sends its supervision plan in advance",
         title_vi="Ban Thanh tra nhân dân (≥ 5 thành viên) gửi trước kế hoạch giám sát",
         days=-5, day_type="working", figure_text="≥ 5 working days ahead",
         note="Counted backwards: the due date is the latest day to send the plan before the supervision starts.",
         effective_from=D(2023, 7, 1)),
    # --- Measurement, documents, organisation ---
    dict(code="S1", stage="survey", applies_to=[], legal_basis="QĐ 1001/QĐ-BNV 2023",
         title_en="Satisfaction (SIPAS) has five factors: access to the service; procedures; the officials; the result; receiving and handling feedback",
         title_vi="Chỉ số hài lòng (SIPAS) gồm năm yếu tố: tiếp cận dịch vụ; thủ tục hành chính; công chức; kết quả; tiếp nhận và xử lý ý kiến phản hồi",
         note="Date in force unverified (set to the start of 2024).", effective_from=D(2024, 1, 1)),
    dict(code="F1", stage="report", applies_to=[], legal_basis="Decree 30/2020/NĐ-CP annex I",
         title_en="Generated reports follow the administrative format: A4; margins top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm; Times New Roman 13–14; national title and motto; issuing body, number and symbol, place and date",
         title_vi="Báo cáo được tạo theo thể thức văn bản hành chính: khổ A4; lề trên/dưới 20–25 mm, trái 30–35 mm, phải 15–20 mm; Times New Roman cỡ 13–14; quốc hiệu và tiêu ngữ; tên cơ quan ban hành, số và ký hiệu, địa danh và ngày tháng",
         effective_from=D(2020, 3, 5)),
    dict(code="O1", stage="organise", applies_to=[], legal_basis="Resolution 202/2025/QH15; Decree 141/2025/NĐ-CP",
         title_en="Local government since 1/7/2025: 34 provinces, about 3,321 communes (xã, phường, đặc khu); no district level; inspectorates at government and province only",
         title_vi="Chính quyền địa phương từ 1/7/2025: 34 tỉnh, thành phố, khoảng 3.321 đơn vị hành chính cấp xã (xã, phường, đặc khu); không còn cấp huyện; thanh tra chỉ ở cấp Chính phủ và cấp tỉnh",
         note="Decree 141/2025/NĐ-CP is in force until 1/3/2027.",
         effective_from=D(2025, 7, 1), effective_to=D(2027, 2, 28)),
    # --- The administrator's default (not a statute) ---
    dict(code="P1", stage="process", applies_to=["gop_y", "phan_anh", "kien_nghi"],
         legal_basis="Administrator setting (not a statute)",
         title_en="Handle a suggestion, report or petition (default set by the administrator)",
         title_vi="Xử lý góp ý, phản ánh, kiến nghị (thời hạn mặc định do quản trị viên đặt)",
         days=15, day_type="working", figure_text="15 working days",
         note="A default set by the administrator, not a statutory figure; change it in the admin.",
         effective_from=D(2000, 1, 1)),
]


def load_rules(apps, schema_editor):
    Rule = apps.get_model("rules", "Rule")
    for row in ROWS:
        row = dict(row)
        Rule.objects.update_or_create(code=row.pop("code"), effective_from=row.pop("effective_from"), defaults=row)


def unload_rules(apps, schema_editor):
    Rule = apps.get_model("rules", "Rule")
    for row in ROWS:
        Rule.objects.filter(code=row["code"], effective_from=row["effective_from"]).delete()


class Migration(migrations.Migration):
    dependencies = [("rules", "0001_initial")]
    operations = [migrations.RunPython(load_rules, unload_rules)]
