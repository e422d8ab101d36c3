"""Timing normaliser: every timing phrase pattern of the annotated plans plus extra forms."""
from datetime import date

import pytest

from minhbach.plans.extract import normalize_timing
from minhbach.plans.extract.timing import find_adjuncts, find_designated, is_time_expression


def T(kind="none", due=None, start=None, recurrence=None, event=None):
    """Expected timing dict."""
    return {"kind": kind, "due": due, "start": start, "recurrence": recurrence, "event": event}


CASES = [
    # phrases found in the annotated plans
    ("thường xuyên", T("ongoing")),
    ("theo định kỳ hàng năm", T("recurring", recurrence="yearly")),
    ("trong năm 2018", T("deadline", due="2018-12-31")),
    ("trong năm 2020", T("deadline", due="2020-12-31")),
    ("trước ngày 10/7/2020", T("deadline", due="2020-07-10")),
    # GUIDE 7.6 table
    ("thực hiện thường xuyên", T("ongoing")),
    ("Thực hiện thường xuyên hoặc đột xuất", T("ongoing", event="ad hoc as needed")),
    ("thường xuyên hoặc định kỳ", T("ongoing", recurrence="periodic-unspecified")),
    ("năm 2022 và các năm tiếp theo", T("ongoing", start="2022-01-01")),
    ("năm 2022 và những năm tiếp theo", T("ongoing", start="2022-01-01")),
    ("năm 2022 và thường xuyên", T("ongoing", start="2022-01-01")),
    ("thực hiện hằng năm, từ năm 2022", T("recurring", start="2022-01-01", recurrence="yearly")),
    ("theo định kỳ và đột xuất", T("recurring", recurrence="periodic-unspecified", event="ad hoc as needed")),
    ("trong tháng 02/2022", T("deadline", due="2022-02-28")),
    ("hoàn thành trong quý I/2022", T("deadline", due="2022-03-31")),
    ("tháng 02/2022", T("window", start="2022-02-01", due="2022-02-28")),
    ("tháng 6/2022", T("window", start="2022-06-01", due="2022-06-30")),
    ("năm 2022", T("window", start="2022-01-01", due="2022-12-31")),
    ("năm 2023", T("window", start="2023-01-01", due="2023-12-31")),
    # extra forms from the brief
    ("hằng năm", T("recurring", recurrence="yearly")),
    ("hàng năm", T("recurring", recurrence="yearly")),
    ("định kỳ", T("recurring", recurrence="periodic-unspecified")),
    ("hằng tháng", T("recurring", recurrence="monthly")),
    ("hàng quý", T("recurring", recurrence="quarterly")),
    ("định kỳ 6 tháng", T("recurring", recurrence="semiannual")),
    ("trước ngày 05/01/2021", T("deadline", due="2021-01-05")),
    ("trước ngày 5/1/2021", T("deadline", due="2021-01-05")),
    ("trước ngày 15 tháng 11 năm 2022", T("deadline", due="2022-11-15")),
    ("chậm nhất ngày 30/6/2022", T("deadline", due="2022-06-30")),
    ("quý I/2022", T("window", start="2022-01-01", due="2022-03-31")),
    ("Quý 1 năm 2022", T("window", start="2022-01-01", due="2022-03-31")),
    ("quý IV/2021", T("window", start="2021-10-01", due="2021-12-31")),
    ("trong quý III/2023", T("deadline", due="2023-09-30")),
    ("6 tháng cuối năm 2020", T("window", start="2020-07-01", due="2020-12-31")),
    ("6 tháng đầu năm 2021", T("window", start="2021-01-01", due="2021-06-30")),
    ("từ tháng 3/2022 đến tháng 6/2022", T("window", start="2022-03-01", due="2022-06-30")),
    ("giai đoạn 2021-2025", T("window", start="2021-01-01", due="2025-12-31")),
    ("trước tháng 6/2022", T("deadline", due="2022-05-31")),
    ("hoàn thành năm 2022", T("deadline", due="2022-12-31")),
    ("", T()),
    ("kịp thời", T()),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_normalize_timing(text, expected):
    assert normalize_timing(text) == expected


CONTEXT_CASES = [
    ("trước ngày 15/11 hàng năm", T("recurring", due="2020-11-15", recurrence="yearly:11-15")),
    ("trước ngày 15/11 hằng năm", T("recurring", due="2020-11-15", recurrence="yearly:11-15")),
    ("trước ngày 20/3 hằng năm", T("recurring", due="2021-03-20", recurrence="yearly:03-20")),
    ("trong tháng 12 hằng năm", T("recurring", due="2020-12-31", recurrence="yearly:12-31")),
    ("6 tháng đầu năm", T("window", start="2020-01-01", due="2020-06-30")),
    ("trong quý II", T("deadline", due="2020-06-30")),
    ("hoàn thành trong tháng 9", T("deadline", due="2020-09-30")),
]


@pytest.mark.parametrize("text,expected", CONTEXT_CASES)
def test_normalize_timing_with_issue_date(text, expected):
    assert normalize_timing(text, reference_date=date(2020, 6, 26)) == expected


def test_context_year_only():
    assert normalize_timing("trước ngày 15/11 hàng năm", context_year=2022)["due"] == "2022-11-15"
    assert normalize_timing("6 tháng cuối năm", context_year=2020)["start"] == "2020-07-01"


@pytest.mark.parametrize("text,event", [
    ("sau khi Trung ương ban hành (Quy định)", "after the central level issues the referenced document"),
    ("Sau khi Bộ Chính trị ban hành “Quy định”", "after the central level issues the referenced document"),
    ("khi có chỉ đạo của Trung ương", "when instructions are received"),
    ("ngay sau Hội nghị của tỉnh", "after the conference"),
    ("Sau hội nghị ở tỉnh", "after the conference"),
    ("năm thứ 3 nhiệm kỳ 2020 - 2025", "in year 3 of the term"),
    ("nếu thấy cần sửa đổi, bổ sung những nội dung cụ thể", "whenever amendments to the plan are found necessary"),
])
def test_event_timing(text, event):
    assert normalize_timing(text) == T("event", event=event)


def test_time_expression_filter():
    assert is_time_expression("thực hiện hằng năm, từ năm 2022")
    assert is_time_expression("tháng 02/2022")
    assert is_time_expression("thực hiện thường xuyên")
    assert not is_time_expression("qua Sở Nội vụ")
    assert not is_time_expression("Chương trình số 01-CTr/TU ngày 27/11/2020, …")
    assert not is_time_expression("UBND cấp tỉnh định kỳ 01 tháng 01 ngày, UBND cấp huyện định kỳ 01 tháng 02 ngày")


def test_adjuncts_reject_circumstances_and_noun_years():
    text = ("Riêng các cơ quan trong 6 tháng đầu năm 2020 chưa đăng ký mô hình “Dân vận khéo” năm 2020 thì "
            "khẩn trương xây dựng, đảm bảo trong năm 2020 mỗi đơn vị xây dựng ít nhất 01 mô hình; lấy ý kiến "
            "trước khi Quyết định chủ trương đầu tư (nếu có).")
    assert [p.text for p in find_adjuncts(text)] == ["trong năm 2020"]


def test_condition_stops_before_subject():
    text = ("Trong quá trình tổ chức thực hiện Kế hoạch này, nếu thấy cần sửa đổi, bổ sung những nội dung cụ thể, "
            "các Sở, Ban, ngành và địa phương chủ động đề xuất")
    phrases = find_adjuncts(text, {text.index("các Sở")})
    assert [p.text for p in phrases] == ["nếu thấy cần sửa đổi, bổ sung những nội dung cụ thể"]


def test_designated_parenthetical_and_label():
    found = find_designated("Tổ chức hội nghị (thực hiện thường xuyên). Thời gian hoàn thành: Quý II/2023.")
    assert [p.text for p in found] == ["thực hiện thường xuyên", "Quý II/2023"]
