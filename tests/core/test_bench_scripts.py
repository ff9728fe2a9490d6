"""The benchmark scripts run with a few rows and finish: a bench whose floor drifted from what the
portal writes (a column added to the export, say) stops with its figures unprinted."""
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCHES = {
    "bench_export.py": (["--rows", "40", "--repetitions", "2"], "--postgres",
                        "Fichier identique des deux côtés"),
    "bench_funding.py": (["40", "-r", "2"], None, "Coût fixe d'une requête htmx"),
    "bench_imports.py": (["--imports", "30", "--repetitions", "2"], "--postgres",
                         "Gérer mes importations JSONs"),
}


@pytest.mark.parametrize("script", sorted(BENCHES))
def test_the_bench_runs_and_prints_its_ratios(script, postgres_url):
    args, option, printed = BENCHES[script]
    database = ([option, postgres_url] if option else [postgres_url]) if postgres_url else []
    run = subprocess.run([sys.executable, f"scripts/{script}", *args, *database], cwd=ROOT,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert printed in run.stdout, run.stdout[-3000:]
