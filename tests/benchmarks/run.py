"""Speed of the public pages and the recruiter workspace next to the least a Django page can cost: `make bench`.

Builds (or, with --reuse, keeps) the PostgreSQL database `recruit_bench`,
migrates it, adds made-up postings and applications with `manage.py
seed_volume` (5,000 postings and 200,000 applications by default), collects
the static files and serves the portal with gunicorn as production does
(DEBUG off, 2 sync workers). Beside it, it serves the limit reference of
../shared/bench/limit (relative to this repository's root; see its README): a
bare Django page rendering 20 rows from one indexed query, copied to a
temporary folder with its own virtualenv, on the same PostgreSQL server, with
the same gunicorn settings and startproject's middleware.

Each page is then measured with wrk (16 connections by default) right after
the limit's /list, alternately, so both see the same machine; the table gives
requests per second, p50 and p99 latency and the ratio of the page's
requests per second to the /list measured next to it. The pages' caches are
warmed first (every URL requested once): the numbers are the steady state of
a catalogue that is read far more than it changes. The query counts of each
page, uncached and cached, are counted with Django's test client and printed
below the table. Results go to bench-results/board-<postings>-<applications>.md.

The board and posting pages are measured a second time signed in as a
candidate (a session cookie on every request): their shared parts come from
the same cache, the navigation and the apply panel are rendered per request.

The workspace is measured signed in as a recruiter of two units made for the
benchmark (seed_volume gives the first unit a tenth of the applications, the
last a hundredth): the larger unit's dashboard, applicant list, figures and a
posting's pipeline board, and, as an admin, the program overview; each after
the limit's /list, like the public pages. A page the build does not have yet
(it answers 404) is listed as such. The CSV export of each unit's applicants
(about 20,000 and 2,000 rows at 200,000 applications) is downloaded three
times: the time, the time to the first byte, and the peak resident memory of
the gunicorn worker that served it (VmHWM, reset before each download), which
stays flat when the export streams. The workspace pages' query counts are
counted with Django's test client for the small unit and the large one (a
small and a large posting for the board): the same counts mean the page does
not grow with the data.

The talent pool is measured with `--pool-candidates` pool candidates (100,000
by default; `seed_volume --pool-candidates`: profiles, consent, resume text, a
tenth in Chinese, some turned down by a unit, and their pool entries) over
the postings (all open). In-process, DEBUG off (tests/benchmarks/pool.py):
the top 50 suggestions of 30 open postings (matching.top_suggestions, p50 and
p95), and the nightly refresh of every open posting in the nightly task's
batches spread over two worker processes, as a Celery worker with concurrency
2 would run them: its time and each process's resident memory after its first
batch and at its peak, twice (the first run makes the suggestions, the second
finds them current). A refresh that would run far past its goal starts no
batch after --pool-refresh-budget seconds and reports the part it did. Then,
through the served portal, the pool keyword search (GET /recruit/pool/?q=…)
as a recruiter, in English and in Chinese, one request at a time (p50, p95),
if the build has the page. --pool measures only the pool (no limit reference,
no applications added); --skip-pool leaves it out.

Everything runs on this machine over loopback.

    python tests/benchmarks/run.py [--seconds 10] [--clients 16] [--postings 5000] [--applications 200000]
                                   [--reuse] [--redis-url URL] [--skip-public]
                                   [--pool-candidates 100000] [--pool | --skip-pool] [--pool-refresh-budget 600]
"""

import argparse
import datetime as dt
import hashlib
import http.client
import ipaddress
import json
import os
import platform
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import psycopg2
from psycopg2 import sql

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
# The limit reference lives beside the repository (read-only): it is copied before use.
# BENCH_LIMIT_DIR points elsewhere (a worktree, for instance).
LIMIT_SOURCE = Path(os.environ.get("BENCH_LIMIT_DIR") or ROOT / ".." / "shared" / "bench" / "limit")
# Its virtualenv is kept between runs, rebuilt when its requirements change.
LIMIT_VENV = ROOT / "bench-results" / ".limit-venv"
LIMIT_DATABASE = "benchlimit"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/recruit_bench"
RESULTS = ROOT / "bench-results"
WORKERS = 2
START_TIMEOUT = 60
STOP_TIMEOUT = 15
REQUEST_TIMEOUT = 60
# In seed_volume's data: every AI category's name ends in "Engineer"; Hangzhou
# is a seeded city; the Chinese word is in the demo texts.
SEARCH_WORD = "engineer"
CHINESE_WORD = "大模型"
LOCATION = "hangzhou"
# Posting pages are requested round-robin over this many random public postings.
POSTING_SAMPLE = 200
# seed_volume's pool candidates (demo/pool_volume.py): their applications are not the workspace's.
POOL_EMAIL_PREFIX = "volume.pool."
POOL_SCRIPT = Path(__file__).resolve().parent / "pool.py"
# Words of the pool's resume texts (demo/pool_volume.py writes them from the catalogue's words).
POOL_SEARCH_WORDS = {
    "English": ["kubernetes", "distributed", "retrieval", "latency", "pytorch"],
    "Chinese": ["大模型", "分布式", "推荐系统", "向量检索", "实习"],
}
# Each word is requested this many times, one request at a time.
POOL_SEARCH_ROUNDS = 6
POOL_GOALS = {"suggestions_p50_ms": 200.0, "refresh_seconds": 120.0, "search_p50_ms": 300.0}

