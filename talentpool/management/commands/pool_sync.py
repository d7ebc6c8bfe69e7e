"""`manage.py pool_sync`: create or refresh the pool entry of every candidate (after an import or a bulk load).

Events keep entries current one by one; this is for rows written around the services (the migration that adds
the pool, demo and volume data). Safe to run again: a refresh of a current entry changes nothing.
"""

import time

from django.core.management.base import BaseCommand

from talentpool.services import entries_sync


class Command(BaseCommand):
    help = "Create or refresh the talent-pool entry of every candidate. Safe to run again."

    def handle(self, *args, **options):
        started = time.monotonic()
        count = entries_sync()
        self.stdout.write(f"{count} pool entries refreshed in {time.monotonic() - started:.1f} s.")
