"""benchmarks/ingest_cost: a child process measures the source tree it is given, not this checkout."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import ingest_cost


def test_a_tree_child_imports_ragnews_from_that_tree(tmp_path: Path) -> None:
    """Until session 10 the children ran `python -m` from this checkout, whose ragnews then shadowed the tree's:
    the trees comparison measured this tree against itself. A fake tree's ragnews must be the one imported."""
    (tmp_path / "ragnews").mkdir()
    (tmp_path / "ragnews" / "__init__.py").write_text('"""A stand-in tree."""\n', encoding="utf-8")
    assert Path(ingest_cost._child(["which"], tmp_path)["ragnews_from"]) == tmp_path / "ragnews"
    assert Path(ingest_cost._child(["which"])["ragnews_from"]) == ingest_cost.ROOT / "ragnews"


def test_a_child_that_imported_another_tree_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The parent checks where the child's ragnews came from, so a shadowed tree fails loudly."""
    (tmp_path / "ragnews").mkdir()
    (tmp_path / "ragnews" / "__init__.py").write_text("", encoding="utf-8")
    monkeypatch.setattr(ingest_cost, "_CHILD_START", "import runpy, sys; sys.path.insert(0, {root!r}); "
                        "runpy.run_module('benchmarks.ingest_cost', run_name='__main__', alter_sys=True)")  # the old, shadowing start
    with pytest.raises(RuntimeError, match="imported ragnews from"):
        ingest_cost._child(["which"], tmp_path)
