"""The database connections: a pool (a request takes a connection and gives it back, a connection
the server dropped is replaced); on SQLite `PRAGMA optimize` as a connection closes, so that the
query planner keeps statistics without anyone running ANALYZE."""
import sqlite3

import psycopg2
import pytest
from peewee import SqliteDatabase

from portal.extensions import db, open_database


@pytest.fixture
def pool(app):
    return db.database


def idle_connections(pool):
    """The connections waiting in the pool."""
    return [connection for _, _, connection in pool._connections]


def idle_backends(pool):
    """The PostgreSQL server processes of the connections waiting in the pool."""
    return [connection.get_backend_pid() for connection in idle_connections(pool)]


def test_requests_share_one_connection(client, pool):
    assert client.get("/").status_code == 200
    first = idle_connections(pool)
    assert client.get("/").status_code == 200
    assert client.get("/").status_code == 200
    assert idle_connections(pool) == first and len(first) == 1
    assert not pool._in_use


def test_a_dropped_connection_is_replaced(client, pool, postgres_url):
    if not postgres_url:
        pytest.skip("PostgreSQL only (TEST_DATABASE_URL)")
    assert client.get("/").status_code == 200
    [dropped] = idle_backends(pool)
    admin = psycopg2.connect(postgres_url)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", (dropped,))
    admin.close()
    assert client.get("/").status_code == 200
    [replacement] = idle_backends(pool)
    assert replacement != dropped


def test_a_transaction_left_open_is_rolled_back(app, pool):
    with app.app_context():
        pool.connect()
        pool.execute_sql("CREATE TABLE IF NOT EXISTS pool_probe (id integer)")
        pool.execute_sql("BEGIN IMMEDIATE" if isinstance(pool.obj, SqliteDatabase) else "BEGIN")
        pool.execute_sql("INSERT INTO pool_probe VALUES (1)")
        pool.close()  # as FlaskDB's teardown, the transaction never committed
        pool.connect()
        assert pool.execute_sql("SELECT count(*) FROM pool_probe").fetchone()[0] == 0
        pool.close()


def test_pool_size_from_configuration(app, pool):
    assert pool._max_connections == app.config["DATABASE_POOL_SIZE"]
    assert pool._stale_timeout == app.config["DATABASE_POOL_STALE_TIMEOUT"]


def test_sqlite_statistics_kept_at_close(tmp_path):
    path = tmp_path / "optimize.sqlite3"
    database = open_database(f"sqlite:///{path}")
    database.connect()
    database.execute_sql("CREATE TABLE item (id INTEGER PRIMARY KEY, code TEXT)")
    database.execute_sql("CREATE INDEX item_code ON item (code)")
    with database.atomic():
        for i in range(500):
            database.execute_sql("INSERT INTO item (code) VALUES (?)", (f"c{i % 50}",))
    database.execute_sql("SELECT id FROM item WHERE code = 'c3'").fetchall()
    database.close()  # back to the pool, still open
    raw = sqlite3.connect(path)
    assert not raw.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchall()
    database.close_all()  # as when it outlives DATABASE_POOL_STALE_TIMEOUT
    assert raw.execute("SELECT tbl, idx FROM sqlite_stat1").fetchall() == [("item", "item_code")]
    raw.close()
