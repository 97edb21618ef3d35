"""Kursen settings: one module, driven by the environment, with safe defaults.

DATABASE_URL defaults to SQLite in the project folder; DEBUG is off unless set;
the secret key comes from the environment or a per-installation file.
"""

import datetime
import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    # Without a key from the environment, each installation keeps its own random key in a
    # file beside the code (ignored by git), so nothing secret is ever committed.
    _key_file = BASE_DIR / ".kursen-secret-key"
    if not _key_file.exists():
        _key_file.write_text(secrets.token_urlsafe(50))
        _key_file.chmod(0o600)
    SECRET_KEY = _key_file.read_text().strip()

ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "config.apps.KursenAdminConfig",  # the admin, for administrators only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "simple_history",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "django_rq",
    "django_tasks_rq",
    "danish",
    "notify",
    "organisation",
    "plans",
    "meetings",
    "cycle",
    "workplans",
    "followup",
    "portal",
    "documents",
    "reading",
    "search",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "config.middleware.RejectControlCharactersMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so it turns a login that axes refused into the lockout page.
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
                "organisation.context_processors.municipality",
            ],
            "builtins": ["danish.templatetags.danish"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'kursen.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the embedded database serve several users at once.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "organisation.login.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "da"
LANGUAGES = [("da", "Dansk")]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Uploaded spreadsheets are read in memory up to this size; larger files are refused.
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024
KURSEN_IMPORT_MAX_BYTES = 25 * 1024 * 1024
KURSEN_IMPORT_MAX_ROWS = 20_000
# An .xlsx is a zip archive; this caps what it may unpack to (a "zip bomb" is refused unread).
KURSEN_IMPORT_MAX_UNPACKED_BYTES = 250 * 1024 * 1024

# Attachments live in a private folder: no URL serves it; a view checks permission per file.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
KURSEN_ATTACHMENT_MAX_BYTES = int(os.environ.get("KURSEN_ATTACHMENT_MAX_BYTES", 25 * 1024 * 1024))
# An Office attachment is a zip archive; this caps what it may unpack to (a "zip bomb" of 0.5 MB
# unpacked to 150 MB of XML and took the server to 2.4 GB while it was indexed).
KURSEN_ATTACHMENT_MAX_UNPACKED_BYTES = 100 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG and env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
# Behind a reverse proxy that terminates HTTPS (KURSEN_BEHIND_PROXY=1), its X-Forwarded-Proto
# says whether the visitor's request was secure, and its X-Forwarded-For who sent it. Without
# a proxy those headers come from the visitor and are not believed.
KURSEN_BEHIND_PROXY = env_bool("KURSEN_BEHIND_PROXY")
if KURSEN_BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): scripts, styles, images and fonts only from Kursen's own
# static files; no inline script or style, no eval. htmx works under it: its indicator style is
# in the stylesheet instead of injected (the htmx-config meta tag in base.html).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username from
# one address, that pair is refused for AXES_COOLOFF_TIME, even with the right password, and the
# login page says so (organisation/login.py); a successful login resets the count. Axes' own
# admin pages are English only, so they are left out: `kursen axes_reset_username <brugernavn>`
# lifts one user's lockout early, `kursen axes_list_attempts` lists the failures.
AXES_FAILURE_LIMIT = int(os.environ.get("KURSEN_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(
    minutes=int(os.environ.get("KURSEN_LOGIN_COOLOFF_MINUTES", "15"))
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Axes' default, named here because the lockout page (organisation.login) answers with it.
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_CALLABLE = "organisation.login.locked_out"
AXES_CLIENT_IP_CALLABLE = "organisation.login.client_ip"
AXES_ENABLE_ADMIN = False

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# What is specific to one municipality is a setting, not a fork.
KURSEN_MUNICIPALITY_PROFILE = os.environ.get("KURSEN_MUNICIPALITY_PROFILE", "norddjurs")

# Mail (notify): SMTP from the environment. Without EMAIL_HOST, mails are printed by the worker
# instead of sent, which is what a development machine wants.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = 30
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Kursen <kursen@localhost>")
# The address mails link to (the mail is read outside Kursen, so links are absolute).
KURSEN_BASE_URL = os.environ.get("KURSEN_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# A mail the server cannot take now (down, 4xx) is tried again, waiting from a minute, doubling,
# up to an hour; after this many attempts it is marked failed ("Sendte mails": send igen).
KURSEN_MAIL_ATTEMPTS = int(os.environ.get("KURSEN_MAIL_ATTEMPTS", "10"))
KURSEN_MAIL_RETRY_SECONDS = int(os.environ.get("KURSEN_MAIL_RETRY_SECONDS", "60"))

# Work in the background (Django's tasks API): the database by default, run by `kursen worker`
# (started by `make run` beside the web server); KURSEN_TASKS=redis puts the queue in Redis
# (RQ) for a kommune whose workers run on several machines.
KURSEN_TASKS = os.environ.get("KURSEN_TASKS", "database").strip().lower()
RQ_QUEUES = {"default": {"URL": os.environ.get("KURSEN_REDIS_URL", "redis://127.0.0.1:6379/0")}}
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_rq.RQBackend"
            if KURSEN_TASKS == "redis"
            else "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["default"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
