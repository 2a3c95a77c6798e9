"""Template helpers shared by every page (loaded as a builtin).

Filters: num, money, yi, percent, status_badge, status_label, sample_badge, sample_field_labels, target_text,
person.
Tags: {% chart "id" option %}, {% chart_scripts %}.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.templatetags.static import static
from django.utils.html import format_html, json_script
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lantu.core.units import money_scale, wan_to_yi
from lantu.lib.charts import STATUS_LABELS, jsonable
from lantu.lib.people import display_name

register = template.Library()

DASH = "—"


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def format_number(value, places: int | None = None) -> str:
    """Return a number with thousands separators and without trailing zeros; floats keep 2 or 3 places."""
    number = _decimal(value)
    if number is None or not number.is_finite():
        return DASH if value in (None, "") else str(value)
    if places is None and isinstance(value, float):
        places = 2 if abs(value) >= 10 else 3
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-int(places)), rounding=ROUND_HALF_UP)
    number = number.normalize()
    if number == 0:
        number = Decimal(0)  # no "-0"
    return f"{number:,f}"


@register.filter
def num(value, places=None):
    """Format a number: `{{ value|num }}`, `{{ value|num:1 }}` for at most one decimal."""
    return format_number(value, None if places in (None, "") else int(places))


@register.filter
def yi(value):
    """Convert an amount in 万元 to 亿元."""
    number = _decimal(value)
    return None if number is None else wan_to_yi(number)


def money_text(value, places: int = 2) -> str:
    """Return an amount in 万元 as the current language reads it: "2,278 亿元", "227.8 billion yuan"."""
    number = _decimal(value)
    if number is None or not number.is_finite():
        return DASH
    amount, scale = money_scale(number, chinese=get_language().startswith("zh"))
    units = {
        "yi": _("100 million yuan"),
        "wan": _("10k yuan"),
        "billion": _("billion yuan"),
        "million": _("million yuan"),
        "yuan": _("yuan"),
    }
    return f"{format_number(amount, places)} {units[scale]}"


@register.filter
def money(value, places=2):
    """Format an amount in 万元 with its unit on the reader's scale: `{{ amount|money }}`."""
    return money_text(value, int(places))


@register.filter
def percent(value, places=1):
    """Format a fraction as a percentage: 0.935 → 93.5%."""
    if value is None or value == "":
        return DASH
    return f"{format_number(Decimal(repr(float(value))) * 100, int(places))}%"


@register.filter
def status_label(status) -> str:
    """Return the translated label of a status value."""
    return str(STATUS_LABELS.get(str(status), status))


@register.filter
def status_badge(status):
    """Return a coloured badge for a status value."""
    key = str(status) if str(status) in STATUS_LABELS else "no_data"
    return format_html('<span class="badge status {}">{}</span>', key, status_label(key))


@register.filter
def sample_badge(obj, field: str = ""):
    """Return the 示例数据 badge when the object, or one of its named fields, holds sample data.

    `{{ obj|sample_badge }}` checks the whole object (`is_sample`);
    `{{ obj|sample_badge:"target_value,target_rate" }}` checks only those fields (`sample_fields`),
    so a wholly generated object is not badged twice.
    """
    if obj is None or obj == "":
        return ""
    names = [name.strip() for name in field.split(",") if name.strip()]
    if names:
        sample = any(name in (getattr(obj, "sample_fields", None) or []) for name in names)
    else:
        sample = getattr(obj, "is_sample", False)
    if not sample:
        return ""
    return format_html(
        '<span class="badge sample{}" title="{}">{}</span>',
        " field" if names else "",
        _("Generated for the demo, not from a source document"),
        _("sample data"),
    )


@register.filter
def sample_field_labels(obj) -> str:
    """Return the labels of the fields an object marks as sample data, comma-separated."""
    labels = []
    for name in getattr(obj, "sample_fields", None) or []:
        try:
            labels.append(str(obj._meta.get_field(name).verbose_name))
        except Exception:  # a field renamed since the data was loaded: show its raw name
            labels.append(name)
    return ("、" if get_language().startswith("zh") else ", ").join(labels)


@register.filter
def target_text(indicator) -> str:
    """Return an indicator's target in words: "average annual growth 6.5%", "≤ 35 %"."""
    kind = indicator.target_kind
    value = format_number(indicator.target_value)
    rate = indicator.target_rate
    unit = indicator.unit
    if kind == "annual_growth" and rate is not None:
        return _("average annual growth %(rate)s%%") % {"rate": format_number(rate)}
    if kind == "cumulative_change" and rate is not None:
        if rate < 0:
            text = _("cumulative fall of %(rate)s%% by %(year)s")
        else:
            text = _("cumulative rise of %(rate)s%% by %(year)s")
        return text % {"rate": format_number(abs(rate)), "year": indicator.target_year}
    if indicator.target_value is None:
        return DASH
    if kind == "ceiling":
        return f"≤ {value} {unit}".strip()
    if kind == "floor":
        return f"≥ {value} {unit}".strip()
    return _("%(value)s %(unit)s by %(year)s") % {"value": value, "unit": unit, "year": indicator.target_year}


@register.simple_tag
def chart(element_id: str, option, height: str = "320px", label: str = ""):
    """Render a chart container and its ECharts option (read by static/lantu/charts.js)."""
    options_id = f"{element_id}-options"
    return format_html(
        '<div class="chart" id="{}" data-chart="{}" style="height:{}" role="img" aria-label="{}"></div>{}',
        element_id,
        options_id,
        height,
        label,
        json_script(jsonable(option), options_id),
    )


@register.simple_tag
def chart_scripts():
    """Return the script tags that render `{% chart %}` elements (ECharts is served locally)."""
    return format_html(
        '<script src="{}" defer></script>\n<script src="{}" defer></script>',
        static("vendor/echarts.min.js"),
        static("lantu/charts.js"),
    )


@register.filter
def person(user, default: str = DASH) -> str:
    """Name a user by their display name (`{{ report.entered_by|person }}`); a dash for nobody."""
    return display_name(user, default)
