"""Load benchmark of the public job board: `make bench`.

Builds (or, with --reuse, keeps) the PostgreSQL database `recruit_bench`,
migrates it, adds made-up postings with `manage.py seed_volume`, collects the
static files, serves the portal with gunicorn as production does (DEBUG off),
and puts concurrent clients on the board, a search, a filtered board and
posting pages for a fixed time each. Prints a Markdown table of requests,
throughput, median and 99th-percentile latency and errors, and writes it to
bench-results/board.md.

Everything runs on this machine: the database, the server and the clients
use loopback addresses only. The clients are Python threads with keep-alive
HTTP connections, so no load-testing tool is needed; on a small machine they
share the CPUs with the server, which the numbers include.

    python tests/benchmarks/run.py [--seconds 10] [--clients 16] [--postings 5000] [--reuse]
"""

import argparse
import datetime as dt
import http.client
import ipaddress
import json
import math
import os
import platform
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg2
from psycopg2 import sql

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/recruit_bench"
RESULTS = ROOT / "bench-results" / "board.md"
WORKERS = 2
# Seconds to wait for gunicorn to answer /healthz, and for it to stop.
START_TIMEOUT = 60
STOP_TIMEOUT = 15
# A request still unanswered after this long counts as an error (seconds).
REQUEST_TIMEOUT = 60
# The search word and the filtered board's location: both in seed_volume's data
# (every AI role category's name ends in "Engineer"; Hangzhou is a seeded city).
SEARCH_WORD = "engineer"
LOCATION = "hangzhou"
# Posting pages are requested round-robin over this many random public postings.
POSTING_SAMPLE = 200

# Run inside `manage.py shell`: the figures the benchmark needs, through the
# ORM's own definition of a public posting.
FACTS_SCRIPT = f"""
import json
from postings.board import board_search
from postings.models import Location, Posting

public = Posting.objects.public()
empty = dict(q="", unit=[], category=[], location=[], ai=False, program="")
print(json.dumps({{
    "postings": Posting.objects.count(),
    "public": public.count(),
    "posting_ids": list(public.order_by("?").values_list("id", flat=True)[:{POSTING_SAMPLE}]),
    "search_matches": board_search({{**empty, "q": {SEARCH_WORD!r}}}).postings.count(),
    "filtered_matches": board_search({{**empty, "ai": True, "location": [{LOCATION!r}]}}).postings.count(),
    "location_exists": Location.objects.filter(slug={LOCATION!r}).exists(),
}}))
"""


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="Measuring time per URL (default 10).")
    parser.add_argument("--clients", type=int, default=16, help="Concurrent clients (default 16).")
    parser.add_argument("--postings", type=int, default=5000, help="Postings in the database (default 5000).")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="Keep the existing database; only add the postings it lacks. Without it the database is rebuilt.",
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL),
        help="PostgreSQL on this machine (default: BENCH_DATABASE_URL or recruit_bench on 127.0.0.1).",
    )
    args = parser.parse_args(argv)
    if args.seconds <= 0 or args.clients < 1 or args.postings < 0:
        parser.error("--seconds must be positive, --clients at least 1, --postings 0 or more.")
    parts = urlsplit(args.database_url)
    if parts.scheme not in {"postgres", "postgresql"} or not parts.path.strip("/"):
        parser.error("--database-url must be a postgres:// URL with a database name.")
    if not is_loopback(parts.hostname or "localhost"):
        parser.error("The benchmark rebuilds its database: it only uses a PostgreSQL on this machine (loopback).")
    return args


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


# --- Database and Django commands --------------------------------------------


def prepare_database(database_url: str, *, reuse: bool) -> None:
    """Create the database, dropping it first unless `reuse`."""
    parts = urlsplit(database_url)
    name = parts.path.strip("/")
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    connection = psycopg2.connect(maintenance)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            if not reuse:
                cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                print(f"Created database {name}.")
            else:
                print(f"Reusing database {name}.")
    finally:
        connection.close()