# Run inside `manage.py shell`: the figures the benchmark needs, and each page's
# query count uncached and cached, through the portal's own code.
FACTS_SCRIPT = f"""
import json
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from postings.board import board_search
from postings.models import Location, Posting

public = Posting.objects.public()
empty = dict(q="", unit=[], category=[], location=[], ai=False, program="", degree=[], open_to=False)
ids = list(public.order_by("?").values_list("id", flat=True)[:{POSTING_SAMPLE}])
from applicants.models import Application
from django.contrib.auth import get_user_model
from talentpool.models import PoolEntry
pool = get_user_model().objects.filter(email__startswith={POOL_EMAIL_PREFIX!r})
facts = {{
    "postings": Posting.objects.count(),
    "applications": Application.objects.exclude(candidate__in=pool).count(),
    "pool_candidates": pool.count(),
    "pool_available": PoolEntry.objects.filter(status=PoolEntry.Status.AVAILABLE).count(),
    "public": public.count(),
    "posting_ids": ids,
    "search_matches": board_search({{**empty, "q": {SEARCH_WORD!r}}}).total,
    "chinese_matches": board_search({{**empty, "q": {CHINESE_WORD!r}}}).total,
    "filtered_matches": board_search({{**empty, "ai": True, "location": [{LOCATION!r}]}}).total,
    "location_exists": Location.objects.filter(slug={LOCATION!r}).exists(),
}}
queries = {{}}
if ids:
    cache.clear()
    client = Client(HTTP_HOST="127.0.0.1")
    for path in PATHS + [f"/jobs/{{ids[0]}}/"]:
        counts = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as captured:
                status = client.get(path).status_code
            counts.append(len(captured) if status == 200 else None)
        queries[path] = counts
facts["queries"] = queries
print(json.dumps(facts))
"""


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="Measuring time per URL (default 10).")
    parser.add_argument("--clients", type=int, default=16, help="Concurrent connections (default 16).")
    parser.add_argument("--postings", type=int, default=5000, help="Postings in the database (default 5000).")
    parser.add_argument(
        "--applications",
        type=int,
        default=200_000,
        help="Applications in the database, over the units' postings (default 200000).",
    )
    parser.add_argument(
        "--skip-public", action="store_true", help="Measure only the recruiter workspace, not the public pages."
    )
    parser.add_argument(
        "--pool-candidates",
        type=int,
        default=100_000,
        help="Talent-pool candidates in the database, with resume text (default 100000).",
    )
    pool = parser.add_mutually_exclusive_group()
    pool.add_argument(
        "--pool", action="store_true", help="Measure only the talent pool (no public pages, no workspace)."
    )
    pool.add_argument("--skip-pool", action="store_true", help="Leave the talent pool out.")
    parser.add_argument(
        "--pool-refresh-budget",
        type=float,
        default=600.0,
        help="Start no batch of the nightly refresh after this many seconds; 0: no limit (default 600).",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="Keep the existing database; only add the postings and applications it lacks. Without it, rebuild it.",
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL),
        help="PostgreSQL on this machine (default: BENCH_DATABASE_URL or recruit_bench on 127.0.0.1).",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("BENCH_REDIS_URL", ""),
        help="Serve the portal with this Redis as its cache (default: the database cache, as without REDIS_URL).",
    )
    args = parser.parse_args(argv)
    if args.seconds <= 0 or args.clients < 1 or args.postings < 0 or args.applications < 0:
        parser.error("--seconds must be positive, --clients at least 1, --postings and --applications 0 or more.")
    if args.pool_candidates < 0 or args.pool_refresh_budget < 0:
        parser.error("--pool-candidates and --pool-refresh-budget must be 0 or more.")
    parts = urlsplit(args.database_url)
    if parts.scheme not in {"postgres", "postgresql"} or not parts.path.strip("/"):
        parser.error("--database-url must be a postgres:// URL with a database name.")
    if not is_loopback(parts.hostname or "localhost"):
        parser.error("The benchmark rebuilds its database: it only uses a PostgreSQL on this machine (loopback).")
    if args.redis_url and not is_loopback(urlsplit(args.redis_url).hostname or "localhost"):
        parser.error("--redis-url must be a Redis on this machine (loopback).")
    return args


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def wrk_binary() -> str:
    found = shutil.which("wrk")
    if not found:
        sys.exit("The benchmark measures with wrk: install it (Debian: apt-get install -y wrk) and run again.")
    return found


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
    """Refresh the planner's statistics after the bulk load; the server's version."""
    connection = psycopg2.connect(database_url)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
            cursor.execute("SHOW server_version")
            return cursor.fetchone()[0].split()[0]
    finally:
        connection.close()


def run(command: list[str], *, cwd: Path, env: dict) -> str:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        sys.exit(f"{' '.join(command[:3])} … failed (exit status {result.returncode}).")
    return result.stdout


def manage(env: dict, *arguments: str) -> str:
    return run([sys.executable, "manage.py", *arguments], cwd=ROOT, env=env)


def database_facts(env: dict, paths: list[str]) -> dict:
    output = manage(env, "shell", "--no-imports", "-c", f"PATHS = {paths!r}\n" + FACTS_SCRIPT)
    return json.loads(output.strip().splitlines()[-1])


def server_environment(database_url: str, redis_url: str) -> dict:
    """Production-like settings on loopback: no broker (tasks in-process), Redis only if asked."""
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
        SITE_URL="http://127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        LOG_LEVEL="WARNING",
    )
    if redis_url:
        env.update(REDIS_URL=redis_url, CELERY_BROKER_URL="memory://")
    return env


