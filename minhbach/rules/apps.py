from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RulesConfig(AppConfig):
    name = "minhbach.rules"
    label = "rules"
    verbose_name = _("Statutory rules")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from minhbach.rules import selectors
        from minhbach.rules.models import CalendarOverride, Rule

        def refresh(**kwargs):
            selectors.cache_clear()

        for model in (Rule, CalendarOverride):
            post_save.connect(refresh, sender=model, weak=False, dispatch_uid=f"rules-cache-{model.__name__}-save")
            post_delete.connect(refresh, sender=model, weak=False, dispatch_uid=f"rules-cache-{model.__name__}-delete")
