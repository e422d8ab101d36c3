"""Envelope encryption of identities: a per-item AES-256-GCM data key, wrapped by master keys kept outside the database.

The keyring is the primary master key (MINHBACH_VAULT_MASTER_KEY, base64 of 32 bytes, or the key file
MINHBACH_VAULT_KEY_FILE) plus any extra keys (MINHBACH_VAULT_EXTRA_KEY_FILES) kept readable during a rotation.
A new data key is wrapped under every key of the keyring; a wrapped key is read with whichever key the process
holds. In development and tests, with no key configured, a per-installation key file is created under DATA_DIR
(mode 0600); in production a missing key is a configuration error.

This module holds no models and touches no database: it is the pure cryptographic layer of the vault.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

MAGIC = b"MBV1"            # prefix of every ciphertext this module writes
NONCE_BYTES = 12
KEY_BYTES = 32
DEV_KEY_FILE_NAME = "vault-master.key"
_PSEUDONYM_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I


class VaultError(Exception):
    """A ciphertext or wrapped key that cannot be opened with the keys this process holds."""


@dataclass(frozen=True)
class MasterKey:
    key_id: str
    secret: bytes = b""

    def __repr__(self) -> str:  # never print the secret
        return f"MasterKey({self.key_id})"


@dataclass(frozen=True)
class Keyring:
    primary: MasterKey
    extra: tuple[MasterKey, ...] = ()

    @property
    def all(self) -> tuple[MasterKey, ...]:
        return (self.primary, *self.extra)

    def get(self, key_id: str) -> MasterKey | None:
        return next((k for k in self.all if k.key_id == key_id), None)


# --- master keys ---------------------------------------------------------------------------------


def key_id_of(secret: bytes) -> str:
    """A short public identifier of a master key (not reversible, safe to store next to the data)."""
    return hashlib.sha256(b"minhbach-vault-key-id:" + secret).hexdigest()[:16]


def parse_key(text: str | bytes, *, source: str = "key") -> MasterKey:
    """A master key from its base64 text (32 bytes once decoded)."""
    if isinstance(text, bytes):
        text = text.decode("ascii", "replace")
    try:
        secret = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise ImproperlyConfigured(f"The vault {source} is not valid base64.") from None
    if len(secret) != KEY_BYTES:
        raise ImproperlyConfigured(f"The vault {source} must be 32 bytes (base64 of 32 random bytes).")
    return MasterKey(key_id=key_id_of(secret), secret=secret)


def new_key_text() -> str:
    """A fresh master key as base64 text (what a key file or MINHBACH_VAULT_MASTER_KEY holds)."""
    return base64.b64encode(secrets.token_bytes(KEY_BYTES)).decode()


def write_key_file(path: Path, text: str | None = None) -> MasterKey:
    """Create a key file readable by its owner only (0600); refuses to overwrite an existing one."""
    path = Path(path)
    text = text or new_key_text()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(text + "\n")
    return parse_key(text, source=f"key file {path}")


def read_key_file(path: str | Path) -> MasterKey:
    """The master key held in a key file."""
    path = Path(path)
    try:
        text = path.read_text()
    except OSError as exc:
        raise ImproperlyConfigured(f"The vault key file {path} cannot be read: {exc.strerror}.") from None
    return parse_key(text, source=f"key file {path}")


def dev_key_file() -> Path:
    return Path(settings.DATA_DIR) / DEV_KEY_FILE_NAME


def configured_source() -> str:
    """Where the primary key comes from: 'env', 'file', 'dev-file' or '' (none: an error in production)."""
    if getattr(settings, "VAULT_MASTER_KEY", ""):
        return "env"
    if getattr(settings, "VAULT_KEY_FILE", ""):
        return "file"
    if not getattr(settings, "PRODUCTION", False):
        return "dev-file"
    return ""


_lock = threading.Lock()
_cache: dict[tuple, Keyring] = {}


def _settings_fingerprint() -> tuple:
    return (getattr(settings, "VAULT_MASTER_KEY", ""), str(getattr(settings, "VAULT_KEY_FILE", "")),
            tuple(str(p) for p in getattr(settings, "VAULT_EXTRA_KEY_FILES", ()) or ()),
            getattr(settings, "PRODUCTION", False), str(settings.DATA_DIR))


def keyring() -> Keyring:
    """The keys this process holds, loaded once per configuration."""
    fp = _settings_fingerprint()
    ring = _cache.get(fp)
    if ring is not None:
        return ring
    with _lock:
        ring = _cache.get(fp)
        if ring is None:
            ring = _load_keyring()
            _cache.clear()
            _cache[fp] = ring
    return ring


def _load_keyring() -> Keyring:
    source = configured_source()
    if source == "env":
        primary = parse_key(settings.VAULT_MASTER_KEY, source="key MINHBACH_VAULT_MASTER_KEY")
    elif source == "file":
        primary = read_key_file(settings.VAULT_KEY_FILE)
    elif source == "dev-file":
        path = dev_key_file()
        try:
            primary = write_key_file(path)
        except FileExistsError:
            primary = read_key_file(path)
    else:
        raise ImproperlyConfigured("No vault master key: set MINHBACH_VAULT_MASTER_KEY or MINHBACH_VAULT_KEY_FILE "
                                   "(see docs/security.md).")
    extra = []
    for p in getattr(settings, "VAULT_EXTRA_KEY_FILES", ()) or ():
        k = read_key_file(p)
        if k.key_id != primary.key_id and k.key_id not in {e.key_id for e in extra}:
            extra.append(k)
    return Keyring(primary=primary, extra=tuple(extra))


# --- AEAD ----------------------------------------------------------------------------------------


def _seal(key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    nonce = secrets.token_bytes(NONCE_BYTES)
    return MAGIC + nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def _open(key: bytes, blob: bytes, aad: bytes) -> bytes:
    blob = bytes(blob)
    if not blob.startswith(MAGIC) or len(blob) < len(MAGIC) + NONCE_BYTES + 16:
        raise VaultError("not a vault ciphertext")
    nonce = blob[len(MAGIC):len(MAGIC) + NONCE_BYTES]
    try:
        return AESGCM(key).decrypt(nonce, blob[len(MAGIC) + NONCE_BYTES:], aad)
    except InvalidTag:
        raise VaultError("ciphertext does not authenticate (wrong key or tampered)") from None


def is_sealed(blob: bytes | None) -> bool:
    return bool(blob) and bytes(blob[:len(MAGIC)]) == MAGIC


def _wrap_aad(key_id: str, owner: str) -> bytes:
    return f"minhbach/vault/wrap/{key_id}/{owner}".encode()


def new_data_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def wrap(data_key: bytes, *, owner: str, keys: tuple[MasterKey, ...] | None = None) -> dict[str, str]:
    """The data key wrapped under each master key: {key_id: base64}; `owner` (e.g. 'case:12') is bound as AAD."""
    keys = keys if keys is not None else keyring().all
    return {k.key_id: base64.b64encode(_seal(k.secret, data_key, _wrap_aad(k.key_id, owner))).decode() for k in keys}


def unwrap(wraps: dict[str, str], *, owner: str, ring: Keyring | None = None) -> bytes:
    """The data key, opened with any master key this process holds."""
    ring = ring or keyring()
    for key in ring.all:
        blob = (wraps or {}).get(key.key_id)
        if blob:
            return _open(key.secret, base64.b64decode(blob), _wrap_aad(key.key_id, owner))
    raise VaultError("no master key of this process opens the data key (key ids: %s)" % ", ".join(sorted(wraps or {})))


def rewrap(wraps: dict[str, str], *, owner: str, add: MasterKey, ring: Keyring | None = None) -> dict[str, str]:
    """The same wraps plus one under `add` (the data key itself does not change)."""
    if add.key_id in (wraps or {}):
        return dict(wraps)
    data_key = unwrap(wraps, owner=owner, ring=ring)
    return {**wraps, **wrap(data_key, owner=owner, keys=(add,))}


def encrypt(data_key: bytes, plaintext: bytes, *, aad: str) -> bytes:
    return _seal(data_key, plaintext, aad.encode())


def decrypt(data_key: bytes, blob: bytes, *, aad: str) -> bytes:
    return _open(data_key, blob, aad.encode())


def encrypt_json(data_key: bytes, value: dict, *, aad: str) -> bytes:
    return encrypt(data_key, json.dumps(value, ensure_ascii=False, sort_keys=True).encode(), aad=aad)


def decrypt_json(data_key: bytes, blob: bytes, *, aad: str) -> dict:
    return json.loads(decrypt(data_key, blob, aad=aad).decode())


# --- pseudonyms ----------------------------------------------------------------------------------


def pseudonym_code(owner_id: int | str, *, length: int = 4) -> str:
    """A short stable code (e.g. '7F3K') from an HMAC of the item id with the primary master key; not reversible."""
    sub = hmac.new(keyring().primary.secret, b"minhbach/vault/pseudonym", hashlib.sha256).digest()
    digest = hmac.new(sub, str(owner_id).encode(), hashlib.sha256).digest()
    n = int.from_bytes(digest[:8], "big")
    out = []
    for _i in range(length):
        n, r = divmod(n, len(_PSEUDONYM_ALPHABET))
        out.append(_PSEUDONYM_ALPHABET[r])
    return "".join(out)
