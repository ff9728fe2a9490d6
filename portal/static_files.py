"""Static files: served by WhiteNoise in front of Flask (a static request never opens a database
connection, reads the session or sets a cookie), fingerprinted and precompressed at set-up.

`python -m portal.static_files` (run by scripts/setup.sh after the vendor copy) writes BUILD_DIR:
every file the portal serves under its own name AND under a content-hashed name
(`dsfr.min.css` -> `dsfr.min.1a2b3c4d5e6f.css`), url(...) references inside CSS rewritten to the
hashed names (as Django's ManifestStaticFilesStorage does), a `.br` and a `.gz` beside every text
file, the DSFR icon CSS reduced to the icons the portal uses, and manifest.json (name -> hashed
name). When that manifest exists, `url_for('static', ...)` returns hashed URLs, answered with
`Cache-Control: public, max-age=31536000, immutable`; plain names keep a short cache.
Without a build (tests, `flask run --debug`), the source folder is served under plain URLs."""
import gzip
import hashlib
import json
import os
import re
import shutil
import sys
from pathlib import Path

from whitenoise import WhiteNoise

PACKAGE_DIR = Path(__file__).resolve().parent
BUILD_DIR = PACKAGE_DIR / "static_build"
MANIFEST = "manifest.json"
SHORT_MAX_AGE = 300  # plain (unhashed) URLs: an upgrade shows within minutes
IMMUTABLE = "public, max-age=31536000, immutable"  # hashed URLs: their content never changes
ICONS_CSS = "vendor/dsfr/utility/icons/icons.min.css"
DSFR_CSS = "vendor/dsfr/dsfr.min.css"
# DSFR's build for current browsers (without the IE 11 "legacy" rules: 585 KB instead of 728 KB
# of CSS to download and parse before the first paint), delivered under dsfr.min.css.
DSFR_MAIN_CSS = PACKAGE_DIR.parent / "node_modules/@gouvfr/dsfr/dist/dsfr.main.min.css"
# Sources the pages never load: source maps, IE-only legacy builds, the utility bundles (the
# icon file above is rebuilt from DSFR's own icons.min.css), READMEs.
SKIPPED = re.compile(r"(\.map|\.md|\.legacy(\.min)?\.css)$|^vendor/dsfr/utility/(?!icons/icons\.min\.css$)")
COMPRESSIBLE = {".css", ".js", ".svg", ".json", ".txt", ".html", ".xml", ".ico", ".webmanifest"}
ICON_CLASS = re.compile(r"fr-icon-[a-z0-9]+(?:-[a-z0-9]+)*")
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")


# --- runtime ---------------------------------------------------------------------------------

def register_static_files(app) -> None:
    """WhiteNoise around the WSGI app (call last in create_app, so it is the outermost layer)."""
    build = app.config.get("STATIC_BUILD_DIR")
    if build is None and not (app.testing or app.debug):
        build = BUILD_DIR
    manifest = load_manifest(build)
    app.extensions["static_manifest"] = manifest
    prefix = app.static_url_path
    if manifest:
        hashed = {f"{prefix}/{name}" for name in manifest.values()}

        def headers(headers, path, url):
            _nosniff(headers, path, url)
            if url in hashed:
                headers["Cache-Control"] = IMMUTABLE

        whitenoise = WhiteNoise(app.wsgi_app, root=str(build), prefix=prefix, max_age=SHORT_MAX_AGE,
                                add_headers_function=headers)
    else:  # no build: the source folder, looked up per request (no scan of ~1 500 files per app)
        whitenoise = WhiteNoise(app.wsgi_app, root=app.static_folder, prefix=prefix,
                                max_age=SHORT_MAX_AGE, autorefresh=True, add_headers_function=_nosniff)
    app.wsgi_app = whitenoise
    app.url_defaults(_fingerprint)


def load_manifest(build) -> dict:
    if not build:
        return {}
    path = Path(build) / MANIFEST
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))["paths"]


def _fingerprint(endpoint, values) -> None:
    """url_for('static', filename=...) -> the hashed name when the build knows the file."""
    if endpoint != "static" or "filename" not in values:
        return
    from flask import current_app
    manifest = current_app.extensions.get("static_manifest")
    if manifest:
        values["filename"] = manifest.get(values["filename"], values["filename"])


def _nosniff(headers, path, url) -> None:
    headers["X-Content-Type-Options"] = "nosniff"


# --- build -----------------------------------------------------------------------------------

def used_icons(roots=(PACKAGE_DIR,)) -> set[str]:
    """Every fr-icon-* class written in the portal's templates, Python and JavaScript."""
    found = set()
    for root in roots:
        for path in Path(root).rglob("*"):
            if path.suffix in {".html", ".py", ".js"} and "static_build" not in path.parts \
                    and "vendor" not in path.parts:
                found.update(ICON_CLASS.findall(path.read_text(encoding="utf-8", errors="ignore")))
    return found


