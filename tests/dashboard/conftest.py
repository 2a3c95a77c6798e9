"""These page tests read English output; Chinese rendering is checked in tests/lib/test_language.py."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english(settings):
    """Render pages and filters in English."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
