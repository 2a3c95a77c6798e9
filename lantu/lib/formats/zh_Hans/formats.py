"""Chinese input formats with the ISO date first: a form writes dates as 2026-12-20 into its inputs.

Django writes a date into a form input in the language's first input format; for zh-hans that is
2026/12/20, which `<input type="date">` (it takes ISO only) drops, losing every default date. Every
other format (display, parsing of 2026/12/20 and 2026年12月20日) stays Django's.
"""

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y年%m月%d日 %H:%M",
    "%Y年%m月%d日 %H:%M:%S",
    "%Y-%m-%d",
]
