"""Fixtures of the notification tests: inline jobs, a fake group-robot receiver on loopback."""

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Receiver:
    """A loopback HTTP server that records what robots are sent and answers from a script."""

    url: str
    received: list[dict] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    answers: list[tuple[int, dict]] = field(default_factory=list)  # consumed in order; then 200 errcode 0


@pytest.fixture(autouse=True)
def _inline_jobs(settings):
    """Run queued jobs inline, send mail to Django's locmem outbox, and turn e-mail on."""
    settings.LANTU_JOBS_SYNC = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.LANTU_EMAIL = True
    settings.LANGUAGE_CODE = "zh-hans"


@pytest.fixture
def receiver():
    """Serve a fake WeCom/DingTalk robot on 127.0.0.1."""
    state: dict = {}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            rec = state["receiver"]
            rec.paths.append(self.path)
            rec.received.append(json.loads(body.decode("utf-8")))
            status, answer = rec.answers.pop(0) if rec.answers else (200, {"errcode": 0, "errmsg": "ok"})
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state["receiver"] = Receiver(url=f"http://127.0.0.1:{server.server_address[1]}/robot/send?access_token=t")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state["receiver"]
    server.shutdown()
    server.server_close()
