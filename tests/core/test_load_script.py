"""The load bench (scripts/bench_load.py) runs against gunicorn for a second and prints, for the
portal, the bare WSGI floor and a bare Flask app, throughput, median, p95, errors and CPU per
request, and the ratios of the floors' throughputs to the portal's."""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIGURES = r"(\d+) req/s, ([\d.]+), ([\d.]+), (\d+), ([\d.]+)"


def test_load_bench_prints_its_figures(postgres_url):
    if not shutil.which("wrk"):
        if os.environ.get("CI"):
            pytest.fail("wrk manquant : scripts/test.sh l'installe (apt-get install -y wrk)")
        pytest.skip("wrk missing: apt-get install -y wrk")
    command = [sys.executable, "scripts/bench_load.py", "--seconds", "1", "--levels", "4",
               "--requests", "300"] + (["--postgres", postgres_url] if postgres_url else [])
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    line = re.search(rf"^4 \| {FIGURES} \| {FIGURES} \| {FIGURES} \| ([\d.]+) \| ([\d.]+)$",
                     run.stdout, re.MULTILINE)
    assert line, run.stdout
    portal, floor, flask = (line.groups()[i:i + 5] for i in (0, 5, 10))
    for rps, median, p95, errors, cpu in (portal, floor, flask):
        assert int(rps) > 0 and 0 < float(median) <= float(p95) and float(cpu) > 0
        assert errors == "0"
    assert float(line.group(16)) == pytest.approx(int(floor[0]) / int(portal[0]), rel=0.1)
    assert float(line.group(17)) == pytest.approx(int(flask[0]) / int(portal[0]), rel=0.1)
    assert float(floor[4]) < float(portal[4])  # the portal's request costs more CPU than nothing
    assert "erreurs : 0" in run.stdout
