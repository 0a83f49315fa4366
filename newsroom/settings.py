"""Newsroom settings.

Every value that differs between a laptop and production is read from the environment here,
once. The defaults run the embedded set-up (SQLite and local files under ``var/``); production
refuses to start without a real ``SECRET_KEY``. The README lists each variable.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from safeguards.addresses import networks


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name, default):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("NEWSROOM_VAR_DIR") or BASE_DIR / "var")

# Core ------------------------------------------------------------------------------------------

DEBUG = env_bool("NEWSROOM_DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random "
            "string (for example the output of `python -c 'import secrets; "
            "print(secrets.token_urlsafe(50))'`), or set NEWSROOM_DEBUG=1 for local development."
        )
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_tasks_db",
    "reversion",
    "newsroom",
    "safeguards",
    "pagecache",
    "pages",
    "articles",
    "comments",
    "redirects",
    "wordpress",
    "fronts",
    "operations",
]

MIDDLEWARE = [
    # First: one log line per request, with the reader's address as the proxy saw it.
    "newsroom.middleware.RequestLogMiddleware",
    "newsroom.middleware.ProxiedClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "newsroom.middleware.PermissionsPolicyMiddleware",
    # Static files before anything else reads the request: they need no session, no page.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # 304 for pages from the cache and pages made now alike.
    "django.middleware.http.ConditionalGetMiddleware",
    # Old addresses (/?p=123) answered before the page cache could serve the home page.
    "redirects.middleware.RedirectMiddleware",
    # Anonymous readers' pages: served here, before sessions and CSRF are even looked at.
    "pagecache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "comments.pending.PendingCookieMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "newsroom.login_throttle.LoginThrottleMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
# Where the admin lives; another path than the default keeps most scanners away.
NEWSROOM_ADMIN_PATH = (os.environ.get("NEWSROOM_ADMIN_PATH") or "admin").strip("/") + "/"
WSGI_APPLICATION = "newsroom.wsgi.application"

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
                "newsroom.context_processors.site",
                "fronts.context_processors.breaking_news",
            ],
        },
    },
]

# Database --------------------------------------------------------------------------------------

DATABASE_URL = os.environ.get("DATABASE_URL", "")
# Seconds a process keeps its database connection between requests; 0 opens one per request.
# gunicorn's workers keep theirs (deploy/gunicorn.conf.py): no connection to set up per request,
# and SQLite keeps its page cache, so a search reads its index from memory. The development
# server starts a thread per request, which would only leave connections behind.
DATABASE_CONN_MAX_AGE = env_int("NEWSROOM_DB_CONN_MAX_AGE", 600 if DATABASE_URL else 0)
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=DATABASE_CONN_MAX_AGE, conn_health_checks=True
        )
    }
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "db.sqlite3",
            "CONN_MAX_AGE": DATABASE_CONN_MAX_AGE,
            "OPTIONS": {
                # Readers keep reading while a writer commits; writers queue instead of failing.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Language and time -----------------------------------------------------------------------------

LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE") or "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE") or "UTC"
USE_I18N = True
USE_TZ = True

# Static files and media ------------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Public media: the renditions of uploaded images, served under MEDIA_URL.
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or VAR_DIR / "media")
# Uploaded originals, with their metadata (GPS, camera serials): outside MEDIA_ROOT, never
# served (articles/storage.py).
NEWSROOM_PRIVATE_ROOT = Path(os.environ.get("NEWSROOM_PRIVATE_ROOT") or VAR_DIR / "private")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "originals": {"BACKEND": "articles.storage.PrivateFileSystemStorage"},
    # Hashed names, gzip and brotli copies made by collectstatic; WhiteNoise serves them with
    # a far-future, immutable Cache-Control.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Cache and sessions: local memory by default, Redis shared by every app server when set -------

REDIS_URL = os.environ.get("REDIS_URL", "")
# Pages have a cache of their own, so that a crowd of pages never pushes out the counters of
# flood control and login throttling; parts of pages (fragments) too, so that many small parts
# never push out whole pages.
NEWSROOM_PAGE_CACHE_ENTRIES = env_int("NEWSROOM_PAGE_CACHE_ENTRIES", 200)
NEWSROOM_FRAGMENT_CACHE_ENTRIES = env_int("NEWSROOM_FRAGMENT_CACHE_ENTRIES", 5000)
# Without Redis each process keeps its own: bounded in megabytes too, pages and parts alike.
NEWSROOM_PAGE_CACHE_MB = env_int("NEWSROOM_PAGE_CACHE_MB", 32)
NEWSROOM_FRAGMENT_CACHE_MB = env_int("NEWSROOM_FRAGMENT_CACHE_MB", 32)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "pages",
        },
        # Beside the pages, with the versions both are checked against.
        "fragments": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "pages",
        },
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        # Each process's memory, in front of files shared by the machine's processes.
        "pages": {
            "BACKEND": "pagecache.machine.MachineCache",
            "LOCATION": "pages",
            "OPTIONS": {
                "MAX_ENTRIES": NEWSROOM_PAGE_CACHE_ENTRIES,
                "MAX_BYTES": NEWSROOM_PAGE_CACHE_MB * 1024 * 1024,
            },
        },
        "fragments": {
            "BACKEND": "pagecache.machine.MachineCache",
            "LOCATION": "fragments",
            "OPTIONS": {
                "MAX_ENTRIES": NEWSROOM_FRAGMENT_CACHE_ENTRIES,
                "MAX_BYTES": NEWSROOM_FRAGMENT_CACHE_MB * 1024 * 1024,
            },
        },
    }

# Whole pages for anonymous readers, kept in the cache above until something they show changes
# (pagecache/). NEWSROOM_CDN_SECONDS is the s-maxage a CDN may keep a page: short, so no purge
# is ever needed (each page also names what it shows in a Surrogate-Key header, for purging).
# Off in development by default: a template being edited changes pages without any write.
NEWSROOM_PAGE_CACHE = env_bool("NEWSROOM_PAGE_CACHE", not DEBUG)
NEWSROOM_PAGE_CACHE_SECONDS = env_int("NEWSROOM_PAGE_CACHE_SECONDS", 600)
NEWSROOM_CDN_SECONDS = env_int("NEWSROOM_CDN_SECONDS", 60)
# Without Redis: the table of versions every app process of the machine maps in memory.
NEWSROOM_PAGE_VERSIONS = Path(
    os.environ.get("NEWSROOM_PAGE_VERSIONS") or VAR_DIR / "page-versions"
)
# The query parameters public pages read; any other shares the page without it.
NEWSROOM_PAGE_CACHE_PARAMETERS = ["page", "p", "q", "replyto"]
# The browser of a reader with a pending comment holds its ids in this cookie, sent only with
# the pages of that comment's article (comments/pending.py).
COMMENTS_PENDING_COOKIE = "newsroom_pending"
# A browser whose own comment was approved holds its id in this cookie: what lets its next
# comments with the same email skip the queue (comments/trust.py).
COMMENTS_TRUST_COOKIE = "newsroom_trust"
# Cookies that make a page a reader's own (besides the session's): such a request goes past
# the page cache. Flash messages live in a cookie, never in a session (MESSAGE_STORAGE).
NEWSROOM_PAGE_CACHE_PERSONAL_COOKIES = ["messages", COMMENTS_PENDING_COOKIE]
MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"

# Background work: run at once by default; a database queue with `manage.py db_worker` when
# NEWSROOM_TASKS=database.
NEWSROOM_TASKS = os.environ.get("NEWSROOM_TASKS") or "immediate"
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django.tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[NEWSROOM_TASKS]
    }
}

# Media on S3-compatible storage when a bucket is named ------------------------------------------

MEDIA_S3_BUCKET = os.environ.get("MEDIA_S3_BUCKET", "")
MEDIA_S3_ORIGINALS_BUCKET = os.environ.get("MEDIA_S3_ORIGINALS_BUCKET") or MEDIA_S3_BUCKET
MEDIA_S3_ORIGINALS_PREFIX = (os.environ.get("MEDIA_S3_ORIGINALS_PREFIX") or "originals").strip("/")
if MEDIA_S3_BUCKET:
    s3_service = {
        "endpoint_url": os.environ.get("MEDIA_S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("MEDIA_S3_REGION") or None,
        "file_overwrite": False,
        "default_acl": None,
    }
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **s3_service,
            "bucket_name": MEDIA_S3_BUCKET,
            "custom_domain": os.environ.get("MEDIA_S3_CUSTOM_DOMAIN") or None,
            # Renditions are public; unsigned URLs can be cached and need no clock in sync.
            "querystring_auth": False,
        },
    }
    # Originals: a bucket of their own, or a prefix that the bucket policy leaves private
    # (only renditions/* is public, docs/deploy.md); no URL is ever made for them.
    STORAGES["originals"] = {
        "BACKEND": "articles.s3.PrivateS3Storage",
        "OPTIONS": {
            **s3_service,
            "bucket_name": MEDIA_S3_ORIGINALS_BUCKET,
            "location": MEDIA_S3_ORIGINALS_PREFIX,
            "default_acl": "private",
        },
    }
    if MEDIA_S3_ORIGINALS_BUCKET == MEDIA_S3_BUCKET and (
        not MEDIA_S3_ORIGINALS_PREFIX or MEDIA_S3_ORIGINALS_PREFIX.startswith("renditions")
    ):
        raise ImproperlyConfigured(
            "MEDIA_S3_ORIGINALS_PREFIX must name a prefix of its own (such as 'originals') "
            "when originals share the bucket of renditions."
        )

# HTTP security -----------------------------------------------------------------------------------

# Behind the TLS-terminating proxy (deploy/nginx): HTTPS unless NEWSROOM_HTTPS=0.
NEWSROOM_HTTPS = env_bool("NEWSROOM_HTTPS", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = NEWSROOM_HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers check the app over plain HTTP
SESSION_COOKIE_SECURE = NEWSROOM_HTTPS
CSRF_COOKIE_SECURE = NEWSROOM_HTTPS
SECURE_HSTS_SECONDS = env_int("NEWSROOM_HSTS_SECONDS", 31_536_000 if NEWSROOM_HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("NEWSROOM_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("NEWSROOM_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    # Joining the browsers' preload list is a decision for the site's owner, not a default.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Browser features no page may use, nor anything embedded in one (Permissions-Policy header).
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "usb",
        "xr-spatial-tracking",
    ]
} | {"fullscreen": ["self"]}
SESSION_COOKIE_HTTPONLY = True


def origin(address):
    """``https://host`` of ``host``, ``host/path`` or ``https://host/path``."""
    address = address if "://" in address else f"https://{address}"
    scheme, _, rest = address.partition("://")
    return f"{scheme}://{rest.split('/')[0]}"


