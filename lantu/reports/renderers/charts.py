"""Charts for Word reports as PNG: matplotlib (Agg) with Debian's Noto CJK font and the page colours."""

import io
from collections.abc import Sequence
from functools import cache

import matplotlib

matplotlib.use("Agg")

from django.utils.translation import gettext as _  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from lantu.lib.charts import PALETTE, STATUS_COLORS  # noqa: E402

CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Serif CJK SC", "WenQuanYi Zen Hei")
PLANNED_COLOR = "#c3daf0"
COMPLETED_COLOR = PALETTE[0]


@cache
def cjk_font() -> str | None:
    """Return the name of an installed CJK font family, or None when there is none."""
    installed = {font.name for font in font_manager.fontManager.ttflist}
    return next((family for family in CJK_FAMILIES if family in installed), None)


class MissingCJKFont(RuntimeError):
    """No Chinese font is installed: a chart would show boxes instead of characters, so none is drawn."""


def missing_font_message() -> str:
    """Return what to install, in the user's language."""
    return _(
        "Charts need a Chinese font and the server has none: install fonts-noto-cjk "
        "(apt-get install fonts-noto-cjk, or `make setup`), then restart Lantu."
    )


def _figure(width_mm: float, height_mm: float) -> Figure:
    family = cjk_font()
    if family is None:
        raise MissingCJKFont(missing_font_message())
    figure = Figure(figsize=(width_mm / 25.4, height_mm / 25.4), dpi=200)
    matplotlib.rcParams["font.sans-serif"] = [family, "DejaVu Sans"]
    matplotlib.rcParams["axes.unicode_minus"] = False
    return figure


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight")
    return buffer.getvalue()


def _style(axes) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(labelsize=8)


def status_bars(counts: Sequence[tuple[str, str, int]], *, title: str = "") -> bytes:
    """Return a horizontal bar chart of counts per status: (status key, label, count)."""
    figure = _figure(150, 60)
    axes = figure.add_subplot()
    labels = [label for _, label, _ in counts]
    values = [count for _, _, count in counts]
    colors = [STATUS_COLORS.get(key, STATUS_COLORS["no_data"]) for key, _, _ in counts]
    bars = axes.barh(labels, values, color=colors, height=0.6)
    axes.invert_yaxis()
    axes.bar_label(bars, padding=3, fontsize=8)
    if title:
        axes.set_title(title, fontsize=10)
    axes.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    _style(axes)
    return _png(figure)


def investment_bars(
    labels: Sequence[str],
    planned: Sequence[float],
    completed: Sequence[float],
    *,
    unit: str,
    title: str = "",
    planned_label: str,
    completed_label: str,
) -> bytes:
    """Return grouped bars of planned and completed investment per group."""
    figure = _figure(150, 75)
    axes = figure.add_subplot()
    positions = range(len(labels))
    width = 0.38
    axes.bar([p - width / 2 for p in positions], planned, width, color=PLANNED_COLOR, label=planned_label)
    axes.bar(
        [p + width / 2 for p in positions], completed, width, color=COMPLETED_COLOR, label=completed_label
    )
    axes.set_xticks(
        list(positions),
        labels,
        rotation=30 if len(labels) > 6 else 0,
        ha="right" if len(labels) > 6 else "center",
    )
    axes.set_ylabel(unit, fontsize=8)
    if title:
        axes.set_title(title, fontsize=10)
    axes.legend(fontsize=8, frameon=False)
    _style(axes)
    return _png(figure)
