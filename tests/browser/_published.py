"""Published data for the browser tests: a month of items signed off, consolidated, a publication, a disclosure."""
import datetime as dt
from types import SimpleNamespace

from minhbach.cases.services import case_accept, case_transition
from minhbach.core import clock
from minhbach.core.uploads import check_upload
from minhbach.transparency import services
from minhbach.transparency.models import DisclosureKind, PublicationKind

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
CANARY = SimpleNamespace(name="Trịnh Văn Canary", phone="0987 111 222", email="canary.browser@example.test")


def publish_everything(province, submit):
    """March items in the department, the month signed off, the province consolidated, one publication, one disclosure."""
    users, dept = province.users, province.units.dept
    with clock.frozen("2026-03-05T10:00:00+07:00"):
        answered = submit(title=f"Bà {CANARY.name} phản ánh lấn chiếm đất đai công cộng", category="dat-dai",
                          name=CANARY.name, phone=CANARY.phone, email=CANARY.email).case
        submit(type="kien_nghi", title="Kiến nghị nạo vét kênh thủy lợi", category="moi-truong")
    with clock.frozen("2026-03-09T10:00:00+07:00"):
        case_accept(case=answered, actor=users.handler)
        case_transition(case=answered, action="record_result", actor=users.handler,
                        data={"result": "Đã lập biên bản và buộc trả lại mặt bằng."})
        case_transition(case=answered, action="sign_off", actor=users.leader)
    with clock.frozen("2026-04-02T09:00:00+07:00"):
        register = services.register_publish(unit=dept, month=dt.date(2026, 3, 1), actor=users.leader)
        services.province_publish(root=province.units.root, month=dt.date(2026, 3, 1), actor=users.office)
        services.unit_urge(unit=dept, actor=users.office, text="Đề nghị giải quyết dứt điểm các kiến nghị tồn đọng.")
    today = clock.today()
    pub = services.publication_create(actor=users.leader, unit=dept, kind=PublicationKind.COMPLAINT_DECISION,
                                      title="Quyết định giải quyết khiếu nại về bồi thường đất đai", issued_on=today,
                                      upload=check_upload(name="qd.pdf", content=PDF))
    pub = services.publication_publish(publication=pub, actor=users.leader)
    services.disclosure_create(actor=users.leader, person=users.leader, unit=dept, kind=DisclosureKind.ASSETS,
                               title="Bản kê khai tài sản, thu nhập", upload=check_upload(name="kk.pdf", content=PDF))
    services.reception_schedule_save(actor=users.leader, unit=dept, days="Thứ Năm hằng tuần", hours="7:30–11:30",
                                     person=users.leader, rule_code="T3")
    return SimpleNamespace(register=register, publication=pub, answered=answered)



def ensure_rules() -> None:
    """Kept for the modules that call it: the root conftest now restores migration data before every transactional test."""
    from minhbach.core.testing import restore_migration_data

    restore_migration_data()
