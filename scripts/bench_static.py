"""Page weight and Lighthouse (mobile) performance of the portal as the run command serves it.

Builds the static files (python -m portal.static_files), migrates a temporary SQLite database,
loads the demo data, starts gunicorn as scripts/run.sh does, signs the demo operator in, then runs
Lighthouse (mobile, simulated slow 4G) on the landing page, wizard step 1, sign-in and the
operator's two tables, and prints each performance score with the bytes transferred; then the
bytes of a cold landing page and of a table keystroke (htmx fragment), compressed or not.
Each run of a page is followed by a run of the floor (the landing page's bare HTML, served by
http.server): the machine is shared, the floor's score says what it allows at that moment.
Goals: performance >= 95 everywhere, cold landing <= 400 KB.

Usage: .venv/bin/python scripts/bench_static.py [--runs 3] [--repo /work/main] [--pages landing,sign-in]
(--repo serves another checkout with this script, e.g. main for the "before" figures.)"""
import argparse
import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

LIGHTHOUSE = "lighthouse@12.8.2"  # 13.x needs Node >= 22.19; Debian ships Node 20
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
PAGES = {  # name -> (path, signed in)
    "landing": ("/", False),
    "wizard-1": ("/enrolement", False),
    "sign-in": ("/connexion", False),
    "enrolments": ("/espace/enrolements/", True),
    "funding": ("/espace/financement/", True),
}
GOAL_SCORE, GOAL_LANDING_BYTES = 95, 400_000


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def prepare(repo: Path, folder: str) -> dict:
    """Environment of a demo portal on a fresh SQLite file; static build, migration, demo data."""
    env = dict(os.environ, PORTAL_DEMO="1", FLASK_APP="wsgi", SECRET_KEY="bench-static",
               DATABASE_URL=f"sqlite:///{folder}/bench.sqlite3", UPLOAD_DIR=f"{folder}/uploads",
               PYTHONPATH=str(repo))
    python, flask = sys.executable, str(Path(sys.executable).with_name("flask"))
    if (repo / "portal" / "static_files.py").exists():
        subprocess.run([python, "-m", "portal.static_files"], cwd=repo, env=env, check=True)
    subprocess.run([flask, "db-upgrade"], cwd=repo, env=env, check=True, capture_output=True)
    demo = subprocess.run([flask, "load-demo"], cwd=repo, env=env, check=True,
                          capture_output=True, text=True).stdout
    uid, password = re.search(r"Opérateur MSS — identifiant (\S+) — mot de passe (\S+)", demo).groups()
    return {"env": env, "uid": uid, "password": password}


def serve(repo: Path, env: dict, port: int) -> subprocess.Popen:
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    server = subprocess.Popen([gunicorn, "--bind", f"127.0.0.1:{port}", "--workers", "2",
                               "--threads", "4", "wsgi:app"], cwd=repo, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):  # wait for the port to answer (a state, not a fixed time)
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/connexion", timeout=2).close()
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("gunicorn n'a pas démarré")


