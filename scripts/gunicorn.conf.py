"""Gunicorn settings of the run command (scripts/run.sh) and of the load bench
(scripts/bench_load.py), so that the bench measures the server as it ships.
WEB_WORKERS and WEB_THREADS override the processes and the threads of each."""
import os

workers = int(os.environ.get("WEB_WORKERS") or 2)
threads = int(os.environ.get("WEB_THREADS") or 4)
accesslog = "-"
# PostgreSQL: one pooled connection per thread, and one for the odd call outside a request.
os.environ.setdefault("DATABASE_POOL_SIZE", str(threads + 1))
