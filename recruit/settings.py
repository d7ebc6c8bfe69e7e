"""Settings of the campus-recruitment portal.

Every value comes from the environment with a safe development default; with
DEBUG off there is no secret default, and a bad value stops the process at
start with the variable's name.
"""

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool) -> bool:
    value = env(name).lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = env(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


# --- Core -----------------------------------------------------------------

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is required when DEBUG is off. Set SECRET_KEY to a long random "
            "value, or set DEBUG=1 for local development."
        )
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"  # noqa: S105 (DEBUG only)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The portal's name in pages and emails; unset, "Campus Recruitment 2027" in the page's language (recruit/site.py).
SITE_NAME = env("SITE_NAME", "")
# The portal's public address, for links in emails (no trailing slash). In
# development, unset, links follow the address the request came to (see
# recruit.notifications.services.site_url); in production a wrong guess would
# send every candidate to a wrong host, so it is required.
SITE_URL = env("SITE_URL").rstrip("/")
if not SITE_URL and not DEBUG:
    raise ImproperlyConfigured(
        "SITE_URL is required when DEBUG is off: the portal's public address for links in emails, "
        "for example SITE_URL=https://careers.example.com."
    )
if SITE_URL and not SITE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(f"SITE_URL must start with http:// or https://, not {SITE_URL!r}.")

INSTALLED_APPS = [
    # Before the admin, whose forms it extends with each language's fields.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_htmx",
    "allauth",
    "allauth.account",
    "recruit.accounts",
    "recruit.notifications",
    "postings",
    "applicants",
    "talentpool",
    "star",
    "infosessions",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "recruit.middleware.PrivatePagesNoStoreMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After the session, before CommonMiddleware (which resolves /zh-hans/ paths).
    "recruit.accounts.languages.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "recruit.accounts.languages.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "recruit.urls"
WSGI_APPLICATION = "recruit.wsgi.application"
ASGI_APPLICATION = "recruit.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "recruit.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, sessions ------------------------------------------------------

# allauth counts sign-in attempts in the default cache, so it must be shared by
# every process: Redis when REDIS_URL is set; without it, in production, a
# table in the database (created after every `migrate`, recruit.cache); a
# per-process memory cache only in development.
REDIS_URL = env("REDIS_URL")
# The public pages keep a few entries each (postings/cache.py): the default 300 would churn.
CACHE_OPTIONS = {"MAX_ENTRIES": 20000}
# Redis answers in a millisecond; a Redis that is down or hung costs a request
# at most this long once, then the cache is skipped for a few seconds.
REDIS_TIMEOUT = 0.5
if REDIS_URL:
    CACHES = {
        "default": {
            # Fails open: when Redis is down, pages are served uncached and
            # rate limits are off (logged), rather than every sign-in failing.
            "BACKEND": "recruit.cache.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "recruit",
            "OPTIONS": {
                "socket_connect_timeout": REDIS_TIMEOUT,
                "socket_timeout": REDIS_TIMEOUT,
                "retry_on_timeout": False,
            },
        }
    }
elif DEBUG:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": CACHE_OPTIONS}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "recruit_cache",  # created by every migrate (recruit.cache.CACHE_TABLE)
            "KEY_PREFIX": "recruit",
            "OPTIONS": CACHE_OPTIONS,
        }
    }

# Sessions live in the database, so a Redis outage costs rate limits and
# caching, never everyone's sign-in.
# Django's database sessions, read with plain SQL (recruit/accounts/sessions.py).
SESSION_ENGINE = "recruit.accounts.sessions"

# --- Accounts (django-allauth) -------------------------------------------