def sign_in(base: str, uid: str, password: str) -> str:
    """The session cookie of the signed-in demo operator ("name=value")."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/connexion").read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"csrf_token": token, "uid": uid, "password": password}).encode()
    opener.open(f"{base}/connexion", data).close()
    cookies = [f"{c.name}={c.value}" for c in jar]
    return "; ".join(cookies)


def lighthouse(url: str, cookie: str | None, folder: str, name: str) -> dict:
    report = Path(folder) / f"{name}.json"
    command = ["npx", "--yes", LIGHTHOUSE, url, "--only-categories=performance", "--output=json",
               f"--output-path={report}", "--quiet",
               "--chrome-flags=--headless=new --no-sandbox --disable-gpu"]
    if cookie:
        command.append("--extra-headers=" + json.dumps({"Cookie": cookie}))
    subprocess.run(command, check=True, env=dict(os.environ, CHROME_PATH=CHROME),
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    result = json.loads(report.read_text())
    audits = result["audits"]
    return {"score": round(result["categories"]["performance"]["score"] * 100),
            "bytes": int(audits["total-byte-weight"]["numericValue"]),
            "requests": len(audits["network-requests"]["details"]["items"]),
            "fcp": audits["first-contentful-paint"]["numericValue"],
            "lcp": audits["largest-contentful-paint"]["numericValue"],
            "final": result.get("finalDisplayedUrl") or result.get("finalUrl")}


def serve_floor(base: str, folder: str) -> tuple[str, object]:
    """The floor: the landing page's HTML alone (no stylesheet, no script, no font), served by a
    bare http.server — the best score this machine gives right now, to which pages are compared."""
    import functools
    import http.server
    import threading
    html = urllib.request.urlopen(base + "/").read().decode()
    html = re.sub(r"<link[^>]*>|<script[^>]*></script>", "", html)
    floor_dir = Path(folder) / "floor"
    floor_dir.mkdir(exist_ok=True)
    (floor_dir / "index.html").write_text(html, encoding="utf-8")
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(floor_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/index.html", server


def fragment_bytes(base: str, cookie: str, path: str) -> tuple[int, int]:
    """A table keystroke (the table's htmx fragment): bytes plain and with br/gzip."""
    sizes = []
    for encoding in ("identity", "br, gzip"):
        request = urllib.request.Request(base + path, headers={
            "Cookie": cookie, "HX-Request": "true", "Accept-Encoding": encoding})
        with urllib.request.urlopen(request) as response:
            sizes.append(len(response.read()))
    return sizes[0], sizes[1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--runs", type=int, default=1,
                        help="Lighthouse runs per page; the median is shown (the machine is shared)")
    parser.add_argument("--reports", help="folder where Lighthouse's JSON reports are kept")
    arguments = parser.parse_args()
    repo = arguments.repo.resolve()
    with tempfile.TemporaryDirectory() as folder:
        demo = prepare(repo, folder)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = serve(repo, demo["env"], port)
        try:
            cookie = sign_in(base, demo["uid"], demo["password"])
            print(f"Portail : {repo}")
            print(f"page | performance (médiane de {arguments.runs}) | octets transférés | requêtes | FCP (ms) | LCP (ms)")
            floor_url, floor_server = serve_floor(base, folder)
            scores, floors = {}, []
            for name in arguments.pages.split(","):
                path, signed = PAGES[name]
                runs = []
                for _ in range(arguments.runs):  # page and floor alternated
                    runs.append(lighthouse(base + path, cookie if signed else None,
                                           arguments.reports or folder, name))
                    if signed and "/connexion" in (runs[-1]["final"] or ""):
                        raise RuntimeError(f"{name} : redirigé vers la connexion")
                    floors.append(lighthouse(floor_url, None, folder, "floor"))
                runs.sort(key=lambda run: run["score"])
                scores[name] = measure = runs[len(runs) // 2]  # the median run
                print(f"{name} | {measure['score']} | {measure['bytes']} | {measure['requests']} | "
                      f"{measure['fcp']:.0f} | {measure['lcp']:.0f}")
            floor_server.shutdown()
            floor = sorted(floors, key=lambda run: run["fcp"])[len(floors) // 2]
            print(f"plancher (HTML seul, sans CSS ni script, médiane de {len(floors)}) : performance "
                  f"{floor['score']}, FCP {floor['fcp']:.0f} ms ; FCP des pages / FCP du plancher : "
                  + ", ".join(f"{name} {measure['fcp'] / floor['fcp']:.2f}"
                              for name, measure in scores.items()))
            for table in ("enrolments", "funding"):
                plain, packed = fragment_bytes(base, cookie, PAGES[table][0])
                print(f"fragment htmx du tableau {table} : {plain} octets, {packed} compressé "
                      f"(ratio {packed / plain:.2f})")
            if "landing" in scores:
                landing = scores["landing"]["bytes"]
                print(f"page d'accueil à froid : {landing} octets "
                      f"({landing / GOAL_LANDING_BYTES:.2f} × l'objectif de {GOAL_LANDING_BYTES})")
            low = [name for name, measure in scores.items() if measure["score"] < GOAL_SCORE]
            print("objectif performance ≥ 95 :", "atteint" if not low else f"manqué ({', '.join(low)})")
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main()
