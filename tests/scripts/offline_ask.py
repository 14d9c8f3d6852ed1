"""Ingest a folder and ask one question; run by tests/test_ingest.py inside a network namespace.

Usage: python offline_ask.py HOME PATH QUESTION [--probe]
The test starts it under `unshare -rn` (no network device but a downed loopback) with
tests/scripts/netaudit on PYTHONPATH, whose sitecustomize logs every connection attempt.
--probe first makes one deliberate connect, to prove the attempts are counted. Prints one JSON
line: new articles, failed files and the answer.
"""

from __future__ import annotations

import json
import socket
import sys
from pathlib import Path


def main() -> None:
    home, path, question = sys.argv[1:4]
    if "--probe" in sys.argv:
        try:
            socket.create_connection(("93.184.216.34", 80), timeout=1)
        except OSError:
            pass
    from ragnews import NewsRAG, Settings

    with NewsRAG(settings=Settings(home=Path(home), chroma_url=None, ingest_workers=2)) as rag:
        report = rag.ingest(path)
        answer = rag.ask(question)
    print(json.dumps({"new": report.summary()["new"], "failed": len(report.failed), "answer": answer.answer}))


if __name__ == "__main__":
    main()
