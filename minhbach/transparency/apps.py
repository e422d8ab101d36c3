from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransparencyConfig(AppConfig):
    name = "minhbach.transparency"
    label = "transparency"
    verbose_name = _("Transparency: the register, publications, directory and statistics")

    def ready(self):
        # The directory's search text is a cache of users' and memberships' data: keep it fresh.
        from minhbach.transparency import receivers  # noqa: F401
