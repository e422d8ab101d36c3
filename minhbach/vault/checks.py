"""System checks: production refuses to start without a vault master key outside the database."""
from __future__ import annotations

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured


@checks.register(checks.Tags.security, deploy=False)
def vault_master_key(app_configs=None, **kwargs):
    """Error if the vault has no usable master key (production), or if a configured key is malformed."""
    from minhbach.vault import crypto

    source = crypto.configured_source()
    if not source:
        return [checks.Error(
            "No vault master key: denouncers' identities cannot be sealed.",
            hint="Set MINHBACH_VAULT_MASTER_KEY (base64 of 32 random bytes) or MINHBACH_VAULT_KEY_FILE; "
                 "create one with `minhbach vault generate-key --out FILE`. See docs/security.md.",
            id="minhbach.vault.E001",
        )]
    if source == "dev-file" and getattr(settings, "PRODUCTION", False):  # pragma: no cover - configured_source says ''
        return []
    try:
        crypto.keyring()
    except ImproperlyConfigured as exc:
        return [checks.Error(str(exc), hint="See docs/security.md.", id="minhbach.vault.E002")]
    return []
