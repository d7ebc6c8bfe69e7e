"""`manage.py seed_volume`: many published postings and applications, fast, for benchmarks.

Adds postings and applications on every run (it is not keyed like seed_demo);
the catalogue it needs is written by the demo's helpers (`demo.catalogue`),
without the demo accounts. The postings are composed like the demo's
(`demo.composer`), in English and Chinese, so searches in both languages can be
measured. Applications (`--applications`, with their candidates, history and
reviews: `demo.volume`) go to the published postings of the same units; the
benchmark uses 200,000 (`seed_volume --postings 0 --applications 200000` adds
only applications). Talent-pool candidates (`--pool-candidates`, with
profiles, consent, resume text and their pool entries: `demo.pool_volume`)
likewise; the benchmark uses 100,000.
"""

import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from demo import composer, pool_volume, volume
from demo.catalogue import POSTING_FIELDS, columns, refuse_without_debug, seed_catalogue, store_search_text
from demo.data import catalogue as data
from postings.models import BusinessUnit, Posting


def volume_units(count: int) -> tuple[list[BusinessUnit], int]:
    """The first `count` units, and how many "Volume Unit NN" ones were added to make up the number."""
    units = list(BusinessUnit.objects.order_by("pk")[:count])
    added = count - len(units)
    for number in range(len(units) + 1, count + 1):
        unit, _ = BusinessUnit.objects.update_or_create(
            slug=f"volume-unit-{number:02d}",
            defaults=columns(
                BusinessUnit,
                {
                    "name": f"Volume Unit {number:02d}",
                    "name_zh": f"压测事业部 {number:02d}",
                    "summary": "Benchmark data made by seed_volume.",
                    "summary_zh": "seed_volume 生成的压测数据。",
                    "is_demo": True,
                },
            ),
        )
        units.append(unit)
    return units, added


