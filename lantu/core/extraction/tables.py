"""Read the 主要指标 table of a plan: one indicator per row, with unit, baseline, target and attribute.

A table reaches the extractor as text lines, one row a line, its cells separated by "|" (how the .docx and
.pdf readers write tables), tabs or runs of spaces; a table flattened into single-spaced lines is read too.
The header row names the columns: 指标, 单位, one or more years (2025年, 2030年目标), 年均增长/累计, 属性.
"""

import re
from dataclasses import dataclass, field

from .numerals import normalise_digits, parse_number

CELL_SPLIT = re.compile(r"\s*[|｜\t]\s*|\s{2,}")
YEAR_HEAD = re.compile(r"((?:19|20)\d{2})\s*年?")
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
ATTRIBUTE = re.compile(r"(约束|预期)性?")
UNIT_IN_NAME = re.compile(r"[（(]([^（）()]{1,8})[）)]$")
UNIT_WORD = re.compile(
    r"^(?:%|％|‰|[万亿千百]?[\u4e00-\u9fff]{0,4}(?:元|吨|斤|亩|人|户|个|家|项|公里|千瓦|瓦时|立方米|岁|年|天|张|分|倍|公顷|平方米|平方公里|标准煤|人次|辆|套|座|所|美元|床|件|篇|部|条|处|名|次|小时|微克/立方米|百分点)|[\u4e00-\u9fff]{1,3}/[\u4e00-\u9fff]{1,4})$"
)
HEAD_WORDS = ("指标", "单位", "属性", "年均", "累计", "类别", "序号")
BASELINE_WORDS = ("基期", "基数", "现状", "实际", "完成")
TARGET_WORDS = ("目标", "规划", "预期")


@dataclass
class Column:
    """What one column of the header holds."""

    role: str  # name, unit, year, growth, attribute, category, number, other
    year: int | None = None
    label: str = ""


@dataclass
class IndicatorRow:
    """One row of a 主要指标 table: an indicator with its figures."""

    name: str
    unit: str
    baseline_year: int | None
    baseline_value: float | None
    target_year: int | None
    target_value: float | None
    growth: float | None = None
    growth_label: str = ""
    attribute: str = ""  # 约束性 or 预期性
    category: str = ""
    approx: str = ""
    start: int = 0
    end: int = 0
    text: str = ""
    cumulative: bool = False
    extra: dict = field(default_factory=dict)


def split_cells(line: str) -> list[str]:
    """Return the cells of a table line ("a | b | c", tabs, or runs of spaces)."""
    line = line.strip().strip("|｜").strip()
    return [c.strip() for c in CELL_SPLIT.split(line)]


def _header(cells: list[str]) -> list[Column] | None:
    joined = "".join(cells)
    years = YEAR_HEAD.findall(joined)
    if "指标" not in joined or not years or not any(w in joined for w in ("单位", "属性", "年均", "累计")):
        return None
    columns = []
    for cell in cells:
        year = YEAR_HEAD.search(cell)
        if "属性" in cell:
            columns.append(Column("attribute", label=cell))
        elif "单位" in cell:
            columns.append(Column("unit", label=cell))
        elif re.search(r"年均|累计|增长|增速|增幅", cell):
            columns.append(Column("growth", label=cell))
        elif year:
            columns.append(Column("year", int(year.group(1)), cell))
        elif "序号" in cell:
            columns.append(Column("number", label=cell))
        elif re.search(r"类别|领域|分类|维度", cell):
            columns.append(Column("category", label=cell))
        elif "指标" in cell or "名称" in cell:
            columns.append(Column("name", label=cell))
        else:
            columns.append(Column("other", label=cell))
    if not any(c.role == "name" for c in columns):
        return None
    return columns


def _value(cell: str) -> tuple[float | None, str, bool]:
    """Return (value, approx, cumulative) of a figure cell: 3500, ＞60, 5左右, 〔5〕 (whole period)."""
    cell = normalise_digits(cell.replace("，", "").replace(",", ""))
    cumulative = bool(re.search(r"[〔\[【]", cell))
    m = NUMBER.search(cell)
    if not m:
        value = parse_number(re.sub(r"[^零〇一二两三四五六七八九十百千万亿点]", "", cell)) if cell else None
        return value, "", cumulative
    approx = ""
    if re.search(r"[>＞≥]|以上|超过", cell):
        approx = "以上"
    elif re.search(r"[<＜≤]|以下|以内", cell):
        approx = "以内"
    elif "左右" in cell:
        approx = "左右"
    return float(m.group(0)), approx, cumulative


