"""Count network attempts in every Python process started with this folder on PYTHONPATH.

Used by tests/test_ingest.py's offline test: Python imports `sitecustomize` at start-up, so the
audit hook is in the ingest's spawned worker processes too, not only in the main one. An audit
hook sees every socket connect and host name lookup, from any library, before the OS refuses
it, so the log holds attempts, not successes. One line per attempt is appended to the file
named by RAGNEWS_TEST_NETLOG (append: several processes share it).
"""

from __future__ import annotations

import os
import socket
import sys
from typing import Any

_LOG = os.environ.get("RAGNEWS_TEST_NETLOG")


def _audit(event: str, args: tuple[Any, ...]) -> None:
    """Log connects of internet sockets (unix sockets are local files) and host name lookups."""
    if event == "socket.connect" and args[0].family in (socket.AF_INET, socket.AF_INET6):
        line = f"{os.getpid()} connect {args[1]!r}\n"
    elif event == "socket.getaddrinfo":
        line = f"{os.getpid()} getaddrinfo {args[0]!r}\n"
    else:
        return
    with open(_LOG or os.devnull, "a", encoding="utf-8") as fh:
        fh.write(line)


if _LOG:
    sys.addaudithook(_audit)
