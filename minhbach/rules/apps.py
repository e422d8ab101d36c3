from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RulesConfig(AppConfig):
    name = "minhbach.rules"
    label = "rules"
    verbose_name = _("Statutory rules")
    default_auto_field = "django.db.models.BigAutoField"
