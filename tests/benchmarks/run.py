"""Speed of the public pages next to the least a Django page can cost: `make bench`.

Builds (or, with --reuse, keeps) the PostgreSQL database `recruit_bench`,
migrates it, adds made-up postings with `manage.py seed_volume`, collects the
static files and serves the portal with gunicorn as production does (DEBUG
off, 2 sync workers). Beside it, it serves the limit reference of
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
below the table. Results go to bench-results/board-<postings>.md.

The board and posting pages are measured a second time signed in as a
candidate (a session cookie on every request): their shared parts come from
the same cache, the navigation and the apply panel are rendered per request.

Everything runs on this machine over loopback.

    python tests/benchmarks/run.py [--seconds 10] [--clients 16] [--postings 5000] [--reuse] [--redis-url URL]
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
facts = {{
    "postings": Posting.objects.count(),
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
        "--reuse",
        action="store_true",
        help="Keep the existing database; only add the postings it lacks. Without it the database is rebuilt.",
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
    if args.seconds <= 0 or args.clients < 1 or args.postings < 0:
        parser.error("--seconds must be positive, --clients at least 1, --postings 0 or more.")
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


def report(rows, facts: dict, args: argparse.Namespace, postgres: str) -> str:
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    cache = "the Redis cache" if args.redis_url else "the database cache (no REDIS_URL)"
    query_lines = [f"| `{path}` | {counts[0]} | {counts[1]} |" for path, counts in facts["queries"].items() if counts]
    return "\n".join(
        [
            "# Public pages next to the limit reference",
            "",
            f"{when}. {facts['postings']} postings ({facts['public']} public), PostgreSQL {postgres}, "
            f"gunicorn with {WORKERS} sync workers for both, DEBUG off, {cache}; wrk with {args.clients} "
            f"connections for {args.seconds:g} s per measurement, each page right after the limit's /list, "
            f"on the same machine ({os.cpu_count()} CPUs, Python {platform.python_version()}).",
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
    )


def main(argv=None) -> int:
    args = parse_args(argv)
    wrk = wrk_binary()
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

    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-") as temp, tempfile.TemporaryFile(mode="w+") as log:
        workdir = Path(temp)
        limit_folder, limit_python, limit_env = prepare_limit(workdir, args.database_url)
        portal_port, limit_port = free_port(), free_port()
        portal = start_gunicorn(
            BIN / "gunicorn", "recruit.wsgi:application", cwd=ROOT, env=env, port=portal_port, log=log
        )
        limit = start_gunicorn(
            limit_python.parent / "gunicorn",
            "limitref.wsgi:application",
            cwd=limit_folder,
            env=limit_env,
            port=limit_port,
            log=log,
        )
        try:
            wait_until_serving(portal, portal_port, "/healthz")
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
        except BaseException:
            log.seek(0)
            sys.stderr.write("gunicorn's log:\n" + log.read()[-5000:])
            raise
        finally:
            stop_gunicorn(portal)
            stop_gunicorn(limit)

    text = report(rows, facts, args, postgres)
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"board-{facts['postings']}{'-redis' if args.redis_url else ''}.md"
    path.write_text(text, encoding="utf-8")
    print()
    print(text)
    print(f"Written to {path.relative_to(ROOT)}.")
    return 1 if any(page.errors for _, page, _ in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
