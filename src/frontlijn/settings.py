"""Frontlijn settings: one module, configured through environment variables.

Defaults give a working development install with an embedded SQLite database under ``var/``.
Production sets ``FRONTLIJN_ENV=production``, ``SECRET_KEY``, ``ALLOWED_HOSTS`` and
``DATABASE_URL`` (PostgreSQL, psycopg 3).
"""

import json
import os
from pathlib import Path
from typing import Any

import dj_database_url

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("FRONTLIJN_DATA_DIR", Path.cwd() / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PRODUCTION = os.environ.get("FRONTLIJN_ENV", "development") == "production"
# DEBUG is off unless asked for (DEBUG=1, `make dev`): the demo shows the Dutch error pages.
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "" if PRODUCTION else "dev-only-insecure-key-change-me")
if PRODUCTION and not SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set when FRONTLIJN_ENV=production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    # Frontlijn, one app per product area
    "frontlijn.core",
    "frontlijn.teams",
    "frontlijn.register",
    "frontlijn.cases",
    "frontlijn.contacts",
    "frontlijn.privacy",
    "frontlijn.signals",
    "frontlijn.plans",
    "frontlijn.appreciation",
    "frontlijn.feedback",
    "frontlijn.gdpr",  # the reason step, data-subject requests and retention: reads the apps above
    "frontlijn.dashboard",
    "frontlijn.api",
    "frontlijn.sso",
    "frontlijn.demo",  # frontlijn demo: builds every app's data, so it comes last
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "frontlijn.sso.middleware.SsoSessionAgeMiddleware",
    # Every page needs a login; public views carry @login_not_required (tests/core/test_login_required.py).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "frontlijn.core.middleware.UnknownPathLoginMiddleware",
    "frontlijn.core.middleware.BadQueryMiddleware",
    "frontlijn.core.offline.OutboxMiddleware",
    "frontlijn.privacy.middleware.SharedDeviceSessionMiddleware",
    "frontlijn.privacy.middleware.SecurityHeadersMiddleware",
    "frontlijn.privacy.middleware.ApiAuditMiddleware",
]

ROOT_URLCONF = "frontlijn.urls"
WSGI_APPLICATION = "frontlijn.wsgi.application"
AUTH_USER_MODEL = "teams.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "frontlijn.core.context_processors.navigation_context",
            ],
        },
    },
]

if not os.environ.get("DATABASE_URL"):
    DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'frontlijn.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool("DATABASE_PREPARED_STATEMENTS", True):
    # Server-side parameters and prepared statements (psycopg 3): a statement that runs again on a
    # connection is parsed and planned once, not per request. About half of the database's CPU
    # time per page at the largest association's size (docs/BENCHMARKS.md, "Pages at large size
    # after the CPU work"). Off (DATABASE_PREPARED_STATEMENTS=0) behind PgBouncer in transaction
    # mode, which cannot keep prepared statements.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"server_side_binding": True, "prepare_threshold": 2})
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent use of the embedded database: WAL lets readers go on while one writer writes;
    # writers take the lock at BEGIN (IMMEDIATE) and wait up to SQLITE_BUSY_TIMEOUT seconds for it
    # instead of failing with "database is locked" (docs/deploy.md says when to move to PostgreSQL).
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": int(os.environ.get("SQLITE_BUSY_TIMEOUT", "30")),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Dutch is the source language of the UI; English is a translation.
LANGUAGE_CODE = "nl"
# Each language under its own name, as language switchers should show them.
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", DATA_DIR / "static"))
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
MEDIA_URL = "/media/"  # never served as such: photos go through a view that checks rights
# Photos and generated files (FRONTLIJN_STORAGE, docs/deploy.md): "local" (a folder, MEDIA_ROOT: one
# server only), "database" (every server sees it, no extra component; part of the database backup)
# or "s3" (S3-compatible object storage through django-storages; `pip install frontlijn[s3]`).
FRONTLIJN_STORAGE = os.environ.get("FRONTLIJN_STORAGE", "local").strip().lower()
_MEDIA_STORAGES: dict[str, dict[str, Any]] = {
    "local": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "database": {"BACKEND": "frontlijn.core.storage.DatabaseStorage"},
    "s3": {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("S3_BUCKET", ""),
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
            "location": os.environ.get("S3_PREFIX", "frontlijn"),
            # Private objects; the app reads them and serves them through its own views.
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    },
}
if FRONTLIJN_STORAGE not in _MEDIA_STORAGES:
    raise RuntimeError("FRONTLIJN_STORAGE must be one of: local, database, s3")