def analyze(database_url: str) -> str:
    """Refresh the planner's statistics (a bulk load leaves none until autovacuum
    gets to it, and the planner then ignores the search indexes); the server's version."""
    connection = psycopg2.connect(database_url)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
            cursor.execute("SHOW server_version")
            return cursor.fetchone()[0].split()[0]
    finally:
        connection.close()


def manage(env: dict, *arguments: str) -> str:
    """Run a manage.py command; its output, or exit with it on failure."""
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        sys.exit(f"manage.py {' '.join(arguments)} failed (exit status {result.returncode}).")
    return result.stdout


def database_facts(env: dict) -> dict:
    output = manage(env, "shell", "--no-imports", "-c", FACTS_SCRIPT)
    return json.loads(output.strip().splitlines()[-1])


def server_environment(database_url: str) -> dict:
    """Production-like settings on loopback, with nothing else to run: no Redis, tasks in-process."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "CELERY_BROKER_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DATABASE_URL=database_url,
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        LOG_LEVEL="WARNING",
    )
    return env


# --- The server ---------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(env: dict, port: int, log) -> subprocess.Popen:
    return subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "recruit.wsgi:application",
            "--workers",
            str(WORKERS),
            "--bind",
            f"127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def stop_gunicorn(server: subprocess.Popen) -> None:
    """SIGTERM (graceful), then SIGKILL if it lingers."""
    if server.poll() is not None:
        return
    server.terminate()
    try:
        server.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=STOP_TIMEOUT)


def wait_until_healthy(server: subprocess.Popen, port: int) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    last_problem = "no answer"
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {server.returncode} before serving.")
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        try:
            connection.request("GET", "/healthz")
            response = connection.getresponse()
            body = response.read()
            if response.status == 200:
                return
            last_problem = f"{response.status} {body[:200]!r}"
        except OSError as error:
            last_problem = str(error)
        finally:
            connection.close()
        time.sleep(0.25)
    raise RuntimeError(f"/healthz did not answer 200 within {START_TIMEOUT} s: {last_problem}")


# --- Measuring ---------------------------------------------------------------


@dataclass
class Measurement:
    label: str
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    first_error: str = ""

    @property
    def requests(self) -> int:
        return len(self.latencies) + self.errors

    def percentile(self, share: float) -> float:
        """Latency (ms) under which `share` of the successful requests finished (nearest rank)."""
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        rank = min(len(ordered), max(1, math.ceil(share * len(ordered))))
        return ordered[rank - 1] * 1000


# Clients add their results to the shared Measurement under this lock.
results_lock = threading.Lock()


def client(port: int, paths: list[str], offset: int, start: threading.Barrier, until: list[float], out: Measurement):
    """One client: requests `paths` round-robin on one keep-alive connection until the deadline."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    latencies, errors, first_error = [], 0, ""
    start.wait()
    deadline = until[0]
    count = offset
    try:
        while time.monotonic() < deadline:
            path = paths[count % len(paths)]
            count += 1
            began = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Accept": "text/html", "Accept-Encoding": "identity"})
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException) as error:
                connection.close()  # the next request reconnects
                errors += 1
                first_error = first_error or f"{path}: {error!r}"
                continue
            elapsed = time.perf_counter() - began
            if response.status == 200:
                latencies.append(elapsed)
            else:
                errors += 1
                first_error = first_error or f"{path}: HTTP {response.status}"
    finally:
        connection.close()
    with results_lock:
        out.latencies.extend(latencies)
        out.errors += errors
        out.first_error = out.first_error or first_error


def measure(port: int, label: str, paths: list[str], *, clients: int, seconds: float) -> Measurement:
    result = Measurement(label)
    until = [0.0]
    # The last party to arrive sets the common deadline, so every client starts together.
    start = threading.Barrier(clients, action=lambda: until.__setitem__(0, time.monotonic() + seconds))
    threads = [
        threading.Thread(target=client, args=(port, paths, index, start, until, result), daemon=True)
        for index in range(clients)
    ]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + REQUEST_TIMEOUT + 10)
    result.seconds = time.monotonic() - began
    if any(thread.is_alive() for thread in threads):
        result.first_error = result.first_error or "a client did not finish in time"
    return result