MEDIA_ORIGINS = [
    origin(address)
    for address in [
        os.environ.get("MEDIA_S3_CUSTOM_DOMAIN"),
        os.environ.get("MEDIA_S3_ENDPOINT_URL"),
    ]
    if address
]
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    # Bootstrap draws some icons as data: SVG; media may come from the S3 bucket's domain.
    "img-src": [CSP.SELF, "data:", *MEDIA_ORIGINS],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Failed admin logins, counted per client and username, and per username from everywhere
# (newsroom/login_throttle.py), in the database every app process shares.
NEWSROOM_LOGIN_FAILURE_LIMIT = env_int("NEWSROOM_LOGIN_FAILURE_LIMIT", 5)
NEWSROOM_LOGIN_LOCKOUT_SECONDS = env_int("NEWSROOM_LOGIN_LOCKOUT_SECONDS", 15 * 60)
NEWSROOM_LOGIN_USERNAME_FAILURE_LIMIT = env_int("NEWSROOM_LOGIN_USERNAME_FAILURE_LIMIT", 50)
NEWSROOM_LOGIN_USERNAME_WINDOW_SECONDS = env_int("NEWSROOM_LOGIN_USERNAME_WINDOW_SECONDS", 3600)

# The proxies whose X-Real-IP, X-Forwarded-For and X-Forwarded-Proto are believed
# (newsroom/middleware.py): addresses or networks. From anyone else those headers are dropped.
NEWSROOM_TRUSTED_PROXIES = env_list("NEWSROOM_TRUSTED_PROXIES", ["127.0.0.0/8", "::1"])
try:
    networks(NEWSROOM_TRUSTED_PROXIES)
