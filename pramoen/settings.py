"""Django settings. Everything deployment-specific comes from environment variables.

PRAMOEN_DATABASE_URL   database URL; default SQLite at var/pramoen.sqlite3
                       (e.g. postgres://user:pass@127.0.0.1:5432/pramoen)
PRAMOEN_SECRET_KEY     required when PRAMOEN_DEBUG is off
PRAMOEN_DEBUG          "1" for development (default "0")
PRAMOEN_ALLOWED_HOSTS  comma-separated host names (default: localhost names)
PRAMOEN_DATA_DIR       where SQLite, uploads and generated files live (default: var/)
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
REPO_DIR = BASE_DIR.parent
DATA_DIR = Path(os.environ.get("PRAMOEN_DATA_DIR", REPO_DIR / "var"))

DEBUG = os.environ.get("PRAMOEN_DEBUG", "0") == "1"
SECRET_KEY = os.environ.get("PRAMOEN_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and os.environ.get("PRAMOEN_ALLOW_INSECURE_KEY") != "1":
        # Tests and the demo set PRAMOEN_DEBUG=1 or PRAMOEN_ALLOW_INSECURE_KEY=1.
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("Set PRAMOEN_SECRET_KEY (or PRAMOEN_DEBUG=1 for development).")
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("PRAMOEN_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver").split(",")
    if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "simple_history",
    "django_htmx",
    "pramoen.core",
    "pramoen.access",
    "pramoen.funds",
    "pramoen.frameworks",
    "pramoen.agreements",
    "pramoen.rounds",
    "pramoen.reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "pramoen.core.middleware.ThaiFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "pramoen.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pramoen.reports.context.portfolio_link",
            ],
        },
    },
]

WSGI_APPLICATION = "pramoen.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("PRAMOEN_DATABASE_URL", f"sqlite:///{DATA_DIR / 'pramoen.sqlite3'}"),
        conn_max_age=int(os.environ.get("PRAMOEN_CONN_MAX_AGE", "60")),
    )
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Thai first, with an English switch.
LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("Thai")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Bangkok"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = REPO_DIR / "staticfiles"
MEDIA_ROOT = DATA_DIR / "media"
# Evidence files are served only through a view that checks permissions, never from MEDIA_URL.
EVIDENCE_MAX_BYTES = int(os.environ.get("PRAMOEN_EVIDENCE_MAX_BYTES", str(20 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "funds:list"
LOGOUT_REDIRECT_URL = "login"

# Bulk report jobs (pramoen/reports/jobs.py): "thread" runs each job in a background thread of
# the app server that received it; "worker" leaves it for `python -m pramoen run_report_jobs`.
PRAMOEN_REPORT_JOBS = os.environ.get("PRAMOEN_REPORT_JOBS", "thread")