# --- The limit reference -----------------------------------------------------


def limit_environment(database_url: str) -> dict:
    parts = urlsplit(database_url)
    env = {key: value for key, value in os.environ.items() if not key.startswith("LIMIT_")}
    env.update(
        LIMIT_DB_ENGINE="postgres",
        LIMIT_DB_NAME=LIMIT_DATABASE,
        LIMIT_DB_USER=parts.username or "postgres",
        LIMIT_DB_PASSWORD=parts.password or "",
        LIMIT_DB_HOST=parts.hostname or "127.0.0.1",
        LIMIT_DB_PORT=str(parts.port or 5432),
        LIMIT_MIDDLEWARE="default",
    )
    return env


def prepare_limit(workdir: Path, database_url: str) -> tuple[Path, Path, dict]:
    """Copy the limit reference, give it a virtualenv and a seeded database; its folder, python and environment."""
    if not LIMIT_SOURCE.is_dir():
        sys.exit(f"No limit reference at {LIMIT_SOURCE.resolve()}: the comparison needs it (see its README).")
    folder = workdir / "limit"
    shutil.copytree(LIMIT_SOURCE, folder, ignore=shutil.ignore_patterns(".venv", "__pycache__", "*.sqlite3"))
    requirements = folder / "requirements.txt"
    stamp = LIMIT_VENV / ".requirements-sha256"
    wanted = hashlib.sha256(requirements.read_bytes()).hexdigest()
    if not stamp.is_file() or stamp.read_text() != wanted:
        print("Installing the limit reference's requirements…")
        shutil.rmtree(LIMIT_VENV, ignore_errors=True)
        run([sys.executable, "-m", "venv", str(LIMIT_VENV)], cwd=folder, env=dict(os.environ))
        run(
            [str(LIMIT_VENV / "bin" / "python"), "-m", "pip", "install", "--quiet", "-r", str(requirements)],
            cwd=folder,
            env=dict(os.environ),
        )
        stamp.write_text(wanted)
    python = LIMIT_VENV / "bin" / "python"
    prepare_database(urlunsplit(urlsplit(database_url)._replace(path=f"/{LIMIT_DATABASE}")), reuse=True)
    env = limit_environment(database_url)
    run([str(python), "manage.py", "migrate", "--noinput", "-v", "0"], cwd=folder, env=env)
    run([str(python), "manage.py", "seed_limit"], cwd=folder, env=env)
    return folder, python, env


# --- Servers -----------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(gunicorn: Path, app: str, *, cwd: Path, env: dict, port: int, log) -> subprocess.Popen:
    return subprocess.Popen(
        [str(gunicorn), app, "--workers", str(WORKERS), "--worker-class", "sync", "--bind", f"127.0.0.1:{port}"],
        cwd=cwd,
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


def wait_until_serving(server: subprocess.Popen, port: int, path: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    last_problem = "no answer"
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {server.returncode} before serving.")
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        try:
            connection.request("GET", path)
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
    raise RuntimeError(f"{path} did not answer 200 within {START_TIMEOUT} s: {last_problem}")


def warm_up(port: int, paths: list[str], cookie: str = "") -> None:
    """Every URL a few times (gunicorn spreads connections over its workers): code loaded, caches filled."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    headers = {"Cookie": cookie} if cookie else {}
    try:
        for path in paths * 4 * WORKERS:
            connection.request("GET", path, headers=headers)
            connection.getresponse().read()
    finally:
        connection.close()


# --- Measuring with wrk ------------------------------------------------------

# Requests the paths round-robin (one path: wrk's own loop).
WRK_SCRIPT = """
local paths = {%s}
local headers = {%s}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1], headers)
end
"""

# Run inside `manage.py shell`: a signed-in session for a benchmark candidate (no
# profile yet, so a posting page shows them every reason they may not apply).
SESSION_SCRIPT = """
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
user, _ = get_user_model().objects.get_or_create(email="bench-candidate@bench.example", defaults={"name": "Bench"})
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "recruit.accounts.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(session.session_key)
"""


@dataclass
class Measurement:
    label: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int


def _milliseconds(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def measure(
    wrk: str,
    port: int,
    label: str,
    paths: list[str],
    *,
    clients: int,
    seconds: float,
    workdir: Path,
    cookie: str = "",
):
    script = workdir / "paths.lua"
    headers = {"Accept": "text/html", **({"Cookie": cookie} if cookie else {})}
    script.write_text(
        WRK_SCRIPT
        % (
            ", ".join(json.dumps(quote(path, safe="/?=&%")) for path in paths),
            ", ".join(f"[{json.dumps(name)}] = {json.dumps(value)}" for name, value in headers.items()),
        )
    )
    threads = min(2, clients)
    output = subprocess.run(
        [
            *(wrk, f"-t{threads}", f"-c{clients}", f"-d{seconds:g}s", "--latency", "--timeout", "10s"),
            *("-s", str(script), f"http://127.0.0.1:{port}"),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    latencies = dict(re.findall(r"^\s+(50|99)(?:\.0+)?%\s+(\S+)\s*$", output, re.M))
    if not {"50", "99"} <= latencies.keys():
        sys.exit(f"Could not read wrk's latency distribution for {label}:\n{output}")
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return Measurement(
        label=label,
        requests_per_second=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50_ms=_milliseconds(latencies["50"]),
        p99_ms=_milliseconds(latencies["99"]),
        requests=requests,
        errors=errors,
    )


# --- The recruiter workspace -------------------------------------------------

# Run inside `manage.py shell`: a recruiter of the units with the most and the fewest applications and an admin,
# signed in (their session keys), the pages to measure, and each page's query count for little data (the small
# unit, a posting with few applications) and much (the large unit, the busiest posting), first request and next.
WORKSPACE_SCRIPT = """
import json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.models import Permission
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from applicants.models import Application
from postings.models import BusinessUnit, UnitMembership

