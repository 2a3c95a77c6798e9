"""Both source documents meet the extraction quality bar of score.py."""

import importlib.util
from pathlib import Path

import pytest

from lantu.core.extraction import extract, to_contract

ROOT = Path(__file__).resolve().parents[3]
# Prefer ../shared beside the checkout; fall back to the copies kept in the repository (e.g. in CI).
SHARED = ROOT.parent / "shared"
if not (SHARED / "extraction" / "score.py").exists():
    SHARED = ROOT / "tests" / "fixtures" / "shared"
TEXTS = ROOT / "lantu" / "demo" / "texts"
DOCS = ["changji-15th-fyp-plenary-2025-11", "changji-model-prefecture-yearend-2024"]


def _score_module():
    path = SHARED / "extraction" / "score.py"
    if not path.exists():
        pytest.fail(f"{path} is missing")
    spec = importlib.util.spec_from_file_location("lantu_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", DOCS)
def test_source_document_meets_the_quality_bar(name):
    import json

    score = _score_module()
    text = (TEXTS / f"{name}.txt").read_text(encoding="utf-8")
    gold = json.loads((SHARED / "extraction" / "gold" / f"{name}.json").read_text(encoding="utf-8"))
    pred = to_contract(extract(text))
    _, _, f1, _, missed, _ = score.score_quantities(gold["quantities"], pred["quantities"])
    recall, grouping, missed_members = score.score_lists(gold["lists"], pred["items"])
    assert f1 >= 0.9, missed
    assert recall >= 0.9, missed_members
    assert grouping >= 0.9
