from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VaultConfig(AppConfig):
    name = "minhbach.vault"
    label = "vault"
    verbose_name = _("Identity vault")

    def ready(self) -> None:
        from minhbach.vault import checks  # noqa: F401  (registers the system checks)
