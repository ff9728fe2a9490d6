"""The managers' tools bench (scripts/bench_manager_tools.py) runs with a few rows and prints its
figures: the XLSX export against xlsxwriter on the bare driver (time, peak RSS), and the
dashboard against the same SQL on the bare driver (median, p95, ratios)."""
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TIMES = r"([\d.]+) \(([\d.]+)\) \| ([\d.]+) \(([\d.]+)\) \| ([\d.]+) \| ([\d.]+)"


def test_the_bench_prints_its_figures(postgres_url):
    command = [sys.executable, "scripts/bench_manager_tools.py", "--rows", "60",
               "--repetitions", "2"] + (["--postgres", postgres_url] if postgres_url else [])
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert re.search(rf"^horloge \| {TIMES}$", run.stdout, re.MULTILINE), run.stdout
    for name in ("portail", "plancher"):
        assert re.search(rf"^{name} \| \d+ \| \d+ \| [\d.]+$", run.stdout, re.MULTILINE)
    dashboards = re.findall(rf"^  horloge \| {TIMES}$", run.stdout, re.MULTILINE)
    assert len(dashboards) == 3 and all(float(median) > 0 for median, *_ in dashboards)
    assert "(5 requêtes SQL)" in run.stdout
