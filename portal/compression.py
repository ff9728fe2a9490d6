"""HTML pages and htmx fragments compressed (brotli, else gzip) above ~500 bytes: a table
keystroke's 18 KB fragment travels as ~2 KB. Streamed answers (CSV exports, downloaded
documents) are left as they are, so their first bytes still leave before the last row is read.
Static files never get here: WhiteNoise serves their precompressed copies (portal/static_files.py)."""
from flask_compress import Compress

compress = Compress()

SETTINGS = {
    "COMPRESS_ALGORITHM": ["br", "gzip"],
    "COMPRESS_BR_LEVEL": 4,   # per response: fast, still close to gzip -9
    "COMPRESS_LEVEL": 6,
    "COMPRESS_MIN_SIZE": 500,
    "COMPRESS_STREAMS": False,
}


def register_compression(app) -> None:
    for name, value in SETTINGS.items():
        app.config.setdefault(name, value)
    compress.init_app(app)
