"""The load bench (scripts/bench_load.py) runs against gunicorn for a second and prints, for the
portal and the bare WSGI floor, throughput, median, p95, errors and CPU per request, and their
ratios."""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIGURES = r"(\d+) req/s, ([\d.]+), ([\d.]+), (\d+)"


def test_load_bench_prints_its_figures(postgres_url):
    if not shutil.which("wrk"):
        if os.environ.get("CI"):
            pytest.fail("wrk manquant : scripts/test.sh l'installe (apt-get install -y wrk)")
        pytest.skip("wrk missing: apt-get install -y wrk")
    command = [sys.executable, "scripts/bench_load.py", "--seconds", "1", "--levels", "4",
               "--requests", "300"] + (["--postgres", postgres_url] if postgres_url else [])
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    line = re.search(rf"^4 \| {FIGURES} \| {FIGURES} \| ([\d.]+) \| ([\d.]+), ([\d.]+), ([\d.]+)$",
                     run.stdout, re.MULTILINE)
    assert line, run.stdout
    portal, floor = line.groups()[:4], line.groups()[4:8]
    for rps, median, p95, errors in (portal, floor):
        assert int(rps) > 0 and 0 < float(median) <= float(p95)
        assert errors == "0"
    assert float(line.group(9)) == pytest.approx(int(floor[0]) / int(portal[0]), rel=0.1)
    cpu_portal, cpu_floor, cpu_ratio = map(float, line.groups()[9:])
    assert 0 < cpu_floor < cpu_portal and cpu_ratio == pytest.approx(cpu_portal / cpu_floor, rel=0.1)
    assert "erreurs : 0" in run.stdout
