"""The antivirus hook of storage: with `CLAMD_ADDRESS` set (« host:port », or the path of clamd's
unix socket), every upload is sent to clamd with its INSTREAM command before it is kept, and a
file clamd finds infected is refused. Without the setting nothing is scanned.

When clamd cannot answer, `CLAMD_FAIL_OPEN` decides: off by default (fail closed), the upload is
refused with a message asking to retry, since a hosting team that set up clamd wants no file kept
unscanned; on, the file is kept unscanned and the outage logged.

The protocol (clamd(8)): « zINSTREAM\\0 », then chunks each preceded by its length on 4 bytes
(network order), then a zero length; clamd answers « stream: OK\\0 », « stream: <name> FOUND\\0 »
or « … ERROR\\0 »."""
import logging
import socket
import struct

from flask import current_app

log = logging.getLogger(__name__)
CHUNK = 64 * 1024
INFECTED = ("Ce fichier est refusé : l'antivirus y a détecté un contenu malveillant. "
            "Vérifiez-le, puis déposez-en une copie saine.")
UNAVAILABLE = ("Le contrôle antivirus des fichiers est momentanément indisponible : "
               "réessayez dans quelques minutes.")


class Unavailable(OSError):
    """clamd did not answer, or answered an error."""


def _connect(address: str, timeout: float) -> socket.socket:
    if address.startswith("/") or address.startswith("unix:"):
        family, target = socket.AF_UNIX, address.removeprefix("unix:")
    else:
        host, _, port = address.rpartition(":")
        family, target = socket.AF_INET, (host.strip("[]") or "127.0.0.1", int(port))
        if ":" in target[0]:
            family = socket.AF_INET6
    connection = socket.socket(family, socket.SOCK_STREAM)
    connection.settimeout(timeout)
    connection.connect(target)
    return connection


def scan(address: str, content: bytes, timeout: float = 10.0) -> str | None:
    """The name of what clamd found in `content`, or None when it is clean. Raises Unavailable."""
    try:
        with _connect(address, timeout) as connection:
            connection.sendall(b"zINSTREAM\0")
            for start in range(0, len(content), CHUNK):
                chunk = content[start:start + CHUNK]
                connection.sendall(struct.pack("!L", len(chunk)) + chunk)
            connection.sendall(struct.pack("!L", 0))
            answer = b""
            while not answer.endswith(b"\0"):
                received = connection.recv(4096)
                if not received:
                    break
                answer += received
    except (OSError, ValueError) as exc:
        raise Unavailable(f"clamd at {address}: {exc}") from exc
    reply = answer.rstrip(b"\0").decode("utf-8", "replace").strip()
    if reply.endswith("OK"):
        return None
    if reply.endswith("FOUND"):
        return reply.removeprefix("stream:").removesuffix("FOUND").strip()
    raise Unavailable(f"clamd at {address} answered {reply!r}")


def refusal(content: bytes) -> str | None:
    """The French reason to refuse this upload, or None to keep it."""
    config = current_app.config
    address = config.get("CLAMD_ADDRESS")
    if not address:
        return None
    try:
        found = scan(address, content, float(config.get("CLAMD_TIMEOUT") or 10))
    except Unavailable as exc:
        if config.get("CLAMD_FAIL_OPEN"):
            log.error("Upload kept unscanned (CLAMD_FAIL_OPEN): %s", exc)
            return None
        log.error("Upload refused, antivirus unavailable: %s", exc)
        return UNAVAILABLE
    if found:
        log.warning("Upload refused by the antivirus: %s", found)
        return INFECTED
    return None
