"""Cite the legal basis the way Vietnamese documents do ("Điều 27 Luật Khiếu nại 2011"), the language of the law."""
import re

from django.db import migrations

ACTS = [
    ("Law on Complaints 2011", "Luật Khiếu nại 2011"),
    ("Law on Denunciation 2018", "Luật Tố cáo 2018"),
    ("Law on Citizen Reception 2013", "Luật Tiếp công dân 2013"),
    ("Law on Anti-Corruption 2018", "Luật Phòng, chống tham nhũng 2018"),
    ("Law on Grassroots Democracy 10/2022/QH15", "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15"),
    ("Law 132/2025/QH15", "Luật số 132/2025/QH15"),
    ("Administrator setting (not a statute)", "Quy định của quản trị viên (không phải luật định)"),
]
PREFIXES = [("Decree ", "Nghị định "), ("Resolution ", "Nghị quyết "), ("Regulation ", "Quy định "),
            ("TT ", "Thông tư "), ("QĐ ", "Quyết định ")]


def to_vietnamese(text: str) -> str:
    """'Law on Complaints 2011 art. 27' → 'Điều 27 Luật Khiếu nại 2011'; parts separated by ';' are kept apart."""
    parts = []
    for part in text.split(";"):
        part, _sep, amended = part.strip().partition(" as amended by ")
        for en, vi in ACTS:
            part = part.replace(en, vi)
        for en, vi in PREFIXES:
            if part.startswith(en):
                part = vi + part[len(en):]
        part = part.replace(" annex I", ", Phụ lục I").replace(" form 03", ", Mẫu số 03")
        match = re.match(r"^(.*?) art\. ([0-9–, ]+)(.*)$", part)
        if match:
            act, articles, rest = match.groups()
            part = f"Điều {articles.strip(' ,')} {act.strip()}{rest}"
        if amended:
            for en, vi in ACTS:
                amended = amended.replace(en, vi)
            part += f", sửa đổi bởi {amended}"
        parts.append(part)
    return "; ".join(parts)


def forwards(apps, schema_editor):
    Rule = apps.get_model("rules", "Rule")
    for rule in Rule.objects.all():
        new = to_vietnamese(rule.legal_basis)
        if new != rule.legal_basis:
            Rule.objects.filter(pk=rule.pk).update(legal_basis=new)


class Migration(migrations.Migration):
    dependencies = [("rules", "0002_load_rules")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
