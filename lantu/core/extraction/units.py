"""Match mentions of departments and counties to known organisation units."""

import re
from dataclasses import dataclass

# The region a department's name opens with (昌吉回族自治州…, 州…, 某某县…): running text often leaves it out.
REGION_PREFIX_RE = re.compile(
    r"^(?:[\u4e00-\u9fff]{2,12}?(?:自治州|自治区|自治县|地区|盟|省|州|市|县|区)|自治州|自治区|州|省|市|县|区)"
    r"(?=[\u4e00-\u9fff]{2,}(?:委员会|局|办公室|厅|委|办|部|中心)$)"
)
DEPT_RE = re.compile(r"[\u4e00-\u9fff]{2,14}?(?:委员会|局|办公室|厅|委|办|部)(?![门分长])")


# 县发展和改革委员会, 市财政局: a department of the issuing government, named by its level word alone.
OWN_DEPT_RE = re.compile(r"[县市区旗]([\u4e00-\u9fff]{2,12}?(?:委员会|局|办公室|委|办))(?![门分长])")


def own_departments(text: str) -> list[str]:
    """Return the departments a text names by its government's level word alone.

    县发展和改革委员会 gives 发展和改革委员会: the issuing county's own commission.
    """
    return [m.group(1) for m in OWN_DEPT_RE.finditer(text)]


@dataclass
class UnitMention:
    """A mention of an organisation unit, and the key of the known unit it matches if any."""

    text: str
    start: int
    end: int
    key: str | None


def aliases(name: str) -> list[str]:
    """Return the forms a unit's name takes in running text (with and without prefix or 县/市)."""
    forms = {name}
    region = REGION_PREFIX_RE.match(name)
    if region:
        forms.add(name[region.end() :])
    if name.endswith(("县", "市")) and len(name) >= 3:
        forms.add(name[:-1])
    return sorted(forms, key=len, reverse=True)


def match_units(text: str, known: dict[str, str], local: set[str] | None = None) -> list[UnitMention]:
    """Return mentions of known units (name -> key) in text, longest form first, without overlaps.

    local: the keys of the issuer's own units (a county and its departments). When given, only those
    match by the short forms running text uses (县发展和改革委员会, 发改委); other units match by their
    full names only, so a county plan's 县发展和改革委员会 is never the prefecture's 州发展和改革委员会.
    """
    table = [
        (form, key)
        for name, key in known.items()
        for form in (aliases(name) if local is None or key in local else [name])
    ]
    table.sort(key=lambda fk: len(fk[0]), reverse=True)
    taken = [False] * len(text)
    out: list[UnitMention] = []
    for form, key in table:
        for m in re.finditer(re.escape(form), text):
            if any(taken[m.start() : m.end()]):
                continue
            taken[m.start() : m.end()] = [True] * (m.end() - m.start())
            out.append(UnitMention(form, m.start(), m.end(), key))
    out.sort(key=lambda u: u.start)
    return out