def _fit(cells: list[str], columns: list[Column]) -> list[str] | None:
    """Align a row's cells to the header: the same count, or one fewer (a category column merged above)."""
    if len(cells) == len(columns):
        return cells
    if len(cells) == len(columns) - 1 and columns[0].role in ("category", "number"):
        return [""] + cells
    if len(cells) > len(columns) and columns[0].role == "name":
        # a single-spaced flattened row whose name has no spaces: name first, figures after
        return None
    return None


def read_rows(lines: list[tuple[int, str]]) -> tuple[list[IndicatorRow], list[tuple[int, int]]]:
    """Return the indicator rows of every 主要指标 table in (offset, line) pairs, and the spans they take."""
    rows: list[IndicatorRow] = []
    taken: list[tuple[int, int]] = []
    columns: list[Column] | None = None
    category = ""
    misses = 0
    for pos, line, end in _unstack(lines):
        cells = split_cells(line)
        if len(cells) < 3 and " " in line.strip():
            cells = line.split()  # a table flattened into single-spaced lines
        header = _header(cells) if len(cells) >= 3 else None
        if header:
            columns, category, misses = header, "", 0
            taken.append((pos, end))
            continue
        if columns is None:
            continue
        fitted = _fit(cells, columns) if len(cells) >= 2 else None
        if fitted is None:
            fitted = _fit_flat(line, columns)
        if fitted is None:
            misses += 1
            if misses >= 2 or not line.strip():
                columns = None if misses >= 2 else columns
            continue
        misses = 0
        row = _row(fitted, columns, category)
        if row is None:
            continue
        category = row.category
        row.start, row.end, row.text = pos, end, line.strip()
        taken.append((row.start, row.end))
        same = (row.name, row.baseline_value, row.target_value, row.growth)
        if not any((r.name, r.baseline_value, r.target_value, r.growth) == same for r in rows):
            rows.append(row)  # a table read twice (PDF text layer and ruled cells) gives its rows once
    return rows, taken


HEAD_CELL = re.compile(r"指标|单位|属性|年|增长|累计|类别|序号|领域|%|％")


def _unstack(lines: list[tuple[int, str]]) -> list[tuple[int, str, int]]:
    """Return (start, line, end), a table written one cell a line (a PDF's text layer) joined into rows."""
    out: list[tuple[int, str, int]] = []
    i = 0
    while i < len(lines):
        pos, line = lines[i]
        k, columns = _stacked_header(lines, i)
        if columns is None:
            out.append((pos, line, pos + len(line)))
            i += 1
            continue
        out.append(_joined(lines[i : i + k]))
        i += k
        while i + k <= len(lines):
            chunk = [c.strip() for _, c in lines[i : i + k]]
            if _row(chunk, columns, "") is None or NUMBER.fullmatch(normalise_digits(chunk[0])):
                break
            out.append(_joined(lines[i : i + k]))
            i += k
    return out


def _joined(run: list[tuple[int, str]]) -> tuple[int, str, int]:
    last_pos, last = run[-1]
    return run[0][0], " | ".join(c.strip() for _, c in run), last_pos + len(last)


def _stacked_header(lines: list[tuple[int, str]], i: int) -> tuple[int, list[Column] | None]:
    """Return how many lines from i are a table header written one cell a line, and its columns."""
    if not lines[i][1].strip().startswith(("指标", "类别", "序号", "领域")):
        return 0, None
    j = i
    while j < len(lines) and 0 < len(lines[j][1].strip()) <= 14 and HEAD_CELL.search(lines[j][1]):
        j += 1
    if j - i < 3:
        return 0, None
    return j - i, _header([c.strip() for _, c in lines[i:j]])


def text_lines(text: str) -> list[tuple[int, str]]:
    """Return (offset, line) for every line of a text."""
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        out.append((pos, line.rstrip("\r\n")))
        pos += len(line)
    return out


