"""An outline number glued to the figure it opens ("3.14个…" after "2.") and a list read by two rules."""

from lantu.core.extraction import extract, to_contract

GLUED = (
    "（一）组织分工\n"
    "1.中期评估工作由州发展改革委牵头组织进行。\n"
    "2.各部门组织开展本部门的中期评估。\n"
    "3.14个重点专项规划由各自编制部门负责组织评估。\n"
    "（二）时间安排\n"
    "1.从2008年10月10日至11月10日，各部门开展调查研究。\n"
    "2.2008年11月11日至11月15日，州发展改革委起草评估报告初稿。\n"
)


def test_a_number_glued_to_its_items_figure_is_the_items_number_not_a_decimal():
    result = to_contract(extract(GLUED))
    values = [(q["value"], q["unit"]) for q in result["quantities"]]
    assert (14, "个") in values and (3.14, "个") not in values
    titles = [i["title"] for i in result["items"]]
    assert "14个重点专项规划由各自编制部门负责组织评估" in titles
    assert "2008年11月11日至11月15日，州发展改革委起草评估报告初稿" in titles


def test_a_decimal_at_the_start_of_a_line_stays_a_decimal_without_a_numbered_item_before_it():
    result = to_contract(extract("3.14个百分点的增幅来自工业。\n"))
    assert [(q["value"], q["unit"]) for q in result["quantities"]] == [(3.14, "个百分点")]


def test_an_ordinal_list_separated_by_semicolons_is_given_once():
    text = (
        "一、评估目的\n为检验规划实施以来的发展成果，开展中期评估。一是推进规划实施，督促加大实施力度；"
        "二是调整规划目标，发挥规划的指导作用；三是分析热点和难点问题；四是提高规划水平。\n"
    )
    titles = [i["title"] for i in to_contract(extract(text))["items"]]
    assert sum("推进规划实施" in t for t in titles) == 1