AUTH_USER_MODEL = "accounts.User"
# Django's and allauth's, loading each request's user with their personal
# version (recruit/accounts/personal.py) in the same query.
AUTHENTICATION_BACKENDS = [
    "recruit.accounts.backends.ModelBackend",
    "recruit.accounts.backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/me/"
# Recruiters and admins land on their workspace instead (recruit/accounts/adapter.py).
SIGN_IN_LANDING = "postings.access.sign_in_landing"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# Opening the link in the browser that signed up signs the student in and
# carries on where they were going (the role they wanted to apply to).
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_GET = False
# Account emails go through the notification outbox, delivered by a worker.
ACCOUNT_ADAPTER = "recruit.accounts.adapter.AccountAdapter"
# Someone at an unlocked computer cannot take the account over: adding or
# changing an email address and changing the password ask for the password
# again (once per REAUTHENTICATION_TIMEOUT, 5 minutes).
ACCOUNT_REAUTHENTICATION_REQUIRED = True
# Rate limits count per client address. Behind proxies, every request comes
# from the nearest proxy, so one client's failures would lock everyone out:
# set this to the number of proxies in front of gunicorn that append to
# X-Forwarded-For (1 for the nginx of docs/deployment.md). Left at 0 without a
# proxy, so a client cannot pick its own address with that header.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("ALLAUTH_TRUSTED_PROXY_COUNT", 0)

# --- Internationalisation -------------------------------------------------

# English at the existing addresses, Simplified Chinese under /zh-hans/ for the
# public pages (recruit/accounts/languages.py says how a request's language is
# chosen). Catalogue text (programs, units, categories, locations, skills,
# postings, information sessions) has both (postings/translation.py); an empty
# Chinese text falls back to the English and the other way round.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
# Dates and times per language (31 May 2027 / 2027年5月31日).
FORMAT_MODULE_PATH = ["recruit.formats"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en", "zh-hans")}
TIME_ZONE = env("TIME_ZONE", "Asia/Shanghai")
USE_TZ = True

# --- Static and media files ----------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    # Uploads (resumes) are private: never under a public URL; an authorizing
    # view streams them.
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"base_url": None},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
# Stop reading an upload as soon as it is bigger than any resume may be.
FILE_UPLOAD_HANDLERS = [
    "applicants.uploads.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
MEDIA_URL = None

# --- Email ----------------------------------------------------------------

DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Campus Recruitment <noreply@localhost>")
SERVER_EMAIL = env("SERVER_EMAIL", DEFAULT_FROM_EMAIL)


# In development the console prints each email readable (8-bit, not
# quoted-printable: the verification link stays one line). Otherwise Django's
# own console backend, which `check --deploy` knows to refuse.
CONSOLE_MAILER = {
    "BACKEND": "recruit.notifications.mail.ConsoleBackend"
    if DEBUG
    else "django.core.mail.backends.console.EmailBackend"
}


def mailer_from_environment() -> dict:
    """The default mailer: EMAIL_URL, else EMAIL_HOST & co, else the console in DEBUG."""
    url = env("EMAIL_URL")
    if url:
        parts = urlsplit(url)
        if parts.scheme == "console":
            return CONSOLE_MAILER
        if parts.scheme not in {"smtp", "smtps", "submission"}:
            raise ImproperlyConfigured(
                f"EMAIL_URL must start with smtp://, smtps://, submission:// or console://, not {parts.scheme!r}."
            )
        query = parse_qs(parts.query)
        return {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": parts.hostname or "localhost",
                "port": parts.port or {"smtps": 465, "submission": 587}.get(parts.scheme, 25),
                "username": unquote(parts.username or ""),
                "password": unquote(parts.password or ""),
                "use_ssl": parts.scheme == "smtps",
                "use_tls": parts.scheme == "submission" or query.get("tls", ["0"])[0] in {"1", "true"},
                "timeout": 10,
            },
        }
    if env("EMAIL_HOST") or not DEBUG:
        return {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env("EMAIL_HOST", "localhost"),
                "port": env_int("EMAIL_PORT", 25),
                "username": env("EMAIL_HOST_USER"),
                "password": env("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", False),
                "use_ssl": env_bool("EMAIL_USE_SSL", False),
                "timeout": 10,
            },
        }
    return CONSOLE_MAILER


MAILERS = {"default": mailer_from_environment()}

# --- Celery ---------------------------------------------------------------

CELERY_BROKER_URL = env("CELERY_BROKER_URL") or REDIS_URL
# Without a broker, tasks run in-process (after the transaction commits, since
# they are enqueued with delay_on_commit), so `make run` needs no Redis.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_URL = CELERY_BROKER_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_TASK_TIME_LIMIT = 120
CELERY_TASK_SOFT_TIME_LIMIT = 90
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A broker that is down or hung never holds a request: every socket has a
# timeout, and a publish is tried twice at most (a second try rides out a
# connection the broker closed when it restarted). A task not published
# stays a pending outbox row, re-queued by beat (recruit/celery.py).
CELERY_BROKER_CONNECTION_TIMEOUT = REDIS_TIMEOUT
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 3600,
    "socket_timeout": REDIS_TIMEOUT,
    "socket_connect_timeout": REDIS_TIMEOUT,
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.1, "interval_max": 0.1}
# A task whose worker died (killed, out of memory) goes back to the queue.
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TIMEZONE = TIME_ZONE
# Notifications have a queue of their own, so a backlog of other jobs never
# delays an email. Both queues are declared, so a plain `celery -A recruit
# worker` consumes both; `--queues notifications` makes a dedicated worker.
CELERY_TASK_QUEUES = {"celery": {}, "notifications": {}}
CELERY_TASK_ROUTES = {"recruit.notifications.tasks.*": {"queue": "notifications"}}
# The beat schedule lives in code (recruit/celery.py).

# --- Security -------------------------------------------------------------

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", True) else None
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
# Links in account emails use https wherever the session cookie needs it.
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SESSION_COOKIE_SECURE else "http"
X_FRAME_OPTIONS = "DENY"

# Django's built-in Content-Security-Policy: everything from this host, no
# inline script or style; the few scripts we need carry a per-request nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# --- Logging --------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# --- The portal -----------------------------------------------------------

BOARD_PAGE_SIZE = env_int("BOARD_PAGE_SIZE", 20)
# Where candidates write about their personal data (named on /privacy/).
PRIVACY_CONTACT_EMAIL = env("PRIVACY_CONTACT_EMAIL", "privacy@localhost" if DEBUG else "")
# Days a sent notification keeps its text; after that only its subject and
# link stay, for the in-app list (recruit.notifications.services).
NOTIFICATION_BODY_RETENTION_DAYS = env_int("NOTIFICATION_BODY_RETENTION_DAYS", 30)
# Days a talent-pool entry rests on one consent before it expires (its resume text erased) unless the candidate
# renews it; they are reminded 30 days before (talentpool.tasks).
TALENT_POOL_RETENTION_DAYS = env_int("TALENT_POOL_RETENTION_DAYS", 365)
# Open postings per task of the nightly suggestions refresh: more workers take batches in parallel.
TALENT_POOL_REFRESH_BATCH = env_int("TALENT_POOL_REFRESH_BATCH", 200)
