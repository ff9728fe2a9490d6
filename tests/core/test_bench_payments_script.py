"""The payment batch bench (scripts/bench_payments.py) runs on a small batch and prints, for the
portal and its floor (sepaxml alone), the median and p95, their ratios and the memory peaks."""
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_payment_bench_prints_its_figures(postgres_url):
    command = [sys.executable, "scripts/bench_payments.py", "20", "-r", "2"] + (
        [postgres_url] if postgres_url else [])
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    batch = re.search(r"^lot \| (\d+) \((\d+)\) \| (\d+) \((\d+)\) \| ([\d.]+) \| ([\d.]+)$",
                      run.stdout, re.MULTILINE)
    assert batch, run.stdout
    median, floor_median, p95, floor_p95 = map(int, batch.groups()[:4])
    assert 0 < median <= p95 and 0 < floor_median <= floor_p95
    memory = re.search(r"portail ([\d.]+) Mio \| plancher ([\d.]+) Mio", run.stdout)
    assert memory and float(memory.group(1)) > 0 and float(memory.group(2)) > 0, run.stdout
