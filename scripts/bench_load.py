"""Load on the financing table's fragment (« Gérer mes demandes de financement », htmx), served by
gunicorn with the run command's settings (scripts/gunicorn.conf.py, several workers), against a
FLOOR: a bare WSGI function (`floor` below) served by the same gunicorn settings and answering the
same bytes. The load generator is wrk (Debian: apt-get install -y wrk), connections 1, 4, 16, 64,
a few seconds each, the portal then the floors at each level. A second floor, « Flask nu », is a
bare Flask app answering the same bytes: the framework's own share of a request. Printed per
level and server: requests per second, median and p95 latency, errors (answers other than 2xx,
and socket errors), CPU per request; and the ratios of each floor's throughput to the portal's.
The portal runs on a temporary SQLite file (or, with --postgres URL, on that PostgreSQL database,
emptied first), seeded by scripts/bench_funding.py with one operator holding --requests requests.
Usage: .venv/bin/python scripts/bench_load.py [--seconds 5] [--levels 1,4,16,64] [--requests N]
       [--postgres postgresql://…]"""
import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FRAGMENT = "/espace/financement/?type=balance&statut=decided"
GUNICORN = [str(ROOT / ".venv/bin/gunicorn"), "--config", str(ROOT / "scripts/gunicorn.conf.py")]
# wrk runs one Lua state per thread: each counts its non-2xx answers, done() adds them up.
LUA = """
wrk.headers["Cookie"] = "%(cookie)s"
wrk.headers["HX-Request"] = "true"
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) bad = 0 end
function response(status, headers, body)
  if status < 200 or status > 299 then bad = bad + 1 end
end
function done(summary, latency, requests)
  local bad_total = 0
  for _, thread in ipairs(threads) do bad_total = bad_total + thread:get("bad") end
  local e = summary.errors
  io.write(string.format("RESULT %%d %%d %%d %%d %%d %%d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), bad_total,
    e.connect + e.read + e.write + e.timeout))
end
"""
_FLOOR = {}


def floor(environ, start_response):
    """The floor: the fragment's bytes (written by the bench in BENCH_LOAD_BODY), nothing else."""
    body = _body()
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                              ("Content-Length", str(len(body)))])
    return [body]


def bare_flask():
    """A second floor, the framework's: a Flask app with nothing of the portal (no session, no
    database, no template) answering the same bytes. What it costs over `floor` is Flask's share
    of any request, which no work on the portal's own code removes."""
    from flask import Flask

    app = Flask("plancher_flask")
    app.add_url_rule(FRAGMENT.split("?")[0], "fragment", _body)
    return app


def _body() -> bytes:
    if "body" not in _FLOOR:
        _FLOOR["body"] = Path(os.environ["BENCH_LOAD_BODY"]).read_bytes()
    return _FLOOR["body"]


def seed(folder: str, count: int, database_url: str | None):
    """The portal's database with one operator holding `count` requests; its session cookie and
    the fragment's bytes."""
    sys.path.insert(0, str(ROOT))
    from portal.models.accounts import OPERATOR
    from scripts.bench import make_app
    from scripts.bench_funding import seed as seed_requests
    from tests.conftest import _reset_postgres
    from tests.helpers.accounts import make_account, signed_in
    from tests.helpers.instruction import file_enrolment

    if database_url:
        _reset_postgres(database_url)
    app = make_app(folder, database_url)
    app.config["SECRET_KEY"] = "bench-load"
    file_enrolment(app)
    operator = make_account(app, OPERATOR, email="charge@example.fr")
    seed_requests(app, operator, count)
    client = signed_in(app.test_client(), operator)
    response = client.get(FRAGMENT, headers={"HX-Request": "true"})
    assert response.status_code == 200, response.status_code
    return client.get_cookie("session").value, response.get_data()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(app: str, env: dict, log) -> tuple[subprocess.Popen, str]:
    port = free_port()
    server = subprocess.Popen(GUNICORN + ["--bind", f"127.0.0.1:{port}", app], cwd=ROOT, env=env,
                              stdout=log, stderr=log)
    return server, f"http://127.0.0.1:{port}"


def wait_ready(server: subprocess.Popen, base: str, cookie: str, deadline: float = 60) -> None:
    request = urllib.request.Request(base + FRAGMENT, headers={"HX-Request": "true",
                                                               "Cookie": f"session={cookie}"})
    until = time.monotonic() + deadline
    while time.monotonic() < until:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn s'est arrêté (code {server.returncode}), voir son journal")
        try:
            with urllib.request.urlopen(request, timeout=5) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{base} ne répond pas après {deadline} s")


