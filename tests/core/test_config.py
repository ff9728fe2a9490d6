"""One configuration loader for the app and the worker: defaults <- instance/config.py <- the
environment (the worker's Redis queue and the app's rate limiter read the same REDIS_URL)."""
from portal import config, tasks


def test_instance_file_then_environment_override_the_defaults(tmp_path, monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.delenv("MAIL_PORT", raising=False)
    assert config.load(str(tmp_path))["REDIS_URL"] is None
    (tmp_path / "config.py").write_text('REDIS_URL = "redis://fichier:6379/0"\nMAIL_PORT = 2525\n')
    loaded = config.load(str(tmp_path))
    assert (loaded["REDIS_URL"], loaded["MAIL_PORT"]) == ("redis://fichier:6379/0", 2525)
    assert loaded["UPLOAD_DIR"] == str(tmp_path / "uploads")  # the defaults stay
    monkeypatch.setenv("REDIS_URL", "redis://environnement:6379/1")
    assert config.load(str(tmp_path))["REDIS_URL"] == "redis://environnement:6379/1"


def test_the_worker_reads_the_same_loader():
    assert tasks._settings.root_path == config.instance_path()
    assert tasks._settings["REDIS_URL"] == config.load()["REDIS_URL"]
