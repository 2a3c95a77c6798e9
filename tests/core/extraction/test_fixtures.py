"""Each construct's sample text gives the expected extraction (tests/core/extraction/fixtures)."""

import json
from pathlib import Path

import pytest

from lantu.core.extraction import extract, to_contract

FIXTURES = Path(__file__).parent / "fixtures"
CASES = sorted(p.stem for p in FIXTURES.glob("*.txt"))


def _load(name: str) -> tuple[dict, dict, str]:
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    expected = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    ex = extract(text)
    result = to_contract(ex)
    result["cleaned"] = ex.cleaned.text
    return result, expected, text


def _quantity_found(want: dict, got: list[dict]) -> bool:
    for q in got:
        if (
            want["subject"] in q["subject"]
            and q["value"] == pytest.approx(want["value"])
            and q["unit"] == want["unit"]
        ):
            if all(q.get(k) == want[k] for k in ("year", "approx", "value_max") if k in want):
                return True
    return False


@pytest.mark.parametrize("name", CASES)
def test_fixture_text_gives_expected_extraction(name):
    result, expected, _ = _load(name)
    if "year" in expected:
        assert result["year"] == expected["year"]
    for want in expected.get("quantities", []):
        assert _quantity_found(want, result["quantities"]), (want, result["quantities"])
    if "count" in expected:
        assert len(result["quantities"]) == expected["count"], result["quantities"]
    by_title = {}
    for item in result["items"]:
        by_title.setdefault(item["title"], item)
    for members in expected.get("lists", []):
        parents = set()
        for m in members:
            assert m in by_title, (m, list(by_title))
            parents.add(by_title[m]["parent"])
        assert len(parents) == 1, (members, parents)
    for parent_title, children in expected.get("children", {}).items():
        parent = by_title[parent_title]
        for c in children:
            assert by_title[c]["parent"] == parent["id"]
    projects = {p["name"]: p for p in result["projects"]}
    for want in expected.get("projects", []):
        assert want["name"] in projects, (want, list(projects))
        got = projects[want["name"]]
        for key in ("location", "investment", "stage", "capacity", "start_year"):
            if key in want:
                assert got[key] == want[key], (key, got)
    for want in expected.get("indicators", []):
        assert any(all(row.get(k) == v for k, v in want.items()) for row in result["indicators"]), (
            want,
            result["indicators"],
        )
    for name in expected.get("not_projects", []):
        assert name not in projects, (name, list(projects))
    for value, unit in expected.get("not_quantities", []):
        assert not any(q["value"] == value and q["unit"] == unit for q in result["quantities"]), (value, unit)
    for s in expected.get("cleaned_contains", []):
        assert s in result["cleaned"]
    for s in expected.get("cleaned_excludes", []):
        assert s not in result["cleaned"]


def test_spans_point_back_into_the_original_text():
    text = (FIXTURES / "noise.txt").read_text(encoding="utf-8")
    result = to_contract(extract(text))
    for q in result["quantities"]:
        s, e = q["span"]
        assert text[s:e].replace("\n", "").startswith(str(q["value"]).rstrip("0").rstrip(".")[:2])
    s, e = result["quantities"][1]["span"]
    assert text[s:e] == "126家"
