"""VCR configuration for tests that replay recorded LLM traffic (see tests/cassettes/README.md)."""

from __future__ import annotations

import os
from pathlib import Path

import vcr

CASSETTES = Path(__file__).resolve().parent / "cassettes"
SECRET_HEADERS = ["authorization", "api-key", "x-api-key", "openai-organization"]
MATCH_ON = ["method", "scheme", "host", "port", "path", "body"]


def recording() -> bool:
    """Return True when RAGNEWS_RECORD=1 asks to record new cassettes."""
    return os.environ.get("RAGNEWS_RECORD") == "1"


def vcr_for(name: str) -> vcr.VCR:
    """Return a VCR for cassette NAME: replay-only unless RAGNEWS_RECORD=1, secrets never stored.

    RAGNEWS_RECORD=new records only the requests the cassette does not hold yet and drops the ones
    no longer made (a later turn of a conversation changed; the earlier replies stay as recorded).
    """
    if os.environ.get("RAGNEWS_RECORD") == "new":
        return vcr.VCR(cassette_library_dir=str(CASSETTES), record_mode="new_episodes", drop_unused_requests=True,
                       filter_headers=SECRET_HEADERS, match_on=MATCH_ON, decode_compressed_response=True,
                       path_transformer=vcr.VCR.ensure_suffix(".yaml"), func_path_generator=lambda _function: f"{name}.yaml")
    return vcr.VCR(
        cassette_library_dir=str(CASSETTES),
        record_mode="once" if recording() else "none",
        filter_headers=SECRET_HEADERS,
        match_on=MATCH_ON,
        decode_compressed_response=True,
        path_transformer=vcr.VCR.ensure_suffix(".yaml"),
        func_path_generator=lambda _function: f"{name}.yaml",
    )