def reduce_icons_css(css: str, icons: set[str]) -> str:
    """DSFR's icons.min.css with only the rules (and selectors) of `icons`; @media blocks kept
    when they still hold a rule; DSFR's licence banner kept."""
    banner = re.match(r"\s*(/\*!.*?\*/)", css, flags=re.S)
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    out, position = [banner.group(1) + "\n"] if banner else [], 0
    media = re.compile(r"\s*(@media[^{]*)\{")
    rule = re.compile(r"\s*([^{}@]+)\{([^{}]*)\}")
    while position < len(css):
        opened = media.match(css, position)
        if opened:
            # a media block holds plain rules only: its end is the first "}" not closing a rule
            body, cursor = [], opened.end()
            while (found := rule.match(css, cursor)):
                body.append(_kept_rule(found, icons))
                cursor = found.end()
            position = css.index("}", cursor) + 1
            kept = "".join(body)
            if kept:
                out.append(f"{opened.group(1).strip()}{{{kept}}}")
            continue
        found = rule.match(css, position)
        if not found:
            if css[position:].strip():
                raise ValueError(f"icônes DSFR : CSS inattendue à la position {position}")
            break
        out.append(_kept_rule(found, icons))
        position = found.end()
    return "".join(out) + "\n"


def _kept_rule(found, icons) -> str:
    selectors = [s.strip() for s in found.group(1).split(",")]
    kept = [s for s in selectors if (m := ICON_CLASS.search(s)) and m.group(0) in icons]
    return f"{','.join(kept)}{{{found.group(2)}}}" if kept else ""


def build(source: Path, target: Path, icons: set[str] | None = None,
          dsfr_main: Path | None = DSFR_MAIN_CSS, compress: bool = True) -> dict:
    """Writes the fingerprinted, precompressed copy of `source` into `target` (replaced whole,
    through a temporary folder); returns the manifest."""
    source, target = Path(source), Path(target)
    icons = used_icons() if icons is None else icons
    contents = {}
    for directory, _, files in os.walk(source, followlinks=True):
        for name in files:
            path = Path(directory) / name
            relative = path.relative_to(source).as_posix()
            if not SKIPPED.search(relative):
                contents[relative] = path.read_bytes()
    if DSFR_CSS in contents and dsfr_main and Path(dsfr_main).is_file():
        contents[DSFR_CSS] = Path(dsfr_main).read_bytes()
    if ICONS_CSS in contents:
        contents[ICONS_CSS] = reduce_icons_css(contents[ICONS_CSS].decode("utf-8"), icons).encode()
    manifest = {}
    # CSS last: its url(...) references point at the other files' hashed names.
    for relative in sorted(contents, key=lambda name: name.endswith(".css")):
        if relative.endswith(".css"):
            contents[relative] = _rewrite_urls(relative, contents[relative], manifest)
        manifest[relative] = _hashed_name(relative, contents[relative])
    staging = target.with_name(target.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    for relative, data in contents.items():
        packed = _compressed(relative, data) if compress else {}
        for name in (relative, manifest[relative]):
            _write(staging / name, data, packed)
    (staging / MANIFEST).write_text(json.dumps({"version": 1, "paths": manifest}, indent=0,
                                               sort_keys=True), encoding="utf-8")
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)
    return manifest


def _hashed_name(relative: str, data: bytes) -> str:
    stem, dot, extension = relative.rpartition(".")
    digest = hashlib.md5(data, usedforsecurity=False).hexdigest()[:12]
    return f"{stem}.{digest}.{extension}" if dot else f"{relative}.{digest}"


def _rewrite_urls(relative: str, data: bytes, manifest: dict) -> bytes:
    base = Path(relative).parent

    def replace(match):
        quote, url = match.group(1), match.group(2).strip()
        if url.startswith(("data:", "http:", "https:", "//", "#", "/")):
            return match.group(0)
        path, suffix = re.match(r"([^?#]*)(.*)", url).groups()
        target = os.path.normpath(base / path).replace(os.sep, "/")
        if target not in manifest:
            return match.group(0)
        hashed = os.path.relpath(manifest[target], base.as_posix() or ".").replace(os.sep, "/")
        return f"url({quote}{hashed}{suffix}{quote})"

    return CSS_URL.sub(replace, data.decode("utf-8")).encode("utf-8")


def _compressed(relative: str, data: bytes) -> dict:
    """The .br and .gz versions of a text file, when they save more than 5 %."""
    if Path(relative).suffix not in COMPRESSIBLE or len(data) < 512:
        return {}
    import brotli
    packed = {".br": brotli.compress(data, quality=11),
              ".gz": gzip.compress(data, compresslevel=9, mtime=0)}
    return {suffix: bytes_ for suffix, bytes_ in packed.items() if len(bytes_) < len(data) * 0.95}


def _write(path: Path, data: bytes, packed: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    for suffix, bytes_ in packed.items():
        path.with_name(path.name + suffix).write_bytes(bytes_)


if __name__ == "__main__":
    built = build(PACKAGE_DIR / "static", BUILD_DIR)
    print(f"Fichiers statiques : {len(built)} empreintes dans {BUILD_DIR}", file=sys.stderr)