if FRONTLIJN_STORAGE == "s3" and not _MEDIA_STORAGES["s3"]["OPTIONS"]["bucket_name"]:
    raise RuntimeError("FRONTLIJN_STORAGE=s3 needs S3_BUCKET (and the S3_* settings of docs/deploy.md)")
STORAGES = {
    "default": _MEDIA_STORAGES[FRONTLIJN_STORAGE],
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

# Sessions in the database: every app server sees the same ones.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# The shared cache (API rate limits, memoised dashboard figures). REDIS_URL: Redis or
# Valkey (Django's RedisCache). Otherwise production uses the database cache (the table is made by
# `frontlijn migrate`), development a per-process memory cache.
REDIS_URL = os.environ.get("REDIS_URL", "")
FRONTLIJN_CACHE = os.environ.get("FRONTLIJN_CACHE", "redis" if REDIS_URL else "database" if PRODUCTION else "memory")
CACHE_TABLE = "frontlijn_cache"
_CACHES = {
    "redis": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL},
    "database": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": CACHE_TABLE},
    "memory": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "frontlijn"},
}
if FRONTLIJN_CACHE not in _CACHES:
    raise RuntimeError("FRONTLIJN_CACHE must be one of: redis, database, memory")
if FRONTLIJN_CACHE == "redis" and not REDIS_URL:
    raise RuntimeError("FRONTLIJN_CACHE=redis needs REDIS_URL, e.g. redis://127.0.0.1:6379/0")
CACHES = {"default": {**_CACHES[FRONTLIJN_CACHE], "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "frontlijn")}}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "frontlijn@localhost")

# Background work (docs/decisions/0002-background-tasks.md, docs/deploy.md). Production: the database
# queue of django-tasks-db, run by `frontlijn worker` (no task runs inside a web request).
# Development and tests: immediately, in the caller's process.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND",
            "django_tasks_db.DatabaseBackend" if PRODUCTION else "django_tasks.backends.immediate.ImmediateBackend",
        ),
    }
}
# The worker's periodic runner (frontlijn.core.schedule): overrides of a job's schedule, e.g.
# "dashboard_refresh=every:5m,retention=daily:03:30"; "job=off" turns a job off.
FRONTLIJN_SCHEDULE = os.environ.get("FRONTLIJN_SCHEDULE", "")

SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_REFERRER_POLICY = "same-origin"
CSRF_COOKIE_HTTPONLY = True
# A form sent with an expired or missing token gets a Dutch page that says what to do.
CSRF_FAILURE_VIEW = "frontlijn.core.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # Behind the reverse proxy (deploy/nginx/frontlijn.conf), which sets X-Forwarded-Proto and
    # X-Forwarded-Host; the app servers listen on loopback or a private network only.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = env_bool("USE_X_FORWARDED_HOST", True)
    # The readiness and liveness checks are asked for over plain HTTP by the load balancer.
    SECURE_REDIRECT_EXEMPT = [r"^health/"]

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Frontlijn API",
    "DESCRIPTION": "VERA-shaped API of Frontlijn.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Requests and responses get separate components (read-only fields only in responses).
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI and Redoc from the drf-spectacular-sidecar package: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
# API rate limit per token (frontlijn.api.auth.TokenRateThrottle; counted in Django's cache).
FRONTLIJN_API_RATE = os.environ.get("FRONTLIJN_API_RATE", "1200/minute")
# The bulk write for the nightly sync (POST /api/v1/<soort>/bulk/): records and bytes a request may hold.
FRONTLIJN_API_BULK_MAX_RECORDS = int(os.environ.get("FRONTLIJN_API_BULK_MAX_RECORDS", "10000"))
FRONTLIJN_API_BULK_MAX_BYTES = int(os.environ.get("FRONTLIJN_API_BULK_MAX_BYTES", str(20 * 1024 * 1024)))