def row_quantities(row: IndicatorRow) -> list[dict]:
    """Return the figures of a row in the contract's quantity form: baseline, target and growth."""
    base: dict[str, object] = {
        "text": row.text,
        "span": [row.start, row.end],
        "sentence_span": [row.start, row.end],
    }
    base |= {"value_max": None, "year_from": None, "attribute": row.attribute, "source": "table"}
    out: list[dict] = []
    if row.baseline_value is not None:
        out.append(base | {"subject": row.name, "value": row.baseline_value, "unit": row.unit,
                           "year": row.baseline_year, "approx": "", "role": "baseline"})  # fmt: skip
    if row.target_value is not None:
        out.append(base | {"subject": row.name, "value": row.target_value, "unit": row.unit,
                           "year": row.target_year, "approx": row.approx, "role": "target"})  # fmt: skip
    if row.growth is not None:
        label = row.growth_label
        percent = "%" in label or "％" in label or "年均" in label or not row.unit
        verb = "累计" if row.cumulative or "年均" not in label else "年均增长"
        unit = "%" if percent else row.unit
        if row.unit.endswith("百分点"):
            unit = row.unit  # 入托率提高(百分点) 〔6〕: the change is in points, not per cent
        out.append(base | {"subject": row.name + verb, "value": row.growth, "unit": unit,
                           "year": None, "approx": "", "role": "growth"})  # fmt: skip
    return out


def _fit_flat(line: str, columns: list[Column]) -> list[str] | None:
    """Align a single-spaced flattened row: 地区生产总值 亿元 3500 5000 6 预期性."""
    parts = line.split()
    if len(parts) < 3:
        return None
    if len(parts) == len(columns):
        return parts
    if len(parts) == len(columns) - 1 and columns[0].role in ("category", "number"):
        return [""] + parts
    return None


def _row(cells: list[str], columns: list[Column], category: str) -> IndicatorRow | None:
    name = unit = attribute = growth_label = approx = ""
    years: list[tuple[int, float, Column]] = []
    growth: float | None = None
    cumulative = False
    for cell, col in zip(cells, columns, strict=True):
        if col.role == "name":
            name = re.sub(r"^\d{1,2}[.．、]?\s*", "", cell).strip()
        elif col.role == "unit":
            unit = cell.strip("（）()[]【】")
        elif col.role == "category":
            category = cell or category
        elif col.role == "attribute":
            m = ATTRIBUTE.search(cell)
            attribute = m.group(1) + "性" if m else ""
        elif col.role == "growth":
            value, growth_approx, cum = _value(cell)
            if value is not None:
                growth, growth_label, cumulative = value, col.label, cum
                approx = approx or ("左右" if growth_approx == "左右" else "")
        elif col.role == "year":
            value, a, _ = _value(cell)
            if value is not None:
                years.append((col.year or 0, value, col))
                approx = approx or a
    if not name or not (years or growth is not None) or "指标" == name:
        return None
    if not unit:
        m = UNIT_IN_NAME.search(name)
        if m and UNIT_WORD.match(m.group(1)):
            unit, name = m.group(1), name[: m.start()].strip()
    latest = max((col.year or 0 for col in columns if col.role == "year"), default=0)
    baseline, target = _baseline_and_target(years, latest)
    return IndicatorRow(
        name=name,
        unit=unit.replace("％", "%"),
        baseline_year=baseline[0] if baseline else None,
        baseline_value=baseline[1] if baseline else None,
        target_year=target[0] if target else None,
        target_value=target[1] if target else None,
        growth=growth,
        growth_label=growth_label,
        attribute=attribute,
        category=category,
        approx=approx,
        cumulative=cumulative,
    )


def _baseline_and_target(years: list[tuple[int, float, Column]], latest: int = 0):
    """Return (year, value) of baseline and target: the latest year is a target, never a baseline.

    A row with a figure only in an earlier year column (2025 filled, 2030 "—") gives a baseline.
    """
    if not years:
        return None, None
    years = sorted(years, key=lambda y: y[0])
    last = years[-1]
    if len(years) == 1:
        label = last[2].label
        earlier = bool(last[0]) and last[0] < latest
        if (earlier or any(w in label for w in BASELINE_WORDS)) and not any(w in label for w in TARGET_WORDS):
            return (last[0], last[1]), None
        return None, (last[0], last[1])
    first = years[0]
    return (first[0], first[1]), (last[0], last[1])
