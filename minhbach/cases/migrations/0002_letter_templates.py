"""Default statutory letter templates (editable by an administrator)."""
from django.db import migrations

TEMPLATES = [
    ("acceptance", "THÔNG BÁO", "Thụ lý giải quyết {{ type|lower }}", "TB",
     "Ngày {{ received }}, {{ unit.name }} nhận được đơn của {{ sender_label }}{% if sender_address %}, địa chỉ: {{ sender_address }}{% endif %} (mã hồ sơ {{ case.tracking_code }}), nội dung: {{ case.title }}.\n"
     "Căn cứ quy định của pháp luật, {{ unit.name }} thông báo thụ lý giải quyết đơn nêu trên.\n"
     "{% if deadline %}Thời hạn giải quyết: đến ngày {{ deadline.due_date|date:'d/m/Y' }} ({{ deadline.legal_basis }}).{% endif %}\n"
     "Người gửi đơn có thể theo dõi tiến độ giải quyết bằng mã hồ sơ và mã bí mật đã được cấp."),
    ("refusal", "THÔNG BÁO", "Không thụ lý giải quyết đơn", "TB",
     "Ngày {{ received }}, {{ unit.name }} nhận được đơn của {{ sender_label }} (mã hồ sơ {{ case.tracking_code }}), nội dung: {{ case.title }}.\n"
     "Sau khi xem xét, {{ unit.name }} không thụ lý giải quyết đơn nêu trên, với lý do: {{ case.refusal_reason }}.\n"
     "Người gửi đơn có quyền thực hiện các quyền khác theo quy định của pháp luật."),
    ("guidance", "PHIẾU HƯỚNG DẪN", "Hướng dẫn gửi đơn đến cơ quan có thẩm quyền", "PHD",
     "Ngày {{ received }}, {{ unit.name }} nhận được đơn của {{ sender_label }} (mã hồ sơ {{ case.tracking_code }}), nội dung: {{ case.title }}.\n"
     "Nội dung đơn không thuộc thẩm quyền giải quyết của {{ unit.name }}. Đề nghị người gửi đơn gửi đơn đến {{ case.guided_to|default:'cơ quan có thẩm quyền' }} để được xem xét, giải quyết theo quy định."),
    ("forwarding", "PHIẾU CHUYỂN ĐƠN", "Chuyển đơn đến cơ quan có thẩm quyền", "PC",
     "Ngày {{ received }}, {{ unit.name }} nhận được đơn (mã hồ sơ {{ case.tracking_code }}), nội dung: {{ case.title }}.\n"
     "Căn cứ quy định của pháp luật, {{ unit.name }} chuyển đơn đến cơ quan có thẩm quyền để xem xét, giải quyết theo quy định và thông báo kết quả cho người gửi đơn."),
    ("extension", "THÔNG BÁO", "Gia hạn thời hạn giải quyết", "TB",
     "{{ unit.name }} đang giải quyết đơn (mã hồ sơ {{ case.tracking_code }}), nội dung: {{ case.title }}.\n"
     "{% if deadline %}Căn cứ {{ deadline.legal_basis }}, thời hạn giải quyết được gia hạn đến ngày {{ deadline.due_date|date:'d/m/Y' }}.{% endif %}"),
    ("result", "THÔNG BÁO", "Kết quả giải quyết đơn", "TB",
     "{{ unit.name }} đã xem xét, giải quyết đơn (mã hồ sơ {{ case.tracking_code }}), nội dung: {{ case.title }}.\n"
     "Kết quả giải quyết: {{ case.result }}"),
    ("supplement", "THÔNG BÁO", "Đề nghị bổ sung thông tin, tài liệu", "TB",
     "{{ unit.name }} đã nhận đơn (mã hồ sơ {{ case.tracking_code }}), nội dung: {{ case.title }}.\n"
     "Để có cơ sở xem xét, giải quyết, đề nghị người gửi đơn bổ sung thông tin, tài liệu liên quan. Thời gian bổ sung không tính vào thời hạn giải quyết theo quy định."),
]


def load(apps, schema_editor):
    LetterTemplate = apps.get_model("cases", "LetterTemplate")
    for kind, title, subject, symbol, body in TEMPLATES:
        LetterTemplate.objects.update_or_create(kind=kind, defaults={"title": title, "subject": subject, "symbol_suffix": symbol, "body": body})


def unload(apps, schema_editor):
    apps.get_model("cases", "LetterTemplate").objects.filter(kind__in=[t[0] for t in TEMPLATES]).delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