User = get_user_model()
visible = Application.objects.exclude(status="queued")
units = list(visible.values_list("posting__unit__slug").annotate(n=Count("pk")).order_by("-n", "posting__unit__slug"))
if not units:
    print(json.dumps({})); raise SystemExit
(large, large_count), (small, small_count) = units[0], units[-1]

def busiest(slug, last=False):
    postings = visible.filter(posting__unit__slug=slug).values_list("posting").annotate(n=Count("pk"))
    return list(postings.order_by(("n" if last else "-n"), "posting")[:1])[0]

def session_for(user):
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "recruit.accounts.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key

recruiter, _ = User.objects.get_or_create(email="bench-recruiter@bench.example", defaults={"name": "Bench Recruiter"})
for slug in (large, small):
    UnitMembership.objects.get_or_create(user=recruiter, unit=BusinessUnit.objects.get(slug=slug))
admin, _ = User.objects.get_or_create(email="bench-admin@bench.example", defaults={"name": "Bench Admin"})
admin.is_staff = True
admin.save(update_fields=["is_staff"])
admin.user_permissions.add(Permission.objects.get(content_type__app_label="postings", codename="publish_posting"))
large_posting, large_posting_count = busiest(large)
small_posting, small_posting_count = busiest(small, last=True)

def count(client, path):
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
            if response.status_code == 200 and getattr(response, "streaming", False):
                for _chunk in response.streaming_content:
                    pass
        counts.append(len(captured) if response.status_code == 200 else response.status_code)
    return counts

recruiting, admining = Client(HTTP_HOST="127.0.0.1"), Client(HTTP_HOST="127.0.0.1")
recruiting.force_login(recruiter)
admining.force_login(admin)
queries = {}
for label, small_path, large_path in [
    ("dashboard", f"/recruit/units/{small}/", f"/recruit/units/{large}/"),
    ("applicant list", f"/recruit/units/{small}/applicants/", f"/recruit/units/{large}/applicants/"),
    ("pipeline board", f"/recruit/postings/{small_posting}/board/", f"/recruit/postings/{large_posting}/board/"),
    ("unit figures", f"/recruit/units/{small}/figures/", f"/recruit/units/{large}/figures/"),
    ("CSV export", f"/recruit/units/{small}/applicants/export.csv", f"/recruit/units/{large}/applicants/export.csv"),
]:
    cache.clear()
    queries[label] = {"small": count(recruiting, small_path), "large": count(recruiting, large_path)}
cache.clear()
queries["program overview"] = {"large": count(admining, "/recruit/overview/")}
print(json.dumps({
    "large": large, "large_count": large_count, "small": small, "small_count": small_count,
    "large_posting": large_posting, "large_posting_count": large_posting_count,
    "small_posting": small_posting, "small_posting_count": small_posting_count,
    "recruiter_session": session_for(recruiter), "admin_session": session_for(admin), "queries": queries,
}))
"""

# Each workspace page's goal: a share of the limit's /list requests per second and a p50, where the issue sets one.
WORKSPACE_GOALS = {
    "applicant list": (0.30, 150.0),
    "program overview": (None, 300.0),
}


def workspace_facts(env: dict) -> dict:
    output = manage(env, "shell", "--no-imports", "-c", WORKSPACE_SCRIPT)
    return json.loads(output.strip().splitlines()[-1])


def status_of(port: int, path: str, cookie: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    try:
        connection.request("GET", path, headers={"Cookie": cookie})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


# --- The workers' memory -------------------------------------------------------


def worker_pids(master: int) -> list[int]:
    """The gunicorn master's worker processes (from /proc)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            pids.append(int(entry.name))
    return sorted(pids)


