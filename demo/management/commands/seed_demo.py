"""`manage.py seed_demo`: the demo program, catalogue, postings, sessions, accounts, candidates and applications.

The catalogue, postings and sessions are written in English and Simplified
Chinese (each text in its two columns); a database seeded in English only gets
its Chinese on the next run.

The catalogue side (`demo.catalogue`), the candidates on top of it
(`demo.candidates`) and the talent pool's entries and suggestions
(`demo.pool`) are written in one transaction. Idempotent: a second run
leaves the same rows, adds no candidates, applications or suggestions, and
resets the demo passwords.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo import candidates, catalogue, pool, sessions, star
from demo.data.accounts import DEMO_ACCOUNTS


class Command(BaseCommand):
    help = (
        "Load the demo program: 16 business units, role categories, locations, skills, ~130 postings, "
        "information sessions (in English and Chinese), a demo admin, recruiter and candidate, a few hundred "
        "other candidates with applications, and the talent pool's entries and suggestions. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Run even with DEBUG off (creates accounts with known passwords)."
        )
        parser.add_argument(
            "--candidates",
            type=int,
            default=candidates.DEFAULT_CANDIDATES,
            help=f"Other candidates, with their applications (default {candidates.DEFAULT_CANDIDATES}).",
        )

    def handle(self, *args, force, **options):
        count = options["candidates"]  # Not a local named `candidates`: that is the module.
        catalogue.refuse_without_debug(
            force=force, why="seed_demo creates accounts with known passwords and prints them."
        )
        if count < 0:
            raise CommandError("--candidates must be 0 or more.")
        started = time.perf_counter()
        with transaction.atomic():
            postings = catalogue.seed()
            applicants = candidates.seed(postings_demo=postings, candidates=count)
            # The research areas, the committees and a few research applications with reviews.
            research = star.seed(postings)
            # The pool's entries and suggestions, from everything above: the demo recruiter sees suggestions at once.
            talent_pool = pool.refresh()
            registrations = sessions.seed(demo_candidate=postings.accounts["candidate"])
        seconds = time.perf_counter() - started
        lines = [
            *postings.summary(),
            *applicants.summary(demo_candidate=postings.accounts["candidate"]),
            *research.summary(),
            *talent_pool.summary(postings.accounts["recruiter"]),
            f"{registrations} registrations for information sessions",
        ]
        self.stdout.write(f"Seeded the demo in {seconds:.1f} s:\n" + "\n".join(f"  {line}" for line in lines))
        self.stdout.write("Demo accounts (passwords are reset on every run):")
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account['role']:<10} {account['email']:<26} {account['password']}")
        self.stdout.write(self.style.SUCCESS("Done."))
