"""Minh Bạch settings: one module, everything that varies comes from the environment.

See the configuration table in README.md for every variable.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


# "development" (the embedded default) or "production".
ENVIRONMENT = env("MINHBACH_ENV", "development")
PRODUCTION = ENVIRONMENT == "production"
TESTING = env_bool("MINHBACH_TESTING", False) or "pytest" in __import__("sys").modules

DATA_DIR = Path(env("MINHBACH_DATA_DIR", str(BASE_DIR / "var")))
DATA_DIR.mkdir(parents=True, exist_ok=True)

_dev_secret = "dev-only-insecure-key-do-not-use-in-production-6b1f0c2e9a7d4e"
SECRET_KEY = env("MINHBACH_SECRET_KEY", "" if PRODUCTION else _dev_secret)
if PRODUCTION and not SECRET_KEY:
    raise RuntimeError("MINHBACH_SECRET_KEY must be set when MINHBACH_ENV=production")
DEBUG = env_bool("MINHBACH_DEBUG", not PRODUCTION and not TESTING)
ALLOWED_HOSTS = [h.strip() for h in env("MINHBACH_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in env("MINHBACH_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]
SITE_URL = env("MINHBACH_SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "huey.contrib.djhuey",
    "minhbach.core",
    "minhbach.accounts",
    "minhbach.orgs",
    "minhbach.rules",
    "minhbach.cases",
    "minhbach.vault",
    "minhbach.transparency",
    "minhbach.portal",
    "minhbach.demo",
    "minhbach.plans",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "minhbach.accounts.middleware.SecondFactorMiddleware",  # roles that require TOTP: no session without the code
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "minhbach.core.middleware.SecurityHeadersMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "minhbach" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "minhbach.core.context_processors.site",
            ],
        },
    },
]

# SQLite in a file under DATA_DIR by default; PostgreSQL via DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{DATA_DIR / 'minhbach.sqlite3'}"),
        conn_max_age=env_int("MINHBACH_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        # secure_delete: freed pages are zeroed, so no deleted plaintext lingers in the file.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Tests use a file too (not shared-cache memory), so concurrent writers behave as in production.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / f"test-{os.getpid()}.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "cases:inbox"
LOGOUT_REDIRECT_URL = "portal:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Fast hashing in tests only; receipts keep their own Argon2id parameters.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "minhbach" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "minhbach" / "static"]
STATIC_ROOT = Path(env("MINHBACH_STATIC_ROOT", str(DATA_DIR / "static")))
MEDIA_ROOT = Path(env("MINHBACH_MEDIA_ROOT", str(DATA_DIR / "media")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)


def file_storage(environ: Mapping[str, str]) -> dict:
    """The storage of attachments, publications, disclosures and plan documents, from the environment.

    The local filesystem under MEDIA_ROOT by default; an S3-compatible bucket (AWS S3, MinIO, Ceph RGW …) when
    MINHBACH_S3_BUCKET is set. Either way a file is read only by the application and served only through its own
    views, which check who may see it (a denouncer's identity may be in a file): the bucket stays private, objects
    get no ACL, and a signed URL (short-lived) is never put in a page.
    """
    bucket = environ.get("MINHBACH_S3_BUCKET", "").strip()
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    from botocore.config import Config

    endpoint = environ.get("MINHBACH_S3_ENDPOINT_URL", "").strip() or None
    # MinIO and Ceph answer path-style requests out of the box (virtual hosts need their own DNS set-up); AWS: auto.
    style = environ.get("MINHBACH_S3_ADDRESSING_STYLE", "").strip() or ("path" if endpoint else "auto")
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint,
            "region_name": environ.get("MINHBACH_S3_REGION", "").strip() or None,
            # Without keys boto3 looks for credentials itself (AWS_* variables, an instance or pod role).
            "access_key": environ.get("MINHBACH_S3_ACCESS_KEY_ID", "").strip() or None,
            "secret_key": environ.get("MINHBACH_S3_SECRET_ACCESS_KEY", "").strip() or None,
            "location": environ.get("MINHBACH_S3_PREFIX", "").strip().strip("/"),
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": 60,
            "custom_domain": None,
            "file_overwrite": False,
            "client_config": Config(
                s3={"addressing_style": style}, signature_version="s3v4",
                # botocore's default CRC checksums on every request are refused by some S3-compatible services.
                request_checksum_calculation="when_required", response_checksum_validation="when_required",
                connect_timeout=5, read_timeout=60, retries={"max_attempts": 5, "mode": "standard"},
            ),
        },
    }


STORAGES = {
    "default": file_storage(os.environ),
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if (DEBUG or TESTING) else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Uploads: checked by content, not by name.
UPLOAD_MAX_BYTES = env_int("MINHBACH_UPLOAD_MAX_MB", 10) * 1024 * 1024
UPLOAD_MAX_FILES = env_int("MINHBACH_UPLOAD_MAX_FILES", 5)
MINHBACH_SUBMIT_PER_IP = env_int("MINHBACH_SUBMIT_PER_IP", 20)  # anonymous submissions per client in 10 minutes
MINHBACH_SUBMIT_GLOBAL = env_int("MINHBACH_SUBMIT_GLOBAL", 600)  # anonymous submissions from everyone per minute
# Proof of work (minhbach/core/pow.py): none while everyone together sends at most MINHBACH_POW_FREE_PER_MINUTE
# anonymous submissions a minute (0: always asked); above, 16 leading zero bits of SHA-256, one more each time the
# rate doubles, at most MINHBACH_POW_MAX_BITS. The test suite submits far faster than citizens do, so by default
# the proof is never asked for there; the proof's own tests set these explicitly.
MINHBACH_POW_ENABLED = env_bool("MINHBACH_POW_ENABLED", True)
MINHBACH_POW_FREE_PER_MINUTE = env_int("MINHBACH_POW_FREE_PER_MINUTE", 1_000_000_000 if TESTING else 60)
MINHBACH_POW_MAX_BITS = env_int("MINHBACH_POW_MAX_BITS", 22)
# Each process reads the everyone-together rate for the difficulty at most once in this many seconds.
MINHBACH_POW_RATE_TTL = 0.0 if TESTING else float(env("MINHBACH_POW_RATE_TTL", "1"))
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# E-mail: a local outbox (files under DATA_DIR/outbox) by default, real SMTP when EMAIL_HOST is set.
DEFAULT_FROM_EMAIL = env("MINHBACH_FROM_EMAIL", "Minh Bạch <no-reply@minhbach.local>")
if env("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env("EMAIL_HOST")
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = 20
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(DATA_DIR / "outbox")

# Background work: Redis-backed Huey when REDIS_URL is set, else a SQLite queue file
# consumed by the worker that `minhbach serve` starts in-process; immediate in tests.
REDIS_URL = env("REDIS_URL")
HUEY = {
    "name": "minhbach",
    "immediate": TESTING or env_bool("MINHBACH_TASKS_IMMEDIATE", False),
    "utc": True,
    "consumer": {"workers": env_int("MINHBACH_WORKERS", 2), "worker_type": "thread", "periodic": True},
}
# Citizens' submissions are answered with one INSERT and registered as items by the worker (cases/services/intake.py);
# when background work runs inline (tests, MINHBACH_TASKS_IMMEDIATE=1) they are registered inline too.
INTAKE_INLINE = HUEY["immediate"]
if REDIS_URL:
    HUEY.update({"huey_class": "huey.RedisHuey", "url": REDIS_URL})
else:
    HUEY.update({"huey_class": "huey.SqliteHuey", "filename": str(DATA_DIR / "tasks.sqlite3")})

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "minhbach.core.cache.RedisCache", "LOCATION": REDIS_URL}}

# Sessions and security.
SESSION_COOKIE_AGE = env_int("MINHBACH_SESSION_SECONDS", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "minhbach.portal.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("MINHBACH_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("MINHBACH_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Receipts: the access secret (100 random bits) is stored only as a salted SHA-256 hash ("sha256"), or as an
# Argon2id hash ("argon2id", ~40 ms of CPU per submission); both kinds are always verified (minhbach/cases/receipts.py).
RECEIPT_HASH = env("MINHBACH_RECEIPT_HASH", "sha256")
RECEIPT_ARGON2 = {
    "time_cost": env_int("MINHBACH_RECEIPT_ARGON2_TIME", 2),
    "memory_cost": env_int("MINHBACH_RECEIPT_ARGON2_MEMORY_KIB", 19456),
    "parallelism": 1,
}
if TESTING:
    RECEIPT_ARGON2 = {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}

# Denouncer-identity vault (docs/security.md). The master key lives outside the database and the repository:
# MINHBACH_VAULT_MASTER_KEY (base64 of 32 bytes) or MINHBACH_VAULT_KEY_FILE (a file holding it). Without either,
# development and tests create DATA_DIR/vault-master.key (0600); production refuses to start (system check).
VAULT_MASTER_KEY = env("MINHBACH_VAULT_MASTER_KEY")
VAULT_KEY_FILE = env("MINHBACH_VAULT_KEY_FILE")
# Extra master keys this process can read (and wraps new data keys under) during a rotation.
VAULT_EXTRA_KEY_FILES = [p.strip() for p in env("MINHBACH_VAULT_EXTRA_KEY_FILES").split(",") if p.strip()]
# How long a custodian's approval lets the requester see a protected identity.
VAULT_REVEAL_HOURS = env_int("MINHBACH_VAULT_REVEAL_HOURS", 24)

# Clock escalation: how many days before a deadline an item counts as due soon.
DUE_SOON_DAYS = env_int("MINHBACH_DUE_SOON_DAYS", 3)
# Days overdue after which the supervising office is notified.
ESCALATE_TO_OFFICE_AFTER_DAYS = env_int("MINHBACH_ESCALATE_OFFICE_DAYS", 5)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "minhbach.core.logging.RedactFilter"},
                "once_a_minute": {"()": "minhbach.core.logging.Throttle", "seconds": 60}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact"]}},
    "root": {"handlers": ["console"], "level": env("MINHBACH_LOG_LEVEL", "INFO")},
    # botocore at DEBUG dumps every request (signed headers and URLs included): object storage logs warnings only.
    "loggers": {"django.db.backends": {"level": "WARNING"}, "botocore": {"level": "WARNING"},
                "boto3": {"level": "WARNING"}, "s3transfer": {"level": "WARNING"}, "urllib3": {"level": "WARNING"},
                # "Task queue depth is N" on nearly every request of a burst: once a minute, with a count, is enough.
                "waitress.queue": {"filters": ["once_a_minute"]}},
}
