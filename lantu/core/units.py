"""Money and quantity conversions: storage is in 万元; every display conversion lives here."""

from decimal import Decimal

WAN_PER_YI = Decimal(10000)


def yi_to_wan(amount: Decimal) -> Decimal:
    """Convert 亿元 to 万元."""
    return amount * WAN_PER_YI


def wan_to_yi(amount: Decimal) -> Decimal:
    """Convert 万元 to 亿元."""
    return amount / WAN_PER_YI


YUAN_PER_WAN = Decimal(10000)


def money_scale(wan: Decimal, *, chinese: bool) -> tuple[Decimal, str]:
    """Return an amount in 万元 on the scale a reader expects, with the scale's key.

    Chinese readers count in 亿元 from one 亿 up, else in 万元 ("yi", "wan"); English readers in billion,
    million or plain yuan ("billion", "million", "yuan"), never "100 million yuan".
    """
    if chinese:
        return (wan_to_yi(wan), "yi") if abs(wan) >= WAN_PER_YI else (wan, "wan")
    yuan = wan * YUAN_PER_WAN
    if abs(yuan) >= Decimal(10) ** 9:
        return yuan / Decimal(10) ** 9, "billion"
    if abs(yuan) >= Decimal(10) ** 6:
        return yuan / Decimal(10) ** 6, "million"
    return yuan, "yuan"
