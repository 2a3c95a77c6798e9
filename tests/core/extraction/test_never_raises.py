"""The extractor never raises: random text and real text cut and mutated give an extraction, not an error."""

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from lantu.core.extraction import extract, to_contract

ROOT = Path(__file__).resolve().parents[3]
SHARED = ROOT / "tests" / "fixtures" / "shared" / "extraction" / "dev"
REAL = (
    [p.read_text(encoding="utf-8") for p in sorted(SHARED.glob("*.txt"))]
    + [p.read_text(encoding="utf-8") for p in sorted((ROOT / "lantu" / "demo" / "texts").glob("*.txt"))]
    + [
        p.read_text(encoding="utf-8")
        for p in sorted((ROOT / "tests" / "fixtures" / "extraction").glob("*.txt"))
    ]
)
# The marks and words the rules key on: quotes of both widths, list and heading markers, units, years.
TOKENS = [
    "“", "”", '"', "‘", "’", "'", "「", "」", "《", "》", "（", "）", "(", ")", "、", "，", ",", "。", "；",
    ";", "：", ":", "——", "--", "…", "\n", "\r\n", "\u3000", " ", "一是", "二是", "（一）", "(1)", "1.",
    "１．", "①", "一、", "第三章", "专栏3", "等", "分别", "分别达到", "从", "增加到", "到2023年", "今年",
    "十四五", "“十五五”", "2025年", "年均增长", "％", "%", "亿元", "万千瓦", "个", "项目", "工程", "总投资",
    "指标", "单位", "约束性", "预期性", "|", "\t", "30", "4.5", "二十", "三个", "0", "零",
]  # fmt: skip

tokens = st.sampled_from(TOKENS)
chars = st.characters(codec="utf-8", exclude_categories=("Cs",))
noise = st.lists(st.one_of(tokens, chars, st.text(max_size=4)), max_size=60).map("".join)


def _runs(text: str) -> dict:
    return to_contract(extract(text))


@settings(max_examples=300, deadline=None)
@given(noise)
def test_random_text_never_raises(text):
    _runs(text)


@st.composite
def mutated_real_text(draw):
    doc = draw(st.sampled_from(REAL))
    start = draw(st.integers(0, len(doc) - 1))
    piece = list(doc[start : start + draw(st.integers(1, 400))])
    for _ in range(draw(st.integers(0, 10))):
        at = draw(st.integers(0, len(piece)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        if action == "insert" or not piece:
            piece.insert(at, draw(tokens))
        elif action == "delete":
            del piece[min(at, len(piece) - 1)]
        else:
            piece[min(at, len(piece) - 1)] = draw(st.one_of(tokens, chars))
    return "".join(piece)


@settings(max_examples=300, deadline=None)
@given(mutated_real_text())
def test_mutated_real_text_never_raises(text):
    _runs(text)


QUOTES = ["“", "”", '"', "「", "」", ""]
words = st.text(alphabet="产业园区物流科技新能源和与及等个大项", max_size=5)


@st.composite
def enumerations(draw):
    """A sentence listing parts with 、, opened and closed by any quote marks (“…" or "…”), with a count."""
    parts = draw(st.lists(words, min_size=1, max_size=5))
    count = draw(st.sampled_from(["", "一个", "两大", "三项", "四类", "等"]))
    return "".join(
        [
            draw(st.sampled_from(["", "实施", "以", "打造"])),
            draw(st.sampled_from(QUOTES)),
            draw(st.sampled_from(["", "、"])),
            "、".join(parts),
            draw(st.sampled_from(QUOTES)),
            count,
            draw(st.sampled_from(["", "基地。", "为主攻方向，", "分别达到30%、20%。"])),
        ]
    )


@settings(max_examples=300, deadline=None)
@given(enumerations())
def test_enumerations_with_mixed_quotes_never_raise(text):
    _runs(text)


CELLS = ["指标", "单位", "2025年", "2030年", "年均增长（%）", "属性", "类别", "地区生产总值", "亿元", "%",
         "3500", "〔5〕", "＞60", "5左右", "—", "", "约束性", "预期性", "2030年目标", "基期"]  # fmt: skip


@st.composite
def tables(draw):
    """A 主要指标 table of any shape: rows of random cells, "|", tab, space or one-cell-a-line separated."""
    sep = draw(st.sampled_from([" | ", "\t", " ", "  ", "\n"]))
    rows = draw(st.lists(st.lists(st.sampled_from(CELLS) | chars, min_size=0, max_size=8), max_size=6))
    header = ["指标", "单位", "2025年", "2030年", "属性"][: draw(st.integers(0, 5))]
    return "\n".join(sep.join(r) for r in [header, *rows])


@settings(max_examples=300, deadline=None)
@given(tables())
def test_tables_of_any_shape_never_raise(text):
    _runs(text)


def test_every_real_document_whole_never_raises():
    for text in REAL:
        result = _runs(text)
        assert result["quantities"] or result["items"]  # read, not skipped (an evaluation plan has no figure)
