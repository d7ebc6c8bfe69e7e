"""The settings module read as a fresh process would read it."""

import os
import subprocess
import sys
from importlib import import_module
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Set for the test process (pyproject, the browser tests); a fresh process has none.
INHERITED_FROM_TESTS = {
    "SECRET_KEY",
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SITE_URL",
    "REDIS_URL",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "a-long-production-secret-key-with-enough-entropy-0123456789-abcdefghijklmnop",
    "ALLOWED_HOSTS": "portal.example.com",
    "SITE_URL": "https://portal.example.com",
    "EMAIL_URL": "smtp://mailer.example.com:587",
}


def manage(*args, **environment):
    env = {k: v for k, v in os.environ.items() if k not in INHERITED_FROM_TESTS}
    env.update(environment)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_debug_off_without_secret_key_refuses_to_start_and_says_why():
    result = manage("check", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY is required when DEBUG is off" in result.stderr


def test_the_migrations_check_runs_with_no_setting_at_all(tmp_path):
    """It only reads the models: a newcomer or a checker runs it as it is, with no secret to make up."""
    result = manage("makemigrations", "--check", "--dry-run", DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


def test_debug_off_without_site_url_refuses_to_start_and_names_it():
    result = manage("check", **{key: value for key, value in PRODUCTION.items() if key != "SITE_URL"})
    assert result.returncode != 0
    assert "SITE_URL is required when DEBUG is off" in result.stderr


def test_a_site_url_without_a_scheme_fails_with_the_variable_name():
    result = manage("check", **{**PRODUCTION, "SITE_URL": "portal.example.com"})
    assert result.returncode != 0
    assert "SITE_URL must start with http:// or https://" in result.stderr


def show(expression: str, **environment) -> str:
    """A setting's value as a fresh process with this environment reads it."""
    result = manage(
        "shell", "--no-imports", "-c", f"from django.conf import settings; print({expression})", **environment
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_without_redis_production_keeps_rate_limits_in_the_database_shared_by_every_process():
    assert show("settings.CACHES['default']['BACKEND']", **PRODUCTION) == (
        "django.core.cache.backends.db.DatabaseCache"
    )


def test_with_redis_the_cache_fails_open_and_times_out_fast():
    caches = show("settings.CACHES['default']", **PRODUCTION, REDIS_URL="redis://127.0.0.1:1/0")
    assert "recruit.cache.FailOpenRedisCache" in caches
    assert "'socket_timeout': 0.5" in caches
    assert "'socket_connect_timeout': 0.5" in caches


def test_the_broker_never_holds_a_request_for_long():
    options = show("settings.CELERY_BROKER_TRANSPORT_OPTIONS", **PRODUCTION, REDIS_URL="redis://127.0.0.1:1/0")
    assert "'socket_timeout': 0.5" in options
    assert "'socket_connect_timeout': 0.5" in options
    policy = show("settings.CELERY_TASK_PUBLISH_RETRY_POLICY['max_retries']", **PRODUCTION)
    assert int(policy) <= 1


def test_the_trusted_proxy_count_comes_from_the_environment():
    assert show("settings.ALLAUTH_TRUSTED_PROXY_COUNT", **PRODUCTION) == "0"
    assert show("settings.ALLAUTH_TRUSTED_PROXY_COUNT", **PRODUCTION, ALLAUTH_TRUSTED_PROXY_COUNT="1") == "1"


def test_in_development_emails_print_readable_and_without_redis_the_cache_is_in_memory():
    assert show("settings.MAILERS['default']['BACKEND']", DEBUG="1") == "recruit.notifications.mail.ConsoleBackend"
    assert show("settings.CACHES['default']['BACKEND']", DEBUG="1") == (
        "django.core.cache.backends.locmem.LocMemCache"
    )


def test_debug_on_starts_without_a_secret_key():
    assert manage("check", DEBUG="1").returncode == 0


def test_a_bad_boolean_fails_with_the_variable_name():
    result = manage("check", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_a_bad_number_fails_with_the_variable_name():
    result = manage("check", DEBUG="1", SECURE_HSTS_SECONDS="a year")
    assert result.returncode != 0
    assert "SECURE_HSTS_SECONDS must be a whole number" in result.stderr


def test_production_settings_pass_the_deployment_checks():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_console_mailer_in_production_fails_the_deployment_checks():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **{**PRODUCTION, "EMAIL_URL": "console://"})
    assert result.returncode != 0


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("smtp://user:p%40ss@mail.example.com:2525", {"host": "mail.example.com", "port": 2525, "password": "p@ss"}),
        ("submission://mail.example.com", {"port": 587, "use_tls": True}),
        ("smtps://mail.example.com", {"port": 465, "use_ssl": True}),
    ],
)
def test_email_url_configures_the_default_mailer(monkeypatch, url, expected):
    from recruit import settings as recruit_settings

    monkeypatch.setenv("EMAIL_URL", url)
    options = recruit_settings.mailer_from_environment()["OPTIONS"]
    assert expected.items() <= options.items()


def test_an_unknown_email_url_scheme_fails_loudly(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from recruit import settings as recruit_settings

    monkeypatch.setenv("EMAIL_URL", "carrier-pigeon://coop")
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL"):
        recruit_settings.mailer_from_environment()


def test_sessions_live_in_the_database(settings):
    from django.contrib.sessions.backends.db import SessionStore as DatabaseStore

    assert issubclass(import_module(settings.SESSION_ENGINE).SessionStore, DatabaseStore)
