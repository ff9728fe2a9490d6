"""Real portal processes for multi-host tests: gunicorn app servers and a huey worker started
from this checkout with a given environment, a tiny HTTP client with a cookie jar (shared by
every host of 127.0.0.1, as a browser behind one proxy would share its cookies), and waits that
poll states, never fixed sleeps."""
import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Process:
    """A subprocess with its output in a log file, stopped (then killed) at the end."""

    def __init__(self, name: str, args: list[str], env: dict, log_dir: Path):
        self.name = name
        self.log = log_dir / f"{name}.log"
        self._out = open(self.log, "wb")
        self.popen = subprocess.Popen(args, cwd=ROOT, env={**os.environ, **env},
                                      stdout=self._out, stderr=subprocess.STDOUT)

    def output(self) -> str:
        self._out.flush()
        return self.log.read_text(errors="replace")[-4000:]

    def stop(self):
        if self.popen.poll() is None:
            self.popen.terminate()
            try:
                self.popen.wait(15)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(5)
        self._out.close()


def app_server(name: str, port: int, env: dict, log_dir: Path) -> Process:
    return Process(name, [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}",
                          "--workers", "1", "--threads", "4", "wsgi:app"], env, log_dir)


def worker(env: dict, log_dir: Path) -> Process:
    return Process("worker", [sys.executable, "-m", "huey.bin.huey_consumer", "portal.tasks.huey",
                              "--workers", "2"], env, log_dir)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Answer:
    def __init__(self, status: int, headers, body: bytes):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


class Browser:
    """Cookies kept across requests and across hosts (ports) of 127.0.0.1; redirects not
    followed, so that each answer is seen."""

    def __init__(self):
        self.cookies = http.cookiejar.CookieJar()
        self._opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies),
                                                   _NoRedirect)

    def request(self, url: str, data: bytes | None = None, headers: dict | None = None,
                timeout: float = 30) -> Answer:
        request = urllib.request.Request(url, data=data, headers=headers or {})
        try:
            with self._opener.open(request, timeout=timeout) as response:
                return Answer(response.status, response.headers, response.read())
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.headers, error.read())

    def get(self, url: str) -> Answer:
        return self.request(url)

    def token(self, url: str) -> str:
        return CSRF.search(self.get(url).text).group(1)

    def post(self, url: str, fields: dict, files: dict | None = None) -> Answer:
        """A form as a browser posts it: urlencoded, or multipart with `files`
        ({name: (filename, bytes, content type)})."""
        fields = {"csrf_token": self.token(url), **fields}
        if not files:
            return self.request(url, urllib.parse.urlencode(fields).encode(),
                                {"Content-Type": "application/x-www-form-urlencoded"})
        boundary = "portal-test-boundary"
        parts = []
        for name, value in fields.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                         f"{value}\r\n".encode())
        for name, (filename, content, content_type) in files.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                         f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
                         + content + b"\r\n")
        parts.append(f"--{boundary}--\r\n".encode())
        return self.request(url, b"".join(parts),
                            {"Content-Type": f"multipart/form-data; boundary={boundary}"})


def wait_until(check, timeout: float, what: str, interval: float = 0.2):
    """Poll `check()` until it returns something true; fail saying `what` after `timeout`."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = check()
        except OSError as error:  # not listening yet
            last = error
        else:
            if last:
                return last
        time.sleep(interval)
    raise AssertionError(f"{what}: not reached after {timeout} s (last: {last!r})")