except ValueError as error:
    raise ImproperlyConfigured(f"NEWSROOM_TRUSTED_PROXIES: {error}") from None

# Email -----------------------------------------------------------------------------------------

# Console in development; SMTP in production, configured by EMAIL_HOST and friends.
EMAIL_BACKEND_PATH = os.environ.get("EMAIL_BACKEND") or (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend"
)
MAILERS = {"default": {"BACKEND": EMAIL_BACKEND_PATH}}
if EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": os.environ.get("EMAIL_HOST") or "localhost",
        "port": env_int("EMAIL_PORT", 587),
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", True),
        "timeout": 10,
    }
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL") or "newsroom@localhost"

# Newsroom --------------------------------------------------------------------------------------

NEWSROOM_SITE_NAME = os.environ.get("NEWSROOM_SITE_NAME") or "Newsroom"
NEWSROOM_ARTICLES_PER_PAGE = 20
# Revisions kept of each article (articles/revisions.py); older ones are deleted.
NEWSROOM_REVISIONS_KEPT = env_int("NEWSROOM_REVISIONS_KEPT", 100)
# Top stories shown on a front (the home page, a section's page) under its lead story.
NEWSROOM_FRONT_TOP_STORIES = env_int("NEWSROOM_FRONT_TOP_STORIES", 6)