class Command(BaseCommand):
    help = (
        "Add many published postings (with skills and locations) and applications (with candidates, their "
        "history and reviews) for load and speed benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument("--postings", type=int, default=5000, help="Postings to add (default 5000).")
        parser.add_argument(
            "--applications",
            type=int,
            default=0,
            help="Applications to add over the units' published postings, with their candidates (default 0).",
        )
        parser.add_argument(
            "--pool-candidates",
            type=int,
            default=0,
            help="Talent-pool candidates to add, with resume text (a tenth in Chinese) and pool entries (default 0).",
        )
        parser.add_argument("--units", type=int, default=16, help="Units to spread them over (default 16).")
        parser.add_argument("--batch-size", type=int, default=1000, help="Rows per INSERT (default 1000).")
        parser.add_argument("--seed", type=int, default=data.SEED, help="Random seed (default 2027).")
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off (benchmarks run that way).")

    def handle(self, *args, postings, applications, pool_candidates, units, batch_size, seed, force, **options):
        refuse_without_debug(force=force, why="seed_volume fills the database with made-up postings.")
        if postings < 0 or applications < 0 or pool_candidates < 0 or units < 1 or batch_size < 1:
            raise CommandError(
                "--postings, --applications and --pool-candidates must be 0 or more; --units and --batch-size 1 or "
                "more."
            )
        started = time.perf_counter()
        with transaction.atomic():
            catalogue = seed_catalogue()
            unit_rows, new_units = volume_units(units)
            created, skill_links, location_links = self._create_postings(
                catalogue, unit_rows, postings, batch_size, seed
            )
        self._analyze("postings_posting", "postings_posting_skills", "postings_posting_locations")
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {created} published postings ({skill_links} skill and {location_links} location links) "
                f"over {len(unit_rows)} units ({new_units} of them new) in {time.perf_counter() - started:.1f} s."
            )
        )
        if applications:
            self._add_applications(unit_rows, applications, batch_size, seed)
        if pool_candidates:
            self._add_pool_candidates(unit_rows, pool_candidates, batch_size, seed)

    def _add_pool_candidates(self, unit_rows, count, batch_size, seed) -> None:
        started = time.perf_counter()
        with transaction.atomic():
            result = pool_volume.seed_pool_candidates(
                units=unit_rows, count=count, seed=seed, batch_size=batch_size, now=timezone.now()
            )
        written = time.perf_counter() - started
        self._analyze(
            "accounts_user",
            "applicants_candidateprofile",
            "applicants_candidateprofile_skills",
            "applicants_candidateprofile_preferred_categories",
            "applicants_candidateprofile_preferred_locations",
            "applicants_resume",
            "applicants_application",
            "applicants_stagechange",
            "talentpool_poolentry",
            "talentpool_poolentry_skills",
            "talentpool_turndown",
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {result.candidates} pool candidates ({result.chinese} with a Chinese resume, "
                f"{result.turned_down} turned down by a unit, {result.available} available; {result.entry_skills} "
                f"entry skills) in {written:.1f} s ({result.candidates / max(written, 0.001):.0f} a second; "
                f"analysed in {time.perf_counter() - started - written:.1f} s)."
            )
        )

    def _add_applications(self, unit_rows, count, batch_size, seed) -> None:
        started = time.perf_counter()
        with transaction.atomic():
            result = volume.seed_applications(
                units=unit_rows, count=count, seed=seed, batch_size=batch_size, now=timezone.now()
            )
        self._analyze(
            "accounts_user",
            "applicants_candidateprofile",
            "applicants_application",
            "applicants_stagechange",
            "applicants_review",
            "applicants_interview",
        )
        if not result.applications:
            self.stdout.write(self.style.WARNING("No application added: the units have no published posting."))
            return
        slugs = dict(BusinessUnit.objects.filter(pk__in=result.by_unit).values_list("pk", "slug"))
        sizes = sorted(result.by_unit.items(), key=lambda item: item[1])
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {result.applications} applications of {result.candidates} candidates "
                f"({result.stage_changes} stage changes, {result.reviews} reviews, {result.interviews} interviews) "
                f"over {len(sizes)} units (most: {slugs[sizes[-1][0]]} {sizes[-1][1]}, fewest: "
                f"{slugs[sizes[0][0]]} {sizes[0][1]}) in {time.perf_counter() - started:.1f} s."
            )
        )

    def _analyze(self, *tables: str) -> None:
        """Fresh statistics (PostgreSQL), so the planner uses the indexes at once rather than after autovacuum
        gets round to the new rows."""
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {', '.join(tables)}")

    def _create_postings(self, catalogue, unit_rows, count, batch_size, seed) -> tuple[int, int, int]:
        """Bulk-insert the postings, then their skill and location links, then their search text; the three
        row counts."""
        rng = random.Random(seed)  # noqa: S311 -- made-up content, not a secret
        units_by_slug = {unit.slug: unit for unit in unit_rows}
        profiles = [
            composer.unit_profile(slug=unit.slug, name=unit.name_en, name_zh=unit.name_zh_hans) for unit in unit_rows
        ]
        program = catalogue.programs[data.INTERNSHIP]
        specs = composer.compose_postings(rng, units=profiles, count=count)
        rows = []
        for spec in specs:
            unit = units_by_slug[spec["unit"]]
            category = catalogue.categories[spec["category"]]
            rows.append(
                Posting(
                    program=program,
                    unit=unit,
                    category=category,
                    **columns(Posting, spec, POSTING_FIELDS),
                    status=Posting.Status.PUBLISHED,
                    published_at=spec["published_at"],
                    closes_at=spec["closes_at"],
                )
            )
        # Both PostgreSQL and SQLite return the new ids, which the links below need.
        Posting.objects.bulk_create(rows, batch_size=batch_size)
        pairs = list(zip(rows, specs, strict=True))
        skill_link = Posting.skills.through
        skill_links = skill_link.objects.bulk_create(
            [
                skill_link(posting_id=posting.pk, skill_id=catalogue.skills[name].pk)
                for posting, spec in pairs
                for name in spec["skills"]
            ],
            batch_size=batch_size,
        )
        location_link = Posting.locations.through
        location_links = location_link.objects.bulk_create(
            [
                location_link(posting_id=posting.pk, location_id=catalogue.locations[slug].pk)
                for posting, spec in pairs
                for slug in spec["locations"]
            ],
            batch_size=batch_size,
        )
        # The search text as the model builds it, now that the links it includes are stored; the postings
        # in hand are given their skills and locations as a prefetch would, rather than loaded again.
        for posting, spec in pairs:
            _as_prefetched(posting, "skills", [catalogue.skills[name] for name in spec["skills"]])
            _as_prefetched(posting, "locations", [catalogue.locations[slug] for slug in spec["locations"]])
        for start in range(0, len(rows), batch_size):
            store_search_text(rows[start : start + batch_size])
        return len(rows), len(skill_links), len(location_links)


def _as_prefetched(posting: Posting, name: str, related: list) -> None:
    """Make `posting.<name>.all()` give `related` without a query, as `prefetch_related` does."""
    queryset = getattr(posting, name).get_queryset()
    queryset._result_cache = related
    queryset._prefetch_done = True
    posting.__dict__.setdefault("_prefetched_objects_cache", {})[name] = queryset
