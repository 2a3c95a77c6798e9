"""Job functions for the job tests (importable by dotted path: the test folder is on sys.path)."""

from django.core.exceptions import ValidationError

CALLS: list[str] = []


def two_steps(*, progress, name: str) -> dict:
    progress.step("读取数据", 0, 2)
    progress.step("写入结果", 1, 2)
    CALLS.append(name)
    return {"name": name}


def flaky(*, progress, fail_times: int) -> str:
    CALLS.append("flaky")
    if CALLS.count("flaky") <= fail_times:
        raise ValidationError("数据源暂时不可用")
    return "ok"
