from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "minhbach.cases"
    label = "cases"
    verbose_name = _("Opinions, complaints and denunciations")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from minhbach.cases.models import Category
        from minhbach.cases.services.intake import lookups_clear
        from minhbach.orgs.models import OrgUnit

        for model in (OrgUnit, Category):
            post_save.connect(lookups_clear, sender=model, dispatch_uid=f"intake-lookups-{model.__name__}-save")
            post_delete.connect(lookups_clear, sender=model, dispatch_uid=f"intake-lookups-{model.__name__}-delete")
