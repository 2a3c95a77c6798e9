"""Mentions of departments and counties are matched to known units, in their short and long forms."""

from lantu.core.extraction import extract
from lantu.core.extraction.units import aliases, match_units

KNOWN = {"木垒哈萨克自治县": "mulei", "木垒县": "mulei", "奇台县": "qitai", "昌吉州发展和改革委员会": "drc"}


def test_unit_names_match_with_and_without_prefix_and_suffix():
    text = "木垒县、奇台新建项目由州发展和改革委员会统筹，木垒哈萨克自治县负责实施。"
    found = [(u.text, u.key) for u in match_units(text, KNOWN)]
    assert found == [
        ("木垒县", "mulei"),
        ("奇台", "qitai"),
        ("发展和改革委员会", "drc"),
        ("木垒哈萨克自治县", "mulei"),
    ]


def test_aliases_drop_the_prefecture_prefix_and_the_county_suffix():
    assert "发展和改革委员会" in aliases("昌吉州发展和改革委员会")
    assert "奇台" in aliases("奇台县")


def test_known_units_give_projects_their_place():
    ex = extract("阜康抽水蓄能电站正式投产运行。", known_units={"阜康市": "fukang"})
    assert ex.projects[0].location == "阜康"
    assert ex.units[0].key == "fukang"


def test_only_the_issuers_own_units_match_by_their_short_forms():
    known = {"州发展和改革委员会": "drc", "奇台县发展和改革委员会": "qitai-drc", "州工信局": "industry"}
    text = "由县发展和改革委员会牵头，州工信局配合。"
    everyone = {m.text: m.key for m in match_units(text, {"州发展和改革委员会": "drc"})}
    assert everyone == {"发展和改革委员会": "drc"}
    county = {m.text: m.key for m in match_units(text, known, local={"qitai-drc"})}
    assert county == {"发展和改革委员会": "qitai-drc", "州工信局": "industry"}
    assert match_units("由县发展和改革委员会牵头。", {"州发展和改革委员会": "drc"}, local=set()) == []


def test_a_department_named_by_its_level_word_alone_is_the_issuers_own():
    from lantu.core.extraction.units import own_departments

    assert own_departments("由县发展和改革委员会牵头，市财政局、州工信局配合。") == [
        "发展和改革委员会",
        "财政局",
    ]
    assert own_departments("奇台县人民政府负责") == []
