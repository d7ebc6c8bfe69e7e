"""The talent pool's in-process measurements, run by tests/benchmarks/run.py (`make bench`) as a script.

    python tests/benchmarks/pool.py suggestions [--postings 30]
    python tests/benchmarks/pool.py refresh [--processes 2] [--budget SECONDS]
    python tests/benchmarks/pool.py session

Each prints one line of JSON. The environment gives the database (run.py passes the served portal's, DEBUG off).

- suggestions: `matching.top_suggestions` (the top 50) for a fixed random sample of open postings, each timed
  once after a warm-up on three others; the times in milliseconds.
- refresh: the nightly refresh of every open posting as the nightly task does it: the match profiles rewritten
  (`match_profiles.refresh`, where the build has it; its time is part of the total and also reported alone),
  then the batches (`talentpool.tasks`' `refresh_batches` and `pool_refresh_batch` where the build has them;
  otherwise batches of
  TALENT_POOL_REFRESH_BATCH, 200 unless set, given to `matching.suggestions_refresh`, which the batch task
  calls), the batches spread over `--processes` worker processes as a Celery worker's pool would: the total time,
  the new suggestions, and each process's resident memory after its first batch and at its peak (VmHWM). With
  --budget, no batch starts after that many seconds: the part done is reported as such.
- session: a recruiter of the first unit with a signed-in session, for the pool search over HTTP.
"""

import argparse
import json
import multiprocessing
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_SEED = 2027
POOL_RECRUITER = "bench-pool-recruiter@bench.example"


def setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recruit.settings")
    import django

    django.setup()


def open_posting_ids() -> list[int]:
    from postings.models import Posting

    return list(Posting.objects.public().order_by("pk").values_list("pk", flat=True))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


# --- Top suggestions of one posting ------------------------------------------------------------


def suggestions(count: int) -> dict:
    from talentpool import matching

    ids = open_posting_ids()
    if not ids:
        return {"postings": 0}
    sample = random.Random(SAMPLE_SEED).sample(ids, k=min(len(ids), count + 3))
    warm, measured = sample[:3], sample[3:] or sample
    for pk in warm:
        matching.top_suggestions(pk)
    times, found = [], []
    for pk in measured:
        started = time.perf_counter()
        entries = matching.top_suggestions(pk)
        times.append((time.perf_counter() - started) * 1000)
        found.append(len(entries))
    return {
        "postings": len(measured),
        "open_postings": len(ids),
        "p50_ms": statistics.median(times),
        "p95_ms": percentile(times, 0.95),
        "max_ms": max(times),
        "suggested_median": statistics.median(found),
    }


# --- The nightly refresh --------------------------------------------------------------------------


def batches() -> tuple[list[list[int]], str]:
    """The batches as the nightly task makes them, and which code made them."""
    try:
        from talentpool.tasks import refresh_batches
    except ImportError:
        from django.conf import settings

        size = max(1, int(getattr(settings, "TALENT_POOL_REFRESH_BATCH", 200)))
        ids = open_posting_ids()
        return [ids[start : start + size] for start in range(0, len(ids), size)], "matching.suggestions_refresh"
    return refresh_batches(), "talentpool.tasks.pool_refresh_batch"


def _kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    return 0


def _refresh_batch(job: tuple[list[int], float]) -> dict:
    """One batch in a worker process, as the batch task runs it; skipped once the deadline (a time.time()) has
    passed."""
    batch, deadline = job
    if deadline and time.time() > deadline:
        return {"pid": os.getpid(), "postings": len(batch), "skipped": True}
    started = time.perf_counter()
    try:
        from talentpool.tasks import pool_refresh_batch
    except ImportError:
        from talentpool import matching

        created = sum(matching.suggestions_refresh(batch).values())
    else:
        created = pool_refresh_batch(batch)
    return {
        "pid": os.getpid(),
        "postings": len(batch),
        "skipped": False,
        "seconds": time.perf_counter() - started,
        "created": created,
        "rss_kib": _kib("VmRSS"),
        "peak_kib": _kib("VmHWM"),
    }


def _worker_start() -> None:
    # Each worker opens its own database connection, as a Celery worker process does.
    from django.db import connections

    connections.close_all()


def refresh(processes: int, budget: float = 0) -> dict:
    """The refresh of every batch, or of those started within `budget` seconds (0: no limit): a night that would
    take hours is measured in part, and says so."""
    from django.db import connections

    from talentpool.models import Suggestion

    started = time.perf_counter()
    # The nightly task rewrites every match profile before it sends the batches (where the build has them).
    try:
        from talentpool.match_profiles import refresh as profiles_refresh
    except ImportError:
        profiles_refresh = None
    if profiles_refresh is not None:
        profiles_refresh()
    profiles_seconds = time.perf_counter() - started
    work, code = batches()
    before = Suggestion.objects.count()
    connections.close_all()
    deadline = time.time() + budget if budget else 0
    # Forked like a Celery prefork pool's workers: the code is loaded once, each process takes the next batch.
    with multiprocessing.get_context("fork").Pool(processes, initializer=_worker_start) as pool:
        results = list(pool.imap_unordered(_refresh_batch, [(batch, deadline) for batch in work]))
    seconds = time.perf_counter() - started
    done = [result for result in results if not result["skipped"]]
    workers = {}
    for result in done:
        worker = workers.setdefault(result["pid"], {"batches": 0, "first_rss_kib": result["rss_kib"]})
        worker["batches"] += 1
        worker["last_rss_kib"] = result["rss_kib"]
        worker["peak_kib"] = max(worker.get("peak_kib", 0), result["peak_kib"])
    return {
        "code": code,
        "processes": processes,
        "batches": len(work),
        "batches_done": len(done),
        "postings": sum(len(batch) for batch in work),
        "postings_done": sum(result["postings"] for result in done),
        "budget": budget,
        "seconds": seconds,
        "profiles_seconds": profiles_seconds,
        "created": sum(result["created"] for result in done),
        "suggestions_before": before,
        "suggestions_after": Suggestion.objects.count(),
        "slowest_batch_seconds": max((result["seconds"] for result in done), default=0),
        "workers": list(workers.values()),
    }


# --- A recruiter for the pool's pages ------------------------------------------------------------


def session() -> dict:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    from postings.models import BusinessUnit, UnitMembership

    user, _ = get_user_model().objects.get_or_create(email=POOL_RECRUITER, defaults={"name": "Bench Pool Recruiter"})
    unit = BusinessUnit.objects.order_by("pk").first()
    UnitMembership.objects.get_or_create(user=user, unit=unit, defaults={"role": UnitMembership.Role.RECRUITER})
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "recruit.accounts.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return {"session": store.session_key, "unit": unit.slug}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["suggestions", "refresh", "session"])
    parser.add_argument("--postings", type=int, default=30, help="Postings timed (suggestions; default 30).")
    parser.add_argument("--processes", type=int, default=2, help="Worker processes (refresh; default 2).")
    parser.add_argument(
        "--budget", type=float, default=0, help="Start no batch after this many seconds (refresh; default: none)."
    )
    args = parser.parse_args(argv)
    setup()
    if args.command == "suggestions":
        result = suggestions(args.postings)
    elif args.command == "refresh":
        result = refresh(args.processes, args.budget)
    else:
        result = session()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
