"""The PostgreSQL databases of the test run: one per xdist worker (`test_gw0`, …), and its
templates, each test starting from a copy of one (tests/conftest.py). Statements run on the
server's maintenance database, `postgres`: a database being dropped or copied must have no
connection."""
import os

_connections = {}


def name_of(url: str) -> str:
    return url.rpartition("/")[2]


def _server(url: str):
    base = url.rpartition("/")[0]
    if base not in _connections:
        import psycopg2
        connection = psycopg2.connect(f"{base}/postgres")
        connection.autocommit = True
        with connection.cursor() as cursor:  # a copy is not waited for on disk: nothing to keep
            cursor.execute("SET synchronous_commit = off")
        _connections[base] = connection
    return _connections[base].cursor()


def create(url: str, name: str) -> str:
    """An empty database `name` on the server of `url` (dropped first if it exists)."""
    with _server(url) as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    return f"{url.rpartition('/')[0]}/{name}"


def copy(template: str, url: str) -> str:
    """The database of `url`, replaced by a copy of `template`'s."""
    with _server(url) as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name_of(url)}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name_of(url)}" TEMPLATE "{name_of(template)}"')
        # A test's commits are not waited for on disk either (a crash loses nothing that matters).
        cursor.execute(f'ALTER DATABASE "{name_of(url)}" SET synchronous_commit = off')
    return url


def of_worker(url: str) -> str:
    """Under pytest-xdist each worker has its own database, `<name>_<worker>`, created as needed
    from the server of TEST_DATABASE_URL."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return url
    name = f"{name_of(url)}_{worker}"
    with _server(url) as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    return f"{url.rpartition('/')[0]}/{name}"
