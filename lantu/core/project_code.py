"""The national project code (项目代码) of the online approval platform (全国投资项目在线审批监管平台).

Every fixed-asset investment project gets one 24-character code before its first approval (固定资产投资
项目代码管理规范, 发改投资〔2020〕1439号; GB/T 40058-2021 全国固定资产投资项目代码编码规范). Its five
parts are joined by hyphens, 4-6-2-2-6 digits:

    2107-652301-04-01-583026
    time  region  dept type random code and check digit

- time: the year and month the code was given (YYMM, GB/T 40058) or, on codes given before the
  standard, the year (YYYY);
- region: the 6-digit administrative division (GB/T 2260) of the approving authority;
- dept: the central department guiding the sector (中央业务指导部门代码);
- type: the project type (项目类型代码: e.g. 01 审批, 02 核准, 03 备案);
- the last six: a random serial and its check character.

The check character's algorithm is not published with the standard's public summary, so it is not
verified here: the check is of the shape, the time and the province.
"""

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

LENGTH = 24
_SHAPE = re.compile(r"([0-9]{4})-([0-9]{6})-([0-9]{2})-([0-9]{2})-([0-9]{6})")
_DASHES = str.maketrans({"—": "-", "–": "-", "－": "-", "‐": "-", "‑": "-", "−": "-"})
FIRST_YEAR = 2014  # the platform's codes start with the 2014 reform; earlier "years" are typos
# Provinces, autonomous regions and municipalities of GB/T 2260 (first two digits of a division code).
PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 "
    "50 51 52 53 54 61 62 63 64 65 71 81 82".split()
)


class CodeProblem(StrEnum):
    """Why a text is not a national project code."""

    LENGTH = "length"
    SHAPE = "shape"
    TIME = "time"
    REGION = "region"


@dataclass(frozen=True)
class ProjectCode:
    """A national project code split into its parts."""

    text: str
    time: str
    region: str
    department: str
    kind: str
    serial: str

    @property
    def year(self) -> int:
        """Return the year the code was given."""
        return int(self.time) if _is_year(self.time) else 2000 + int(self.time[:2])

    @property
    def province(self) -> str:
        """Return the 2-digit province of the region code."""
        return self.region[:2]


class InvalidCode(ValueError):
    """A text that is not a national project code; `problem` says why."""

    def __init__(self, problem: CodeProblem):
        super().__init__(problem.value)
        self.problem = problem


def normalize(text: str) -> str:
    """Return the text with full-width digits, other dashes and spaces folded (２０２１－… → 2021-…)."""
    folded = unicodedata.normalize("NFKC", text).translate(_DASHES)
    return "".join(folded.split())


def _is_year(time: str) -> bool:
    return FIRST_YEAR <= int(time) <= 2099


def _is_year_month(time: str) -> bool:
    return int(time[:2]) >= FIRST_YEAR % 100 and 1 <= int(time[2:]) <= 12


def parse(text: str) -> ProjectCode:
    """Return the code's parts, or raise InvalidCode saying what is wrong."""
    code = normalize(text)
    if len(code) != LENGTH:
        raise InvalidCode(CodeProblem.LENGTH)
    match = _SHAPE.fullmatch(code)
    if match is None:
        raise InvalidCode(CodeProblem.SHAPE)
    time, region, department, kind, serial = match.groups()
    if not (_is_year(time) or _is_year_month(time)):
        raise InvalidCode(CodeProblem.TIME)
    if region[:2] not in PROVINCES:
        raise InvalidCode(CodeProblem.REGION)
    return ProjectCode(code, time, region, department, kind, serial)


def problem(text: str) -> CodeProblem | None:
    """Return why the text is not a national project code, or None when it is one."""
    try:
        parse(text)
    except InvalidCode as error:
        return error.problem
    return None