def _status_kib(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    return 0


def _cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def reset_peak(pid: int) -> bool:
    """Reset the process's peak resident memory (VmHWM) to its current size; False where Linux refuses."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
        return True
    except OSError:
        return False


@dataclass
class Export:
    label: str
    rows: int
    megabytes: float
    seconds: float
    first_byte_ms: float
    peak_rss_mb: float
    rss_before_mb: float
    reset: bool


def measure_export(port: int, label: str, path: str, cookie: str, pids: list[int], runs: int = 3) -> Export:
    """Download the export `runs` times, one at a time; the median time, the rows and the peak memory of the
    worker that served it (the one whose CPU time grew most)."""
    results = []
    for _ in range(runs):
        reset = all(reset_peak(pid) for pid in pids)
        before = {pid: (_status_kib(pid, "VmRSS"), _cpu_ticks(pid)) for pid in pids}
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
        started = time.perf_counter()
        first_byte = None
        size = lines = 0
        try:
            connection.request("GET", path, headers={"Cookie": cookie})
            response = connection.getresponse()
            while chunk := response.read(65536):
                first_byte = first_byte or time.perf_counter()
                size += len(chunk)
                lines += chunk.count(b"\n")
        finally:
            connection.close()
        seconds = time.perf_counter() - started
        served = max(pids, key=lambda pid: _cpu_ticks(pid) - before[pid][1])
        results.append(
            Export(
                label=label,
                rows=max(lines - 1, 0),
                megabytes=size / 1e6,
                seconds=seconds,
                first_byte_ms=((first_byte or time.perf_counter()) - started) * 1000,
                peak_rss_mb=_status_kib(served, "VmHWM") / 1024,
                rss_before_mb=before[served][0] / 1024,
                reset=reset,
            )
        )
    results.sort(key=lambda export: export.seconds)
    median = results[len(results) // 2]
    median.peak_rss_mb = max(export.peak_rss_mb for export in results)
    return median


# --- Report ------------------------------------------------------------------

# Each page's goal, as a share of the limit's /list requests per second.
GOALS = {"/": 0.60, "/jobs/": 0.60, "filtered": 0.60, "search": 0.40, "chinese": 0.40, "posting": 0.70}


def table(rows: list[tuple[str, Measurement, Measurement]]) -> str:
    lines = [
        "| page | requests/s | p50 (ms) | p99 (ms) | errors | limit /list requests/s | ratio | goal |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for goal, page, limit in rows:
        ratio = page.requests_per_second / limit.requests_per_second if limit.requests_per_second else 0
        lines.append(
            f"| `{page.label}` | {page.requests_per_second:.0f} | {page.p50_ms:.1f} | {page.p99_ms:.1f} | "
            f"{page.errors} | {limit.requests_per_second:.0f} | {ratio:.0%} | {GOALS[goal]:.0%} |"
        )
    return "\n".join(lines)


def report(
    rows,
    facts: dict,
    args: argparse.Namespace,
    postgres: str,
    workspace: dict | None = None,
    pool: dict | None = None,
) -> str:
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    cache = "the Redis cache" if args.redis_url else "the database cache (no REDIS_URL)"
    query_lines = [f"| `{path}` | {counts[0]} | {counts[1]} |" for path, counts in facts["queries"].items() if counts]
    setting = (
        f"{when}. {facts['postings']} postings ({facts['public']} public), {facts['applications']} applications, "
        f"PostgreSQL {postgres}, gunicorn with {WORKERS} sync workers for both, DEBUG off, {cache}; wrk with "
        f"{args.clients} connections for {args.seconds:g} s per measurement, each page right after the limit's "
        f"/list, on the same machine ({os.cpu_count()} CPUs, Python {platform.python_version()})."
    )
    public = [
        "# Public pages next to the limit reference",
        "",
        setting,
        "",
        table(rows),
        "",
        f"The search matches {facts['search_matches']} roles, the Chinese search {facts['chinese_matches']}, "
        f"the filtered board {facts['filtered_matches']}; posting pages rotate over "
        f"{len(facts['posting_ids'])} public postings. Caches were warmed first (every URL eight times).",
        "",
        "Queries per request (a visitor), first request after a change and the next one:",
        "",
        "| page | uncached | cached |",
        "| --- | ---: | ---: |",
        *query_lines,
        "",
    ]
    if args.pool:
        setting = (
            f"{when}. {facts['postings']} postings ({facts['public']} public), PostgreSQL {postgres}, the portal "
            f"served by gunicorn with {WORKERS} sync workers, DEBUG off, {cache}, on the same machine "
            f"({os.cpu_count()} CPUs, Python {platform.python_version()})."
        )
    if not rows:
        why = "--pool" if args.pool else "--skip-public"
        public = ["# Benchmarks", "", setting, "", f"Public pages: not measured ({why}).", ""]
    return "\n".join(
        public + (workspace_report(workspace) if workspace else []) + (pool_report(pool, facts) if pool else [])
    )


def workspace_report(workspace: dict) -> list[str]:
    """The workspace's section of the report: pages, CSV exports, query counts."""
    facts = workspace["facts"]
    lines = [
        "# The recruiter workspace",
        "",
        f"Signed in as a recruiter of `{facts['large']}` ({facts['large_count']} applications released to it) and "
        f"`{facts['small']}` ({facts['small_count']}); the pipeline board is the busiest posting's "
        f"({facts['large_posting_count']} applications); the program overview as an admin.",
        "",
        "| page | requests/s | p50 (ms) | p99 (ms) | errors | limit /list requests/s | ratio | goal | met |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for name, page, limit in workspace["rows"]:
        ratio = page.requests_per_second / limit.requests_per_second if limit.requests_per_second else 0
        share, p50 = WORKSPACE_GOALS.get(name, (None, None))
        goals = ", ".join(
            goal for goal in (f"≥ {share:.0%} of /list" if share else "", f"p50 < {p50:g} ms" if p50 else "") if goal
        )
        met = (share is None or ratio >= share) and (p50 is None or page.p50_ms < p50)
        lines.append(
            f"| `{page.label}` | {page.requests_per_second:.0f} | {page.p50_ms:.1f} | {page.p99_ms:.1f} | "
            f"{page.errors} | {limit.requests_per_second:.0f} | {ratio:.0%} | {goals or '—'} "
            f"| {('yes' if met else 'no') if goals else '—'} |"
        )
    for name, path, status in workspace["missing"]:
        lines.append(f"| `{path}` ({name}) | not in this build: {status} | | | | | | | |")
    lines += ["", "CSV export of a unit's applicants (three downloads each, one at a time; the median):", ""]
    if workspace["exports"]:
        lines += [
            "| export | rows | MB | seconds | first byte (ms) | rows/s | worker RSS before (MB) | peak RSS (MB) |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for export in workspace["exports"]:
            lines.append(
                f"| `{export.label}` | {export.rows} | {export.megabytes:.1f} | {export.seconds:.2f} | "
                f"{export.first_byte_ms:.0f} | {export.rows / export.seconds:.0f} | {export.rss_before_mb:.0f} | "
                f"{export.peak_rss_mb:.0f} |"
            )
        if not all(export.reset for export in workspace["exports"]):
            lines += ["", "(Linux refused to reset the peak: peak RSS is since the worker started.)"]
    else:
        lines.append("Not in this build (the export answers 404).")
    lines += [
        "",
        "Queries per request, little data and much, first request and the next (a status code: the page is not in "
        "this build):",
        "",
        "| page | small: first | small: next | large: first | large: next |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, counts in facts["queries"].items():
        small, large = counts.get("small", ["", ""]), counts["large"]
        lines.append(f"| {name} | {small[0]} | {small[1]} | {large[0]} | {large[1]} |")
    return [*lines, ""]


def measure_workspace(args, env: dict, wrk: str, portal, portal_port: int, limit_port: int, workdir: Path) -> dict:
    """The workspace's pages after the limit's /list each, and the CSV exports; for the report."""
    facts = workspace_facts(env)
    if not facts:
        print("No applications: the workspace is not measured.")
        return {}
    recruiter = f"sessionid={facts['recruiter_session']}"
    admin = f"sessionid={facts['admin_session']}"
    large, small = facts["large"], facts["small"]
    pages = [
        ("dashboard", f"/recruit/units/{large}/", recruiter),
        ("applicant list", f"/recruit/units/{large}/applicants/", recruiter),
        ("pipeline board", f"/recruit/postings/{facts['large_posting']}/board/", recruiter),
        ("unit figures", f"/recruit/units/{large}/figures/", recruiter),
        ("program overview", "/recruit/overview/", admin),
    ]
    rows, missing = [], []
    load = {"clients": args.clients, "seconds": args.seconds, "workdir": workdir}
    for name, path, cookie in pages:
        status = status_of(portal_port, path, cookie)
        if status != 200:
            missing.append((name, path, status))
            print(f"  {path}: {status}, not measured")
            continue
        warm_up(portal_port, [path], cookie)
        reference = measure(wrk, limit_port, "/list", ["/list"], **load)
        page = measure(wrk, portal_port, path, [path], cookie=cookie, **load)
        rows.append((name, page, reference))
        print(f"  {path}: {page.requests_per_second:.0f} req/s, p50 {page.p50_ms:.0f} ms")
    exports = []
    pids = worker_pids(portal.pid)
    for unit, count in ((small, facts["small_count"]), (large, facts["large_count"])):
        path = f"/recruit/units/{unit}/applicants/export.csv"
        if status_of(portal_port, path, recruiter) != 200:
            continue
        warm_up(portal_port, [path], recruiter)
        export = measure_export(portal_port, f"{path} (~{count} rows)", path, recruiter, pids)
        exports.append(export)
        print(f"  {path}: {export.rows} rows in {export.seconds:.2f} s, peak RSS {export.peak_rss_mb:.0f} MB")
    return {"facts": facts, "rows": rows, "missing": missing, "exports": exports}


# --- The talent pool -------------------------------------------------------------


def pool_script(env: dict, *arguments: str) -> dict:
    """Run tests/benchmarks/pool.py in the portal's environment; its line of JSON."""
    output = run([sys.executable, str(POOL_SCRIPT), *arguments], cwd=ROOT, env=env)
    return json.loads(output.strip().splitlines()[-1])


def measure_pool(args, env: dict) -> dict:
    """The top suggestions of one posting, then the nightly refresh twice, in-process (pool.py)."""
    print("The talent pool: top suggestions of one posting…")
    suggestions = pool_script(env, "suggestions", "--postings", "30")
    if suggestions.get("postings"):
        print(f"  p50 {suggestions['p50_ms']:.0f} ms, p95 {suggestions['p95_ms']:.0f} ms")
    refreshes = []
    for number in (1, 2):
        print(f"The talent pool: the nightly refresh, run {number}…")
        budget = str(args.pool_refresh_budget)
        refresh = pool_script(env, "refresh", "--processes", "2", "--budget", budget)
        refreshes.append(refresh)
        print(
            f"  {refresh['postings_done']} of {refresh['postings']} postings in {refresh['seconds']:.1f} s, "
            f"{refresh['created']} new suggestions"
        )
    return {"suggestions": suggestions, "refreshes": refreshes, "search": None}


def _timed_get(port: int, path: str, cookie: str) -> tuple[int, float]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    started = time.perf_counter()
    try:
        connection.request("GET", path, headers={"Cookie": cookie})
        response = connection.getresponse()
        response.read()
        return response.status, (time.perf_counter() - started) * 1000
    finally:
        connection.close()


def measure_pool_search(env: dict, port: int) -> dict:
    """The pool keyword search as a recruiter, one request at a time: p50 and p95 per language, if the page is in
    this build (else its status)."""
    facts = pool_script(env, "session")
    cookie = f"sessionid={facts['session']}"
    probe = f"/recruit/pool/?q={quote(POOL_SEARCH_WORDS['English'][0])}"
    status = status_of(port, probe, cookie)
    if status == 404:
        print("pool search: not available in this build")
        return {"available": False, "status": status}
    if status != 200:
        print(f"pool search: {probe} answers {status}")
        return {"available": True, "status": status, "languages": {}, "errors": 1}
    languages = {}
    for language, words in POOL_SEARCH_WORDS.items():
        paths = [f"/recruit/pool/?q={quote(word)}" for word in words]
        for path in paths:  # Code loaded, caches filled, in both workers.
            for _ in range(WORKERS):
                _timed_get(port, path, cookie)
        times, errors = [], 0
        for _ in range(POOL_SEARCH_ROUNDS):
            for path in paths:
                code, milliseconds = _timed_get(port, path, cookie)
                times.append(milliseconds)
                errors += code != 200
        times.sort()
        languages[language] = {
            "words": words,
            "requests": len(times),
            "errors": errors,
            "p50_ms": statistics.median(times),
            "p95_ms": times[min(len(times) - 1, round(0.95 * (len(times) - 1)))],
        }
        print(f"  pool search, {language}: p50 {languages[language]['p50_ms']:.0f} ms")
    return {"available": True, "unit": facts["unit"], "languages": languages}


def _met(value: float, goal: float) -> str:
    return "yes" if value < goal else "no"


def _megabytes(kib: int) -> str:
    return f"{kib / 1024:.0f}"


def pool_report(pool: dict, facts: dict) -> list[str]:
    """The talent pool's section of the report."""
    lines = [
        "# The talent pool",
        "",
        f"{facts['pool_candidates']} pool candidates from seed_volume ({facts['pool_available']} entries available), "
        f"{facts['postings']} postings. In-process with DEBUG off, except the search (the served portal, one request "
        "at a time, as a recruiter).",
        "",
        "| measurement | result | goal | met |",
        "| --- | --- | --- | --- |",
    ]
    suggestions = pool["suggestions"]
    if suggestions.get("postings"):
        goal = POOL_GOALS["suggestions_p50_ms"]
        lines.append(
            f"| top 50 suggestions of one posting (matching.top_suggestions, {suggestions['postings']} of "
            f"{suggestions['open_postings']} open postings) | p50 {suggestions['p50_ms']:.0f} ms, p95 "
            f"{suggestions['p95_ms']:.0f} ms, max {suggestions['max_ms']:.0f} ms | p50 < {goal:g} ms | "
            f"{_met(suggestions['p50_ms'], goal)} |"
        )
    else:
        lines.append("| top 50 suggestions of one posting | no open posting | | |")
    goal = POOL_GOALS["refresh_seconds"]
    for number, refresh in enumerate(pool["refreshes"], start=1):
        memory = "; ".join(
            f"{_megabytes(worker['first_rss_kib'])} MB after its first batch, {_megabytes(worker['last_rss_kib'])} "
            f"MB after its last, peak {_megabytes(worker['peak_kib'])} MB"
            for worker in refresh["workers"]
        )
        what = (
            f"nightly refresh, run {number} ({refresh['batches']} batches, {refresh['processes']} processes; "
            f"{refresh['created']} new suggestions, {refresh['suggestions_after']} kept)"
        )
        if not refresh["postings_done"] and refresh["postings"]:
            result, met = f"no batch started within {refresh['budget']:g} s", "no"
        elif refresh["postings_done"] < refresh["postings"]:
            pace = refresh["seconds"] / max(refresh["postings_done"], 1)
            result = (
                f"stopped starting batches after {refresh['budget']:g} s: {refresh['postings_done']} of "
                f"{refresh['postings']} postings in {refresh['seconds']:.0f} s (at that pace, all of them: about "
                f"{pace * refresh['postings']:.0f} s, a projection)"
            )
            met = "no"
        else:
            result = f"{refresh['seconds']:.1f} s for {refresh['postings']} postings"
            met = _met(refresh["seconds"], goal)
        if "profiles_seconds" in refresh:
            result += f" (the match profiles rewritten first: {refresh['profiles_seconds']:.1f} s of it)"
        lines.append(f"| {what} | {result}; each process: {memory or 'no batch'} | < {goal:g} s | {met} |")
    search = pool.get("search")
    goal = POOL_GOALS["search_p50_ms"]
    if not search:
        lines.append("| pool keyword search | not measured | | |")
    elif not search["available"]:
        lines.append("| pool keyword search | not available in this build (the page answers 404) | | |")
    elif search.get("errors"):
        lines.append(f"| pool keyword search | the page answers {search['status']} | p50 < {goal:g} ms | no |")
    else:
        for language, result in search["languages"].items():
            lines.append(
                f"| pool keyword search, {language} (GET /recruit/pool/?q=…: {', '.join(result['words'])}; "
                f"{result['requests']} requests, {result['errors']} errors) | p50 {result['p50_ms']:.0f} ms, p95 "
                f"{result['p95_ms']:.0f} ms | p50 < {goal:g} ms | {_met(result['p50_ms'], goal)} |"
            )
    return [*lines, ""]


def measure_pages(args, env: dict, wrk: str, urls: list, portal, portal_port: int, workdir: Path, log):
    """The public pages and the workspace, each after the limit reference's /list (served beside the portal
    meanwhile); the rows and the workspace's results."""
    limit_folder, limit_python, limit_env = prepare_limit(workdir, args.database_url)
    limit_port = free_port()
    limit = start_gunicorn(
        limit_python.parent / "gunicorn",
        "limitref.wsgi:application",
        cwd=limit_folder,
        env=limit_env,
        port=limit_port,
        log=log,
    )
    rows = []
    try:
        wait_until_serving(limit, limit_port, "/list")
        warm_up(limit_port, ["/list"] * 4)
        print(f"Measuring {args.seconds:g} s per URL, each after the limit's /list…")
        for goal, label, paths, cookie in urls:
            warm_up(portal_port, paths, cookie)
            load = {"clients": args.clients, "seconds": args.seconds, "workdir": workdir}
            reference = measure(wrk, limit_port, "/list", ["/list"], **load)
            page = measure(wrk, portal_port, label, paths, cookie=cookie, **load)
            rows.append((goal, page, reference))
            ratio = page.requests_per_second / reference.requests_per_second
            print(f"  {label}: {page.requests_per_second:.0f} req/s, {ratio:.0%} of /list")
        print("The recruiter workspace…")
        workspace = measure_workspace(args, env, wrk, portal, portal_port, limit_port, workdir)
    finally:
        stop_gunicorn(limit)
    return rows, workspace


def main(argv=None) -> int:
    args = parse_args(argv)
    # The pool alone is measured without wrk.
    wrk = "" if args.pool else wrk_binary()
    env = server_environment(args.database_url, args.redis_url)
    prepare_database(args.database_url, reuse=args.reuse)
    print("Migrating…")
    manage(env, "migrate", "--noinput", "-v", "0")
    print("Collecting static files…")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    pages = [
        ("/", "/", "/"),
        ("/jobs/", "/jobs/", "/jobs/"),
        ("filtered", f"/jobs/?ai=1&location={LOCATION}", f"/jobs/?ai=1&location={LOCATION}"),
        ("search", f"/jobs/?q={SEARCH_WORD}", f"/jobs/?q={SEARCH_WORD}"),
        ("chinese", f"/jobs/?q={CHINESE_WORD}", f"/jobs/?q={quote(CHINESE_WORD)}"),
    ]
    facts = database_facts(env, [path for _, _, path in pages])
    missing = args.postings - facts["postings"]
    if missing > 0:
        print(f"Adding {missing} postings…")
        print(manage(env, "seed_volume", "--postings", str(missing), "--force").strip())
    missing_applications = args.applications - facts["applications"]
    if missing_applications > 0 and not args.pool:
        print(f"Adding {missing_applications} applications…")
        output = manage(env, "seed_volume", "--postings", "0", "--applications", str(missing_applications), "--force")
        print(output.strip().splitlines()[-1])
    missing_pool = args.pool_candidates - facts["pool_candidates"]
    if missing_pool > 0 and not args.skip_pool:
        print(f"Adding {missing_pool} pool candidates…")
        output = manage(env, "seed_volume", "--postings", "0", "--pool-candidates", str(missing_pool), "--force")
        print(output.strip().splitlines()[-1])
    postgres = analyze(args.database_url)
    facts = database_facts(env, [path for _, _, path in pages])
    if not facts["posting_ids"] or not facts["location_exists"]:
        sys.exit(f"The database has no public postings or no location {LOCATION!r}: nothing to measure.")
    posting_paths = [f"/jobs/{pk}/" for pk in facts["posting_ids"]]
    signed_in = "sessionid=" + manage(env, "shell", "--no-imports", "-c", SESSION_SCRIPT).strip().splitlines()[-1]
    urls = [(goal, label, [path], "") for goal, label, path in pages]
    urls += [
        ("posting", "/jobs/<id>/", posting_paths, ""),
        ("/jobs/", "/jobs/ (signed in)", ["/jobs/"], signed_in),
        ("posting", "/jobs/<id>/ (signed in)", posting_paths, signed_in),
    ]

    if args.skip_public or args.pool:
        urls = []

    # In-process, before the servers start, so they share the machine with nothing.
    pool = None if args.skip_pool else measure_pool(args, env)

    rows, workspace = [], None
    with tempfile.TemporaryDirectory(prefix="bench-") as temp, tempfile.TemporaryFile(mode="w+") as log:
        workdir = Path(temp)
        portal_port = free_port()
        portal = start_gunicorn(
            BIN / "gunicorn", "recruit.wsgi:application", cwd=ROOT, env=env, port=portal_port, log=log
        )
        try:
            wait_until_serving(portal, portal_port, "/healthz")
            if pool is not None:
                print("The talent pool's search…")
                pool["search"] = measure_pool_search(env, portal_port)
            if not args.pool:
                rows, workspace = measure_pages(args, env, wrk, urls, portal, portal_port, workdir, log)
        except BaseException:
            log.seek(0)
            sys.stderr.write("gunicorn's log:\n" + log.read()[-5000:])
            raise
        finally:
            stop_gunicorn(portal)

    text = report(rows, facts, args, postgres, workspace, pool)
    RESULTS.mkdir(exist_ok=True)
    name = f"board-{facts['postings']}-{facts['applications']}{'-redis' if args.redis_url else ''}.md"
    if args.pool:
        name = f"pool-{facts['pool_candidates']}-{facts['postings']}.md"
    path = RESULTS / name
    path.write_text(text, encoding="utf-8")
    print()
    print(text)
    print(f"Written to {path.relative_to(ROOT)}.")
    measured = rows + [(None, page, None) for _, page, _ in (workspace or {}).get("rows", [])]
    search = (pool or {}).get("search") or {}
    search_errors = search.get("errors", 0) + sum(result["errors"] for result in search.get("languages", {}).values())
    return 1 if search_errors or any(page.errors for _, page, _ in measured) else 0


if __name__ == "__main__":
    sys.exit(main())