# Logging: never log resident-identifying text. Request bodies are not logged; the
# ResidentDataFilter strips query strings (which can hold names or postcodes) from records.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"resident_data": {"()": "frontlijn.lib.logging.ResidentDataFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["resident_data"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# Frontlijn's own settings
# Privacy and security (frontlijn.privacy; see docs/security.md).
FRONTLIJN_SHARED_DEVICE_IDLE_SECONDS = int(os.environ.get("FRONTLIJN_SHARED_DEVICE_IDLE_SECONDS", "600"))
# Create-form keys ("nothing twice") are kept at least this long; `frontlijn retention` removes older ones.
FRONTLIJN_IDEMPOTENCY_DAYS = max(30, int(os.environ.get("FRONTLIJN_IDEMPOTENCY_DAYS", "35")))
FRONTLIJN_TWO_FACTOR_ROLES = env_list("FRONTLIJN_TWO_FACTOR_ROLES", "beheerder")
FRONTLIJN_LOGIN_MAX_FAILURES = int(os.environ.get("FRONTLIJN_LOGIN_MAX_FAILURES", "5"))
FRONTLIJN_LOGIN_LOCKOUT_SECONDS = int(os.environ.get("FRONTLIJN_LOGIN_LOCKOUT_SECONDS", "900"))
# Looking residents up by phone number or e-mail address: lookups per user per window (Django's
# cache; see docs/privacy.md).
FRONTLIJN_CONTACT_LOOKUPS_PER_WINDOW = int(os.environ.get("FRONTLIJN_CONTACT_LOOKUPS_PER_WINDOW", "30"))
FRONTLIJN_CONTACT_LOOKUP_WINDOW_SECONDS = int(os.environ.get("FRONTLIJN_CONTACT_LOOKUP_WINDOW_SECONDS", "600"))
# Reverse proxies (IP addresses or networks, comma-separated) whose X-Forwarded-For is believed;
# without them the client address is REMOTE_ADDR (frontlijn.privacy.throttle.client_ip).
FRONTLIJN_TRUSTED_PROXIES = env_list("FRONTLIJN_TRUSTED_PROXIES", "")
FRONTLIJN_BACKUP_DIR = Path(os.environ.get("FRONTLIJN_BACKUP_DIR", DATA_DIR / "backups"))


def _audit_keys() -> dict[str, str]:
    """The audit chain's HMAC keys, ``id:secret`` each: from FRONTLIJN_AUDIT_KEY_FILE (one a line)
    or FRONTLIJN_AUDIT_KEYS (comma-separated). The first is the current key (new rows); the others
    stay to verify older rows (rotation). The same on every app server; never in the database."""
    path = os.environ.get("FRONTLIJN_AUDIT_KEY_FILE", "").strip()
    text = Path(path).read_text(encoding="utf-8") if path else os.environ.get("FRONTLIJN_AUDIT_KEYS", "")
    keys: dict[str, str] = {}
    for item in text.replace(",", "\n").splitlines():
        key_id, sep, secret = item.strip().partition(":")
        if sep and key_id.strip() and secret.strip():
            keys[key_id.strip()] = secret.strip()
    if not keys and not PRODUCTION:  # development and tests: a fixed, public key (check --deploy refuses it)
        keys = {"dev": "frontlijn-development-audit-key-not-secret"}
    return keys


