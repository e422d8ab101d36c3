"""A month of items in one department (March 2026), with canary personal data, handled in different ways."""
import datetime as dt
from types import SimpleNamespace

import pytest

from minhbach.core import clock

CANARY = SimpleNamespace(name="Hoàng Thị Canary", phone="0912 345 678", email="canary.sender@example.test",
                         id_number="079123456789", address="Số nhà 77 ngõ Canary, phường Thử")
MONTH = dt.date(2026, 3, 1)
AFTER = "2026-04-03T09:00:00+07:00"


def handle(case, users, *, result="Đã xử lý theo quy định."):
    """Accept, record the result and sign it off (the unit's handler and leader)."""
    from minhbach.cases.services import case_accept, case_transition

    case_accept(case=case, actor=users.handler)
    case_transition(case=case, action="record_result", actor=users.handler, data={"result": result})
    return case_transition(case=case, action="sign_off", actor=users.leader)


@pytest.fixture
def march(province, submit):
    """Four items received by Sở Nông nghiệp và Môi trường in March 2026: answered, refused, overdue, a denunciation."""
    from minhbach.cases.services import case_transition

    users = province.users
    with clock.frozen("2026-03-05T10:00:00+07:00"):
        answered = submit(
            title=f"Ông {CANARY.name} (ĐT {CANARY.phone}, {CANARY.email}) phản ánh ô nhiễm đất đai ở thôn Canary",
            content="Nước thải chảy vào ruộng.", category="dat-dai", name=CANARY.name, email=CANARY.email,
            phone=CANARY.phone, id_number=CANARY.id_number, address=CANARY.address).case
    with clock.frozen("2026-03-08T10:00:00+07:00"):
        handle(answered, users, result=f"Trả lời bà {CANARY.name}: đã kiểm tra và xử phạt cơ sở gây ô nhiễm.")
        refused = submit(type="kien_nghi", title="Kiến nghị sửa đường liên xã", category="moi-truong").case
        case_transition(case=refused, action="refuse", actor=users.handler, reason="Không thuộc thẩm quyền của Sở.")
    with clock.frozen("2026-03-10T10:00:00+07:00"):
        overdue = submit(type="phan_anh", title="Khói bụi từ lò gạch", category="moi-truong").case
    with clock.frozen("2026-03-20T10:00:00+07:00"):
        denunciation = submit(type="to_cao", title="Tố cáo cán bộ địa chính nhận tiền", category="tham-nhung",
                              name=CANARY.name, email=CANARY.email, phone=CANARY.phone, address=CANARY.address,
                              id_number=CANARY.id_number).case
    return SimpleNamespace(answered=answered, refused=refused, overdue=overdue, denunciation=denunciation,
                           unit=province.units.dept, users=users, province=province)


@pytest.fixture
def published(march):
    """The March register of the department, signed off by its leader on 3 April."""
    from minhbach.transparency.services import register_publish

    with clock.frozen(AFTER):
        march.register = register_publish(unit=march.unit, month=MONTH, actor=march.users.leader)
    return march
