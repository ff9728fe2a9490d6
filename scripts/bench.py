"""Measure the enrolment wizard: bytes of each step's fragment against its full page, and the
median server time of each step's POST (htmx), through the Flask test client on a temporary
SQLite database with the demo data.  Usage: .venv/bin/python scripts/bench.py [repetitions]"""
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from portal import create_app, migrations  # noqa: E402
from portal.extensions import db  # noqa: E402
from tests.helpers.constants import CAPTCHA  # noqa: E402
from tests.helpers.enrolment import Wizard, step_url  # noqa: E402


class TimedWizard(Wizard):
    """Keeps the server time of the last POST."""

    def post(self, url, data, htmx=False):
        started = time.perf_counter()
        response = super().post(url, data, htmx)
        self.last = (url, time.perf_counter() - started, response.status_code)
        return response


def make_app(folder: str, database_url: str | None = None):
    """The portal with the demo data, on a temporary SQLite file or on `database_url`."""
    app = create_app({"TESTING": True, "SECRET_KEY": "bench", "HUEY_IMMEDIATE": True,
                      "DATABASE_URL": database_url or f"sqlite:///{folder}/bench.sqlite3",
                      "UPLOAD_DIR": f"{folder}/uploads", "CAPTCHA_TEST_ANSWER": CAPTCHA})
    with app.app_context(), db.database.connection_context():
        migrations.upgrade(db.database)
    assert app.test_cli_runner().invoke(args=["load-demo"]).exit_code == 0
    return app


def main(repetitions: int = 30):
    with tempfile.TemporaryDirectory() as folder:
        app = make_app(folder)
        print("Étape | page entière (octets) | fragment htmx (octets) | POST htmx, médiane (ms)")
        for step in range(1, 6):
            times = []
            for _ in range(repetitions):
                wizard = TimedWizard(app.test_client())
                wizard.reach(step)
                if not times:
                    page = len(wizard.open(step).get_data())
                    fragment = len(wizard.open(step, htmx=True).get_data())
                getattr(wizard, f"step{step}")(htmx=True)
                url, elapsed, status = wizard.last
                assert url == step_url(step) and status == 204, (url, status)
                times.append(elapsed * 1000)
            print(f"{step} | {page} | {fragment} | {statistics.median(times):.1f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
