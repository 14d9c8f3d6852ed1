"""The built wheel works on its own: installed into a fresh venv, run from a folder outside the repository.

Offline and fast: the wheel is built without build isolation, installed with --no-deps
--no-index, and the venv borrows this interpreter's installed dependencies through a .pth
file (a .pth line adds a folder to sys.path without running the .pth files inside it, so the
development checkout's editable ragnews is not picked up).
"""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(args: list[str | Path], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run a command, failing the test with its output when it fails."""
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{args[:4]} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv holding only the built ragnews wheel, dependencies borrowed from this interpreter; returns its bin/."""
    tmp = tmp_path_factory.mktemp("wheel")
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q", "-w", tmp / "dist", ROOT], tmp)
    wheel = next((tmp / "dist").glob("ragnews-*.whl"))
    venv = tmp / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], tmp)
    python = venv / "bin" / "python"
    purelib = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], tmp).stdout.strip())
    (purelib / "_borrowed_deps.pth").write_text("\n".join(site.getsitepackages()) + "\n", encoding="utf-8")
    _run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "-q", wheel], tmp)
    return venv / "bin"


def _env(tmp: Path) -> dict[str, str]:
    """The environment of a user outside the repository: no PYTHONPATH, homes and caches under tmp."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH" and not k.startswith("RAGNEWS_")}
    env.update(XDG_CACHE_HOME=str(tmp / "cache"), XDG_DATA_HOME=str(tmp / "data"))
    return env


@pytest.mark.slow
def test_installed_wheel_imports_its_own_copy_and_lists_the_suites(installed: Path, tmp_path: Path) -> None:
    where = _run([installed / "python", "-c", "import ragnews; print(ragnews.__file__)"], tmp_path, _env(tmp_path)).stdout
    assert str(installed.parent) in where and str(ROOT) not in where
    help_text = _run([installed / "ragnews", "eval", "--help"], tmp_path, _env(tmp_path)).stdout
    assert "examples:" in help_text and "tac2011:" in help_text


@pytest.mark.slow
def test_installed_wheel_runs_the_examples_suite_from_another_folder(installed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    args: list[str | Path] = ["eval", "examples", "--limit", "2", "--out", out, "--home", tmp_path / "home"]
    _run([installed / "ragnews", *args], tmp_path, _env(tmp_path))
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert results["config"]["questions"] == 2 and results["metrics"]["hybrid"]["hit@5"] is not None
    data = tmp_path / "mine"  # the same data passed by path
    data.mkdir()
    (data / "articles").symlink_to(ROOT / "ragnews" / "eval" / "data" / "examples" / "articles")
    (data / "questions.jsonl").write_text((ROOT / "ragnews" / "eval" / "data" / "examples" / "questions.jsonl")
                                          .read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    _run([installed / "ragnews", "eval", "examples", "--data", data, "--out", tmp_path / "out2", "--home", tmp_path / "home"],
         tmp_path, _env(tmp_path))
    assert json.loads((tmp_path / "out2" / "results.json").read_text(encoding="utf-8"))["config"]["questions"] == 1