# Images: upload limits and the widths of the renditions pages use (see articles/images/).
NEWSROOM_IMAGE_MAX_BYTES = env_int("NEWSROOM_IMAGE_MAX_BYTES", 20 * 1024 * 1024)
NEWSROOM_IMAGE_MAX_PIXELS = env_int("NEWSROOM_IMAGE_MAX_PIXELS", 60_000_000)
NEWSROOM_LEAD_IMAGE_MIN_WIDTH = env_int("NEWSROOM_LEAD_IMAGE_MIN_WIDTH", 960)
NEWSROOM_RENDITION_WIDTHS = [
    int(width) for width in env_list("NEWSROOM_RENDITION_WIDTHS", ["480", "960", "1440", "1920"])
]

# Comments: the moderation rules' settings (see comments/moderation.py) -------------------------

COMMENTS_MAX_DEPTH = env_int("COMMENTS_MAX_DEPTH", 3)
COMMENTS_TRUST_RETURNING = env_bool("COMMENTS_TRUST_RETURNING", True)
COMMENTS_MAX_LINKS = env_int("COMMENTS_MAX_LINKS", 2)
COMMENTS_MIN_SECONDS = env_int("COMMENTS_MIN_SECONDS", 3)
COMMENTS_MAX_FORM_AGE = env_int("COMMENTS_MAX_FORM_AGE", 24 * 3600)
COMMENTS_FLOOD_LIMIT = env_int("COMMENTS_FLOOD_LIMIT", 5)
COMMENTS_FLOOD_WINDOW = env_int("COMMENTS_FLOOD_WINDOW", 60)
COMMENTS_CLOSE_AFTER_DAYS = env_int("COMMENTS_CLOSE_AFTER_DAYS", 0)
COMMENTS_NOTIFY_EMAILS = env_list("COMMENTS_NOTIFY_EMAILS", [])
COMMENTS_IP_RETENTION_DAYS = env_int("COMMENTS_IP_RETENTION_DAYS", 30)
# Commenters' own emails (comments/links.py, comments/mail_queue.py): how long a confirmation
# link and a data link work, how long replies wait to go together in one digest, how often one
# address and one client may ask for their data each hour. Emails sent outside a request
# (`manage.py commenter_upkeep`) link to NEWSROOM_SITE_URL.
COMMENTS_CONFIRM_LINK_DAYS = env_int("COMMENTS_CONFIRM_LINK_DAYS", 7)
COMMENTS_DATA_LINK_HOURS = env_int("COMMENTS_DATA_LINK_HOURS", 24)
COMMENTS_REPLY_DIGEST_MINUTES = env_int("COMMENTS_REPLY_DIGEST_MINUTES", 15)
COMMENTS_DATA_REQUEST_LIMIT = env_int("COMMENTS_DATA_REQUEST_LIMIT", 3)
COMMENTS_DATA_REQUEST_IP_LIMIT = env_int("COMMENTS_DATA_REQUEST_IP_LIMIT", 10)
NEWSROOM_SITE_URL = (os.environ.get("NEWSROOM_SITE_URL") or "http://localhost:8000").rstrip("/")
AKISMET_API_KEY = os.environ.get("AKISMET_API_KEY", "")
AKISMET_SITE_URL = os.environ.get("AKISMET_SITE_URL", "")
if AKISMET_API_KEY and not AKISMET_SITE_URL:
    raise ImproperlyConfigured("Set AKISMET_SITE_URL (the site's address) with AKISMET_API_KEY.")

# django-crispy-forms ---------------------------------------------------------------------------

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Logging ---------------------------------------------------------------------------------------
# Everything goes to stdout as JSON lines (newsroom/logs.py), for journald or any log shipper:
# one line per request (logger newsroom.requests: method, path without the query string,
# status, duration, client address), one per moderation action (newsroom.moderation), and the
# warnings and errors of the apps and of Django. No line carries an email address or a comment.

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "newsroom.logs.JsonFormatter"}},
    "filters": {"client_error": {"()": "newsroom.logs.ClientErrorFilter"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
        },
    },
    "root": {"handlers": ["stdout"], "level": "WARNING"},
    "loggers": {
        "newsroom": {"level": "INFO"},
        # Handled here, as JSON; 4xx responses are already in the request log, 5xx come
        # with their traceback.
        "django": {"handlers": [], "level": "WARNING", "propagate": True},
        "django.request": {"level": "ERROR"},
        # A Host the site does not serve (scanners, misdirected clients) answers 400: one
        # warning line, no traceback.
        "django.security.DisallowedHost": {"filters": ["client_error"]},
    },
}
