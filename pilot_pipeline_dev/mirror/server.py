"""The sample mirror: a real HTTP server on loopback serving `files/<host>/<path>`.

`PILOT_SOURCE_MIRROR=http://127.0.0.1:PORT` makes the downloader fetch
`https://www3.cde.ca.gov/a/b.txt` as `http://127.0.0.1:PORT/www3.cde.ca.gov/a/b.txt`. A query
string is part of the file name (`report?rid=dl1&tp=txt` is stored as `report__rid=dl1&tp=txt`).
The server sends ETag and Last-Modified and answers conditional requests with 304, like the real
hosts. Tests program faults per path (503, HTML challenge pages, truncated bodies, stalls, resets)
so the download path is exercised over a real socket.

Run it alone with `python -m pilot_pipeline_dev.mirror.server --port 8765`.
"""

from __future__ import annotations

import argparse
import hashlib
import mimetypes
import socket
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from pilot_pipeline.resources.mirror_layout import QUERY_SEPARATOR, mirror_path_for
from pilot_pipeline_dev import MIRROR_FILES_DIR

__all__ = ["QUERY_SEPARATOR", "Fault", "MirrorServer", "MirrorState", "mirror_path_for"]


@dataclass
class Fault:
    """One programmed misbehaviour for the next request of a path.

    kind: 'status' (send `status` with an empty body), 'html' (200 text/html challenge page),
    'redirect_html' (303 to an HTML challenge page), 'truncate' (promise the full length, send
    `keep` bytes, close), 'lying_length' (Content-Length larger than the body),
    'reset' (send part of the body, then an RST), 'stall' (sleep `seconds` before answering),
    'drip' (send one byte every `seconds`), 'empty' (200 with no body),
    'etag' (serve the normal bytes with a different ETag).
    """

    kind: str
    status: int = 503
    keep: int = 100
    seconds: float = 2.0


class MirrorState:
    """Request log and programmed faults, shared by the handler threads."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.lock = threading.Lock()
        self.faults: dict[str, deque[Fault]] = defaultdict(deque)
        self.requests: list[tuple[str, str, int]] = []  # (path, conditional header, status)
        self.overrides: dict[str, bytes] = {}

    def add_fault(self, relative_path: str, *faults: Fault) -> None:
        with self.lock:
            self.faults[relative_path].extend(faults)

    def next_fault(self, relative_path: str) -> Fault | None:
        with self.lock:
            queue = self.faults.get(relative_path)
            return queue.popleft() if queue else None

    def serve_bytes(self, relative_path: str, data: bytes) -> None:
        """Serve `data` for a path instead of the file (a changed or bad upstream file)."""
        with self.lock:
            self.overrides[relative_path] = data

    def log(self, path: str, conditional: str, status: int) -> None:
        with self.lock:
            self.requests.append((path, conditional, status))

    def statuses(self) -> list[int]:
        with self.lock:
            return [status for _, _, status in self.requests]


CHALLENGE_PAGE = (
    b"<!DOCTYPE html><html><head><title>Request Rejected</title></head><body>bot</body></html>"
)


class MirrorHandler(BaseHTTPRequestHandler):
    server_version = "pilot-mirror/1"
    protocol_version = "HTTP/1.1"
    state: MirrorState

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        relative = mirror_path_for(self.path)
        if relative.startswith("__challenge__"):
            return self._send(200, CHALLENGE_PAGE, "text/html; charset=utf-8", relative)
        data, mtime = self._content(relative)
        if data is None:
            return self._send(404, b"not found\n", "text/plain", relative)
        etag = '"' + hashlib.sha256(data).hexdigest()[:32] + '"'
        fault = self.state.next_fault(relative)
        if fault and fault.kind == "etag":
            etag, fault = '"changed-' + str(time.time_ns()) + '"', None
        conditional = (
            self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since") or ""
        )
        if fault is not None:
            return self._fault(fault, data, relative, conditional)
        if self._not_modified(etag, mtime):
            self.state.log(relative, conditional, 304)
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        content_type = mimetypes.guess_type(relative.split(QUERY_SEPARATOR)[0])[0] or "text/plain"
        headers = {"ETag": etag, "Last-Modified": formatdate(mtime, usegmt=True)}
        return self._send(200, data, content_type, relative, headers, conditional)

    def _content(self, relative: str) -> tuple[bytes | None, float]:
        override = self.state.overrides.get(relative)
        if override is not None:
            return override, time.time()
        target = (self.state.root / relative).resolve()
        if not target.is_relative_to(self.state.root.resolve()) or not target.is_file():
            return None, 0.0
        return target.read_bytes(), target.stat().st_mtime

    def _not_modified(self, etag: str, mtime: float) -> bool:
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            return etag in [tag.strip() for tag in if_none_match.split(",")]
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                return int(mtime) <= parsedate_to_datetime(since).timestamp()
            except (TypeError, ValueError):
                return False
        return False

    def _send(
        self,
        status: int,
        body: bytes,
        content_type: str,
        relative: str,
        headers: dict[str, str] | None = None,
        conditional: str = "",
    ) -> None:
        self.state.log(relative, conditional, status)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _fault(self, fault: Fault, data: bytes, relative: str, conditional: str) -> None:
        kind = fault.kind
        if kind == "status":
            return self._send(fault.status, b"", "text/plain", relative, {}, conditional)
        if kind == "html":
            return self._send(200, CHALLENGE_PAGE, "text/html", relative, {}, conditional)
        if kind == "empty":
            return self._send(200, b"", "text/plain", relative, {}, conditional)
        if kind == "redirect_html":
            self.state.log(relative, conditional, 303)
            self.send_response(303)
            self.send_header("Location", "/__challenge__/tspd")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if kind == "stall":
            time.sleep(fault.seconds)
            return self._send(200, data, "text/plain", relative, {}, conditional)
        self.state.log(relative, conditional, 200)
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        promised = len(data) + (1000 if kind == "lying_length" else 0)
        self.send_header("Content-Length", str(promised))
        self.end_headers()
        if kind == "drip":
            for byte in data:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(fault.seconds)
            return None
        self.wfile.write(data if kind == "lying_length" else data[: fault.keep])
        self.wfile.flush()
        if kind == "reset":
            # SO_LINGER 0 turns close() into a TCP RST: a connection reset mid-body.
            self.connection.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
            )
        self.close_connection = True
        return None


class MirrorServer:
    """A started mirror on 127.0.0.1; use as a context manager or call start()/stop()."""

    def __init__(self, root: Path = MIRROR_FILES_DIR, port: int = 0, host: str = "127.0.0.1"):
        self.state = MirrorState(Path(root))
        handler = type("BoundMirrorHandler", (MirrorHandler,), {"state": self.state})
        self.httpd = ThreadingHTTPServer((host, port), handler)
        self.httpd.daemon_threads = True
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> MirrorServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> MirrorServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve the sample mirror on loopback.")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--root", type=Path, default=MIRROR_FILES_DIR)
    args = parser.parse_args()
    server = MirrorServer(args.root, args.port)
    print(f"sample mirror serving {args.root} at {server.url}", flush=True)
    try:
        server.httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.httpd.server_close()


if __name__ == "__main__":
    main()
