"""Paragraph joining, marker recognition and paths."""
import pytest

from minhbach.plans.extract.structure import (build_tree, detect_attribute, detect_marker, is_complete,
                                              is_operative_title, split_paragraphs, walk)


@pytest.mark.parametrize("line,expected", [
    ("I. MỤC ĐÍCH, YÊU CẦU", ("roman", "I", "MỤC ĐÍCH, YÊU CẦU")),
    ("IV. TỔ CHỨC THỰC HIỆN", ("roman", "IV", "TỔ CHỨC THỰC HIỆN")),
    ("II/ NHIỆM VỤ", ("roman", "II", "NHIỆM VỤ")),
    ("1. Các cơ quan thực hiện.", ("arabic", "1", "Các cơ quan thực hiện.")),
    ("10) Thanh tra tỉnh", ("arabic", "10", "Thanh tra tỉnh")),
    ("3/ Sở Nội vụ", ("arabic", "3", "Sở Nội vụ")),
    ("1.2. Kiểm tra", ("arabic", "1.2", "Kiểm tra")),
    ("a) Công khai", ("letter", "a", "Công khai")),
    ("đ) Công khai", ("letter", "đ", "Công khai")),
    ("b. Tăng cường", ("letter", "b", "Tăng cường")),
    ("- Thời gian thực hiện: thường xuyên.", ("dash", None, "Thời gian thực hiện: thường xuyên.")),
    ("– Ủy ban Kiểm tra", ("dash", None, "Ủy ban Kiểm tra")),
    ("+ Tổ chức thực hiện", ("plus", None, "Tổ chức thực hiện")),
    ("10/7/2020 là hạn cuối", (None, None, "10/7/2020 là hạn cuối")),
    ("Thực hiện Kế hoạch số 116-KH/TU", (None, None, "Thực hiện Kế hoạch số 116-KH/TU")),
    ("V/v triển khai", (None, None, "V/v triển khai")),
])
def test_detect_marker(line, expected):
    assert detect_marker(line) == expected


def test_page_break_joining():
    text = ("- Phát hiện những biểu hiện suy thoái về tư tưởng chính trị, đạo đức,\n\nlối sống. Qua đó, khắc phục.\n\n"
            "3. Nhân rộng ít nhất 01 mô\n\nhình “Dân vận khéo”.\n\nc) Kiểm tra tại các\n\nCơ quan chức năng.\n\n"
            "Định kỳ hàng tháng tổng hợp.")
    paras = split_paragraphs(text)
    assert [p.lines for p in paras] == [[1, 3], [5, 7], [9, 11], [13]]
    assert paras[0].content.endswith("đạo đức, lối sống. Qua đó, khắc phục.")
    assert paras[1].content == "Nhân rộng ít nhất 01 mô hình “Dân vận khéo”."
    assert paras[0].first_content == "Phát hiện những biểu hiện suy thoái về tư tưởng chính trị, đạo đức,"


def test_markdown_and_whitespace_are_cleaned():
    paras = split_paragraphs("- *Cơ quan thực hiện:*   Công an tỉnh.")
    assert paras[0].content == "Cơ quan thực hiện: Công an tỉnh."
    assert paras[0].attr == "lead"


def test_attribute_detection():
    assert detect_attribute("Thời gian thực hiện: thường xuyên.") == ("time", "thường xuyên.")
    assert detect_attribute("Cơ quan chủ trì: Sở Tư pháp") == ("lead", "Sở Tư pháp")
    assert detect_attribute("Cơ quan phối hợp: Các sở") == ("coordinate", "Các sở")
    assert detect_attribute("Chủ trì, phối hợp với các Sở") == (None, None)


def test_complete_marker_line():
    assert is_complete("Tập trung hoàn thiện cơ chế, chính sách.")
    assert is_complete("Công khai … (trừ những vụ, việc phải giữ bí mật).")
    assert not is_complete("Nhiệm vụ thường xuyên")
    assert not is_complete("Sở Thông tin và Truyền thông:")


def test_operative_titles():
    assert not is_operative_title("MỤC ĐÍCH, YÊU CẦU")
    assert not is_operative_title("Mục đích, yêu cầu")
    assert not is_operative_title("MỤC TIÊU")
    assert is_operative_title("NỘI DUNG")
    assert is_operative_title("TỔ CHỨC THỰC HIỆN")


def test_paths_with_roman_arabic_letters_dashes_and_pluses():
    text = "\n".join([
        "I. NỘI DUNG", "1. Mục một", "a) Việc a", "- Cơ quan thực hiện: Sở Nội vụ.", "- Thời gian thực hiện: thường xuyên.",
        "b) Việc b:", "- Gạch một", "- Các sở:", "+ Cộng một", "+ Cộng hai", "- Thời gian thực hiện: thường xuyên.",
        "đ) Việc đ", "2. Mục hai", "2.1. Mục con", "2.2. Mục con hai", "II. TỔ CHỨC THỰC HIỆN", "3. Ba",
    ])
    root = build_tree(split_paragraphs(text))
    paths = [n.path for n in walk(root)]
    assert paths == ["I", "I.1", "I.1.a", "I.1.b", "I.1.b.-1", "I.1.b.-2", "I.1.b.-2.+1", "I.1.b.-2.+2", "I.1.đ",
                     "I.2", "I.2.1", "I.2.2", "II", "II.3"]
    nodes = {n.path: n for n in walk(root)}
    assert [a.attr for a in nodes["I.1.a"].attrs] == ["lead", "time"]
    assert [a.attr for a in nodes["I.1.b"].attrs] == ["time"]
