"""Serve Ralph's LRS API on loopback, its file-system backend appending statements.

Run by ``start_lrs.sh`` with the Python of ``.venv-lrs`` (Ralph is not in the app's
``.venv``), configured by the ``RALPH_*`` variables that script exports.

One fix to Ralph 5.1.0 (4.x has the same code): its ``FSLRSBackend`` writes with the
file-system data backend's default operation, CREATE, which refuses an existing file,
so only the first write succeeds and every later PUT or POST answers 500 ("fs_lrs.jsonl
already exists and overwrite is not allowed"). An LRS file store must append. The HTTP
API, validation, authentication and duplicate-id checks are Ralph's own, unchanged.

Usage: python tests/lrs/server.py PORT
"""

import sys

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend


def main(port: int) -> None:
    """Patch the backend's write mode, then import the app (it reads its settings)."""
    FSLRSBackend.default_operation_type = BaseOperationType.APPEND
    from ralph.api import app

    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


if __name__ == "__main__":
    main(int(sys.argv[1]))