def warm_up(port: int, paths: list[str]) -> None:
    """A few requests first, so every worker has its code loaded and its database connection open."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    try:
        for path in paths[: 4 * WORKERS] * 2:
            connection.request("GET", path)
            connection.getresponse().read()
    finally:
        connection.close()


# --- Report ------------------------------------------------------------------


def table(measurements: list[Measurement]) -> str:
    lines = [
        "| URL | requests | requests/s | p50 (ms) | p99 (ms) | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for m in measurements:
        lines.append(
            f"| `{m.label}` | {m.requests} | {m.requests / m.seconds:.1f} | "
            f"{m.percentile(0.50):.1f} | {m.percentile(0.99):.1f} | {m.errors} |"
        )
    return "\n".join(lines)


def report(measurements: list[Measurement], facts: dict, args: argparse.Namespace, postgres: str) -> str:
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    problems = [f"- `{m.label}`: {m.first_error}" for m in measurements if m.first_error]
    return "\n".join(
        [
            "# Job board benchmark",
            "",
            f"{when}. {facts['postings']} postings ({facts['public']} public), PostgreSQL {postgres}, "
            f"gunicorn with {WORKERS} sync workers, DEBUG off; {args.clients} concurrent clients for "
            f"{args.seconds:g} s per URL, on the same machine ({os.cpu_count()} CPUs, "
            f"Python {platform.python_version()}).",
            "",
            table(measurements),
            "",
            f"The search matches {facts['search_matches']} roles; the filtered board "
            f"{facts['filtered_matches']}; posting pages rotate over {len(facts['posting_ids'])} public postings. "
            "Latency is from sending the request to reading the whole response, queueing included.",
            *(["", "First error per URL:", *problems] if problems else []),
            "",
        ]
    )


def main(argv=None) -> int:
    args = parse_args(argv)
    env = server_environment(args.database_url)
    prepare_database(args.database_url, reuse=args.reuse)
    print("Migrating…")
    manage(env, "migrate", "--noinput", "-v", "0")
    facts = database_facts(env)
    missing = args.postings - facts["postings"]
    if missing > 0:
        print(f"Adding {missing} postings…")
        print(manage(env, "seed_volume", "--postings", str(missing), "--force").strip())
        facts = database_facts(env)
    if not facts["posting_ids"] or not facts["location_exists"]:
        sys.exit(f"The database has no public postings or no location {LOCATION!r}: nothing to measure.")
    postgres = analyze(args.database_url)
    print("Collecting static files…")
    manage(env, "collectstatic", "--noinput", "-v", "0")

    urls = [
        ("/jobs/", ["/jobs/"]),
        (f"/jobs/?q={SEARCH_WORD}", [f"/jobs/?q={SEARCH_WORD}"]),
        (f"/jobs/?ai=1&location={LOCATION}", [f"/jobs/?ai=1&location={LOCATION}"]),
        ("/jobs/<id>/", [f"/jobs/{pk}/" for pk in facts["posting_ids"]]),
    ]
    port = free_port()
    with tempfile.TemporaryFile(mode="w+") as log:
        server = start_gunicorn(env, port, log)
        try:
            wait_until_healthy(server, port)
            print(f"gunicorn serves on 127.0.0.1:{port}; measuring {args.seconds:g} s per URL…")
            measurements = []
            for label, paths in urls:
                warm_up(port, paths)
                measurements.append(measure(port, label, paths, clients=args.clients, seconds=args.seconds))
                print(f"  {label}: {measurements[-1].requests} requests")
        except BaseException:
            log.seek(0)
            sys.stderr.write("gunicorn's log:\n" + log.read()[-5000:])
            raise
        finally:
            stop_gunicorn(server)

    text = report(measurements, facts, args, postgres)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(text, encoding="utf-8")
    print()
    print(text)
    print(f"Written to {RESULTS.relative_to(ROOT)}.")
    return 1 if any(m.errors for m in measurements) else 0


if __name__ == "__main__":
    sys.exit(main())