def cpu_seconds(server: subprocess.Popen) -> float:
    """CPU time (user + system) used so far by gunicorn's master and workers: on a busy machine,
    the CPU a request costs says more than the wall time it waits."""
    pids = [server.pid] + [int(pid) for pid in
                           Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()]
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def wrk(server: subprocess.Popen, base: str, script: str, connections: int, seconds: int) -> dict:
    command = ["wrk", "-t", str(min(connections, 2)), "-c", str(connections),
               "-d", f"{seconds}s", "--timeout", "10s", "-s", script, base + FRAGMENT]
    cpu = cpu_seconds(server)
    run = subprocess.run(command, capture_output=True, text=True)
    cpu = cpu_seconds(server) - cpu
    output = run.stdout + run.stderr
    found = re.search(r"^RESULT (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)$", output, re.MULTILINE)
    if not found:
        raise SystemExit("sortie de wrk inattendue :\n" + output)
    requests, duration, p50, p95, bad, broken = map(int, found.groups())
    return {"rps": requests / (duration / 1e6), "median": p50 / 1000, "p95": p95 / 1000,
            "errors": bad + broken, "cpu": cpu * 1000 / max(requests, 1)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5, help="durée de chaque mesure (5 s)")
    parser.add_argument("--levels", default="1,4,16,64", help="connexions simultanées")
    parser.add_argument("--requests", type=int, default=10_000, help="demandes de l'opérateur")
    parser.add_argument("--postgres", metavar="URL", help="PostgreSQL au lieu de SQLite")
    options = parser.parse_args(argv)
    if not shutil.which("wrk"):
        print("wrk manquant : apt-get install -y wrk (Debian)", file=sys.stderr)
        return 2
    levels = [int(level) for level in options.levels.split(",")]
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        cookie, body = seed(folder, options.requests, options.postgres)
        Path(folder, "body.html").write_bytes(body)
        Path(folder, "load.lua").write_text(LUA % {"cookie": f"session={cookie}"})
        env = dict(os.environ, SECRET_KEY="bench-load", PORTAL_DEMO="1",
                   UPLOAD_DIR=f"{folder}/uploads", BENCH_LOAD_BODY=f"{folder}/body.html",
                   DATABASE_URL=options.postgres or f"sqlite:///{folder}/bench.sqlite3")
        print(f"{options.requests} demandes ({'PostgreSQL' if options.postgres else 'SQLite'}), "
              f"fragment de {len(body)} octets, prêt en {time.perf_counter() - started:.1f} s")
        with open(f"{folder}/gunicorn.log", "w") as log:
            servers = {"portail": start("wsgi:app", env, log),
                       "plancher": start("scripts.bench_load:floor", env, log),
                       "Flask nu": start("scripts.bench_load:bare_flask()", env, log)}
            try:
                return measure(servers, cookie, f"{folder}/load.lua", levels, options.seconds)
            finally:
                for server, _ in servers.values():
                    server.terminate()
                    server.wait(30)


def measure(servers: dict, cookie: str, script: str, levels: list, seconds: int) -> int:
    for server, base in servers.values():
        wait_ready(server, base, cookie)
        wrk(server, base, script, 4, 1)  # warm-up: every worker has compiled its templates
    print("connexions | " + " | ".join(f"{name} : req/s, médiane (ms), p95 (ms), erreurs, CPU par "
                                       "requête (ms)" for name in servers)
          + " | plancher/portail | Flask nu/portail")
    errors, ratios = 0, []
    for level in levels:
        figures = {name: wrk(server, base, script, level, seconds)
                   for name, (server, base) in servers.items()}
        portal = figures["portail"]
        ratio, framework = (figures[name]["rps"] / portal["rps"] if portal["rps"] else float("inf")
                            for name in ("plancher", "Flask nu"))
        ratios.append(ratio)
        errors += sum(f["errors"] for f in figures.values())
        print(f"{level} | " + " | ".join(
            f"{f['rps']:.0f} req/s, {f['median']:.1f}, {f['p95']:.1f}, {f['errors']}, "
            f"{f['cpu']:.2f}" for f in figures.values()) + f" | {ratio:.1f} | {framework:.1f}")
    print(f"rapport plancher/portail médian : {statistics.median(ratios):.1f} ; erreurs : {errors}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
