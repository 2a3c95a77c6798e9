"""Import tests render English pages and keep uploaded files in a temporary media folder."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english(settings, tmp_path):
    """Render in English and store uploads under tmp_path."""
    settings.LANGUAGE_CODE = "en"
    settings.MEDIA_ROOT = tmp_path / "media"
    with translation.override("en"):
        yield


SAMPLE = (
    "全县“十五五”主要任务\n\n"
    "- 以科技创新为引领，建设现代化产业体系；\n"
    "- 以乡村振兴为抓手，建设宜居宜业和美乡村；\n"
    "- 以改革开放为动力，建设开放型经济新体制。\n\n"
    "2024年，全县地区生产总值达到320.5亿元，新建高标准农田12万亩。"
    "木垒县风电装备产业园内，今年投资50亿元的清洁能源项目加快建设。\n"
)


@pytest.fixture
def sample_bytes() -> bytes:
    return SAMPLE.encode("utf-8")
