"""Score `extract` on every development document against its gold (prints the table; no assertion).

    .venv/bin/python bench/extraction_scores.py [-v]

Reads ../shared/extraction (dev documents, gold, score.py) beside the checkout, else the copies in
tests/fixtures/shared; the two Changji texts are in lantu/demo/texts; documents of other kinds with
their gold in tests/fixtures/extraction.
"""

import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lantu.core.extraction import extract, to_contract  # noqa: E402

SHARED = ROOT.parent / "shared"
if not (SHARED / "extraction" / "dev").exists():
    SHARED = ROOT / "tests" / "fixtures" / "shared"
EXTRACTION = SHARED / "extraction"


def documents() -> list[tuple[Path, Path]]:
    """Return (text, gold) for every scored document: the dev set and the two Changji texts."""
    dev = EXTRACTION / "dev"
    docs = [(p, dev / "gold" / f"{p.stem}.json") for p in sorted(dev.glob("*.txt"))]
    for gold in sorted((EXTRACTION / "gold").glob("*.json")):
        docs.append((ROOT / "lantu" / "demo" / "texts" / f"{gold.stem}.txt", gold))
    # other kinds of documents (outlines, division plans, opinions) with gold of this repository
    own = ROOT / "tests" / "fixtures" / "extraction"
    docs += [(p, own / "gold" / f"{p.stem}.json") for p in sorted(own.glob("*.txt"))]
    return docs


def score_module():
    spec = importlib.util.spec_from_file_location("lantu_score", EXTRACTION / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def scores(text: Path, gold_path: Path, score=None) -> dict:
    """Return the four figures of the bar (and what was missed) for one document."""
    score = score or score_module()
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    pred = to_contract(extract(text.read_text(encoding="utf-8")))
    precision, recall, f1, _, missed_q, false_q = score.score_quantities(
        gold.get("quantities", []), pred["quantities"]
    )
    if not gold.get("quantities") and not pred["quantities"]:
        precision = f1 = 1.0  # a text that states no quantity, and none read from it
    list_recall, grouping, missed_l = score.score_lists(gold.get("lists", []), pred["items"])
    project_recall, missed_p = score.score_projects(gold.get("projects", []), pred["projects"])
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "false": false_q,
        "list_recall": list_recall,
        "grouping": grouping,
        "project_recall": project_recall,
        "missed": [f"{g['subject']} {g['value']} {g['unit']}" for g in missed_q] + missed_l + missed_p,
    }


def main() -> None:
    score = score_module()
    print(f"{'document':62} {'qP':>5} {'qR':>5} {'qF1':>5} {'listR':>6} {'group':>6} {'projR':>6}")
    for text, gold in documents():
        s = scores(text, gold, score)
        print(
            f"{text.stem:62} {s['precision']:5.2f} {s['recall']:5.2f} {s['f1']:5.2f} "
            f"{s['list_recall']:6.2f} {s['grouping']:6.2f} {s['project_recall']:6.2f}"
        )
        if "-v" in sys.argv:
            for m in s["missed"]:
                print(f"    missed: {m}")


if __name__ == "__main__":
    main()
