"""A static file server for dist/, optionally under a sub-path (as on GitHub Pages)."""
from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".wasm": "application/wasm",
    ".zip": "application/zip",
    ".whl": "application/zip",
    ".woff2": "font/woff2",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".py": "text/x-python; charset=utf-8",
    ".ipynb": "application/x-ipynb+json",
}


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}
    prefix = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_prefix__")
        return super().translate_path("/" + path[len(self.prefix):])

    def log_message(self, format, *args):  # quiet: tests and the benchmark read stdout
        pass

    def end_headers(self) -> None:
        # A second visit reuses the runtime without asking again (its files change only
        # with a pinned version); the course's own files are revalidated (304) each time.
        if "/site/vendor/" in self.path:
            self.send_header("Cache-Control", "public, max-age=86400")
        else:
            self.send_header("Cache-Control", "no-cache")
        super().end_headers()


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """A browser that closes a connection mid-download (a page left, a test ended) is
        normal, not an error worth a traceback; anything else is still reported."""
        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError, ConnectionAbortedError)):
            return
        super().handle_error(request, client_address)


class SiteServer:
    """Serve ``root`` at http://127.0.0.1:<port><prefix> in a background thread."""

    def __init__(self, root: Path, prefix: str = "/", port: int = 0, host: str = "127.0.0.1"):
        prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
        handler = functools.partial(type("SiteHandler", (Handler,), {"prefix": prefix}), directory=str(root))
        self.httpd = QuietServer((host, port), handler)
        self.url = f"http://{host}:{self.httpd.server_address[1]}{prefix}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "SiteServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