FRONTLIJN_AUDIT_KEYS = _audit_keys()
FRONTLIJN_AUDIT_KEY_ID = next(iter(FRONTLIJN_AUDIT_KEYS), "")
# Where ``frontlijn audit anchor`` writes the chain's head (daily; keep it off the database server).
FRONTLIJN_AUDIT_ANCHOR_FILE = Path(os.environ.get("FRONTLIJN_AUDIT_ANCHOR_FILE", DATA_DIR / "audit-anchors.jsonl"))
FRONTLIJN_SIGNAL_PICKUP_DAYS = int(os.environ.get("FRONTLIJN_SIGNAL_PICKUP_DAYS", "5"))
# The contact form offers "Maak hier een signaal van" when the classifier's best theme for the
# beyond-the-process note scores at least this much, for a note of at least this many characters.
FRONTLIJN_SIGNAL_OFFER_THRESHOLD = float(os.environ.get("FRONTLIJN_SIGNAL_OFFER_THRESHOLD", "0.6"))
FRONTLIJN_SIGNAL_OFFER_MIN_CHARS = int(os.environ.get("FRONTLIJN_SIGNAL_OFFER_MIN_CHARS", "20"))
# Resident feedback after contact (frontlijn.feedback): the base of the link in invitations and
# the SMS backend (a dotted path; the default logs a masked number and never the text).
# Every absolute link (feedback invitations and QR codes, inbox e-mails) is built from it;
# `make demo` sets it to the address and port it serves.
# In production there is no default: `frontlijn check --deploy` fails without it (frontlijn.E002).
FRONTLIJN_PUBLIC_URL = os.environ.get(
    "FRONTLIJN_PUBLIC_URL", "" if PRODUCTION else f"http://localhost:{os.environ.get('PORT', '8000')}"
)
FRONTLIJN_SMS_BACKEND = os.environ.get("FRONTLIJN_SMS_BACKEND", "frontlijn.feedback.messaging.LoggingSmsBackend")
FRONTLIJN_SIGNAL_RETRAIN_EVERY = int(os.environ.get("FRONTLIJN_SIGNAL_RETRAIN_EVERY", "50"))
# Patterns (docs/signals.md, "Patterns"): signals of one theme clustering in one complex or buurt.
# Raised when, within the window, at least MIN_COUNT signals not yet in a pattern of that theme were
# raised there AND that is at least BASELINE_FACTOR times the area's usual number for such a window
# (its own signals of that theme in the BASELINE_DAYS before the window, scaled to the window).
# Vulnerability themes also need MIN_HOUSEHOLDS distinct addresses (k-anonymity). A signal is in at
# most one open pattern and in at most one pattern per theme ever; a pattern closes only when it is
# answered (a reply, a plan started from it, or its signals attached to an open plan).
FRONTLIJN_PATTERN_WINDOW_DAYS = int(os.environ.get("FRONTLIJN_PATTERN_WINDOW_DAYS", "60"))
FRONTLIJN_PATTERN_MIN_COUNT = int(os.environ.get("FRONTLIJN_PATTERN_MIN_COUNT", "5"))
FRONTLIJN_PATTERN_BASELINE_DAYS = int(os.environ.get("FRONTLIJN_PATTERN_BASELINE_DAYS", "365"))
FRONTLIJN_PATTERN_BASELINE_FACTOR = float(os.environ.get("FRONTLIJN_PATTERN_BASELINE_FACTOR", "3.0"))
# ... and the usual rate must make that count unlikely by chance: P(at least n) <= MAX_P (Poisson).
FRONTLIJN_PATTERN_MAX_P = float(os.environ.get("FRONTLIJN_PATTERN_MAX_P", "0.001"))
FRONTLIJN_PATTERN_LEVELS = tuple(os.environ.get("FRONTLIJN_PATTERN_LEVELS", "complex,buurt").split(","))
FRONTLIJN_PATTERN_VULNERABLE_THEMES = tuple(
    os.environ.get("FRONTLIJN_PATTERN_VULNERABLE_THEMES", "eenzaamheid,zorg,geldzorgen").split(",")
)
FRONTLIJN_PATTERN_MIN_HOUSEHOLDS = int(os.environ.get("FRONTLIJN_PATTERN_MIN_HOUSEHOLDS", "5"))
# Anonymity threshold (k) for the pulse survey: figures, comments and changes between periods are
# shown only for groups of at least this many answers (appreciation results and the dashboard's pulse
# indicator alike), so no answer can be traced to one person. Below 2 nothing would be anonymous.
FRONTLIJN_MIN_GROUP_SIZE = int(os.environ.get("FRONTLIJN_MIN_GROUP_SIZE", "5"))
if FRONTLIJN_MIN_GROUP_SIZE < 2:
    raise ValueError("FRONTLIJN_MIN_GROUP_SIZE must be at least 2")
