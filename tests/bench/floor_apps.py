"""The two floors the lesson page is measured against, serving the same bytes.

``flask_floor``: a minimal Flask app (the framework's floor).
``wsgi_floor``: a bare WSGI function (the server's floor).
"""

import os
from pathlib import Path

from flask import Flask, Response

BODY = Path(os.environ["BENCH_BODY_FILE"]).read_bytes()

flask_floor = Flask(__name__)


@flask_floor.get("/")
def page():
    return Response(BODY, mimetype="text/html")


def wsgi_floor(environ, start_response):
    start_response(
        "200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(BODY)))]
    )
    return [BODY]
