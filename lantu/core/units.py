"""Money and quantity conversions: storage is in 万元; every display conversion lives here."""

from decimal import Decimal

WAN_PER_YI = Decimal(10000)


def yi_to_wan(amount: Decimal) -> Decimal:
    """Convert 亿元 to 万元."""
    return amount * WAN_PER_YI


def wan_to_yi(amount: Decimal) -> Decimal:
    """Convert 万元 to 亿元."""
    return amount / WAN_PER_YI
