"""Score the statistical-bulletin reader on the bulletins kept with their gold (prints the table).

    .venv/bin/python bench/bulletin_scores.py [-v]

Figures: a figure is found when one read has the gold's value and unit (or, for a change alone, the same
change) and one subject contains the other's characters in order. Proposals: for each indicator of the gold,
the value proposed must be the expected one (or none when the gold expects none).
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lantu.core.extraction.bulletin import Figure, IndicatorRef, match_indicators, read_bulletin  # noqa: E402

BULLETINS = ROOT / "tests" / "fixtures" / "bulletins"


def _in_order(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def _same(gold: dict, fig: Figure) -> bool:
    a, b = sorted((gold["subject"], fig.subject), key=len)
    if not _in_order(a, b):
        return False
    if gold["value"] is None:
        return fig.value is None and fig.change is not None and abs(fig.change - gold["change"]) < 1e-6
    return fig.value is not None and abs(fig.value - gold["value"]) < 1e-6 and fig.unit == gold["unit"]


def _right(proposed: float | None, expected: float | None) -> bool:
    if proposed is None or expected is None:
        return proposed is None and expected is None
    return abs(proposed - expected) < 1e-6


def scores(text: Path) -> dict:
    gold = json.loads((BULLETINS / "gold" / f"{text.stem}.json").read_text(encoding="utf-8"))
    figures = read_bulletin(text.read_text(encoding="utf-8"))
    found = [g for g in gold["figures"] if any(_same(g, f) for f in figures)]
    right = [f for f in figures if any(_same(g, f) for g in gold["figures"])]
    changes = [g for g in found if g["change"] is not None]
    change_ok = [
        g for g in changes
        if any(_same(g, f) and f.change is not None and abs(f.change - g["change"]) < 1e-6 for f in figures)
    ]  # fmt: skip
    refs = [IndicatorRef(i, g["name"], g["unit"], g["baseline"]) for i, g in enumerate(gold["indicators"])]
    proposed = {p.key: p.value for p in match_indicators(figures, refs)}
    correct = [g for i, g in enumerate(gold["indicators"]) if _right(proposed.get(i), g["expected"])]
    return {
        "recall": len(found) / len(gold["figures"]),
        "precision": len(right) / len(figures) if figures else 0.0,
        "change": len(change_ok) / len(changes) if changes else 1.0,
        "proposals": len(correct) / len(gold["indicators"]),
        "year": all(f.year == gold["year"] for f in figures),
        "vintage": all(f.vintage == gold["vintage"] for f in figures),
        "missed": [g["subject"] for g in gold["figures"] if g not in found],
        "wrong": [f"{f.subject} {f.value} {f.unit}" for f in figures if f not in right],
        "wrong_proposals": [g["name"] for g in gold["indicators"] if g not in correct],
    }


def main() -> None:
    print(f"{'bulletin':40} {'figR':>5} {'figP':>5} {'chg':>5} {'prop':>5} year vintage")
    for text in sorted(BULLETINS.glob("*.txt")):
        s = scores(text)
        print(
            f"{text.stem:40} {s['recall']:5.2f} {s['precision']:5.2f} {s['change']:5.2f}"
            f" {s['proposals']:5.2f} {'ok' if s['year'] else 'NO':4} {'ok' if s['vintage'] else 'NO'}"
        )
        if "-v" in sys.argv:
            for key in ("missed", "wrong", "wrong_proposals"):
                for m in s[key]:
                    print(f"    {key}: {m}")


if __name__ == "__main__":
    main()
