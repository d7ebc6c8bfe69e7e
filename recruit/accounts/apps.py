from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "recruit.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from recruit.cache import create_cache_tables

        # Sign-in rate limits need the cache's table when the cache is the
        # database (no REDIS_URL in production): every `migrate` makes sure it
        # exists, so no deployment path can forget it.
        post_migrate.connect(create_cache_tables, sender=self)