# New signals of the same theme and area join a pattern while it is open.
FRONTLIJN_PATTERN_JOIN_OPEN = os.environ.get("FRONTLIJN_PATTERN_JOIN_OPEN", "1") == "1"
# One staff correction weighs this many seed texts when the classifier is trained (docs/signals.md).
FRONTLIJN_SIGNAL_CORRECTION_WEIGHT = float(os.environ.get("FRONTLIJN_SIGNAL_CORRECTION_WEIGHT", "3"))

# Single sign-on through OpenID Connect (frontlijn.sso, mozilla-django-oidc; docs/sso.md). Off by
# default: the demo and small installations use local accounts. Every setting comes from the
# environment; the endpoints are in the provider's /.well-known/openid-configuration.
OIDC_ENABLED = env_bool("OIDC_ENABLED", False)
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
OIDC_OP_ISSUER = os.environ.get("OIDC_OP_ISSUER", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")  # empty: the ID token's claims only
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_OP_END_SESSION_ENDPOINT = os.environ.get("OIDC_OP_END_SESSION_ENDPOINT", "")
OIDC_POST_LOGOUT_REDIRECT_PATH = "/accounts/login/"
OIDC_USE_PKCE = env_bool("OIDC_USE_PKCE", True)
OIDC_STORE_ID_TOKEN = True  # the id_token_hint of the logout at the provider
OIDC_TIMEOUT = int(os.environ.get("OIDC_TIMEOUT", "10"))
OIDC_VERIFY_SSL = env_bool("OIDC_VERIFY_SSL", True)
OIDC_PROVIDER_NAME = os.environ.get("OIDC_PROVIDER_NAME", "")  # e.g. "Microsoft" on the login button
OIDC_AUTH_REQUEST_EXTRA_PARAMS = (
    {"acr_values": os.environ["OIDC_ACR_VALUES"]} if os.environ.get("OIDC_ACR_VALUES") else {}
)
OIDC_USERNAME_CLAIM = os.environ.get("OIDC_USERNAME_CLAIM", "preferred_username")
# Claims whose values decide role and teams, and the maps (JSON objects: claim value -> role,
# claim value -> team name). The first role in OIDC_ROLE_MAP that the user has wins.
OIDC_GROUP_CLAIMS = env_list("OIDC_GROUP_CLAIMS", "groups,roles")
OIDC_ROLE_MAP = json.loads(os.environ.get("OIDC_ROLE_MAP") or "{}")
OIDC_TEAM_MAP = json.loads(os.environ.get("OIDC_TEAM_MAP") or "{}")
OIDC_DEFAULT_ROLE = os.environ.get("OIDC_DEFAULT_ROLE", "")  # empty: no mapped role, no entry
# An SSO session ends this many seconds after the login at the provider, however active.
OIDC_MAX_SESSION_AGE = int(os.environ.get("OIDC_MAX_SESSION_AGE", str(8 * 3600)))
# The provider's second factor: "roles" (those in FRONTLIJN_TWO_FACTOR_ROLES, privacy officers),
# "all" or "none" (the provider enforces it itself). Shown by amr or acr values.
OIDC_REQUIRE_MFA = os.environ.get("OIDC_REQUIRE_MFA", "roles")
OIDC_MFA_AMR_VALUES = env_list("OIDC_MFA_AMR_VALUES", "mfa")
OIDC_MFA_ACR_VALUES = env_list("OIDC_MFA_ACR_VALUES", "")
if OIDC_REQUIRE_MFA not in {"roles", "all", "none"}:
    raise RuntimeError("OIDC_REQUIRE_MFA must be roles, all or none")
_OIDC_REQUIRED = (
    "OIDC_RP_CLIENT_ID",
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_OP_JWKS_ENDPOINT",
)
if OIDC_ENABLED and not all(globals()[name] for name in _OIDC_REQUIRED):
    raise RuntimeError("OIDC_ENABLED needs " + ", ".join(_OIDC_REQUIRED) + " (see docs/sso.md)")
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS = [
        "django.contrib.auth.backends.ModelBackend",
        "frontlijn.sso.backend.FrontlijnOIDCBackend",
    ]
