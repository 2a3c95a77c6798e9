"""Control characters are refused in every text, in one place, with a message naming where they are."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from lantu.dispatch import services as reporting
from lantu.dispatch.models import ProgressReport
from lantu.imports.reading import read_document
from lantu.lib.text import control_character_message, refuse_control_characters, without_control_characters
from lantu.problems.models import Problem


@pytest.mark.parametrize("text", ["a\u0000b", "\u001b[31m", "x\x7f", "\x85", "\ud800", "\ufffe", "\x0c"])
def test_control_characters_are_refused(text):
    with pytest.raises(ValidationError):
        refuse_control_characters(text)


@pytest.mark.parametrize("text", ["第一行\n第二行", "a\tb", "windows\r\n", "", "¥1,000 — “引号”"])
def test_tabs_line_breaks_and_ordinary_text_pass(text):
    refuse_control_characters(text)


def test_the_message_names_the_character_and_its_place_in_chinese():
    with translation.override("zh-hans"):
        assert (
            control_character_message("整改\u001b完成") == "第 3 个字符是控制字符（U+001B），请删除后再保存。"
        )


def test_a_service_refuses_to_save_a_control_character_naming_the_field(world, actors, open_period):
    with pytest.raises(ValidationError) as error:
        reporting.report_save(
            actor=actors["mulei"],
            project=world.mulei_project,
            period="2026-09",
            version=None,
            completed_investment=Decimal("100"),
            cumulative_investment=Decimal("900"),
            narrative="主体\u0000施工",
        )
    assert list(error.value.message_dict) == ["narrative"]
    assert not ProgressReport.objects.exists()


def test_every_lantu_model_is_guarded_not_only_the_reports(world):
    problem = Problem(project=world.mulei_project, title="用地\u001b指标", unit=world.mulei_county)
    with pytest.raises(ValidationError) as error:
        problem.save()
    assert "title" in error.value.message_dict


def test_the_report_form_shows_the_refusal_on_its_field(world, login, open_period):
    page = login("mulei").post(
        f"/projects/{world.mulei_project.pk}/report/2026-09/",
        {"completed_investment": "100", "cumulative_investment": "900", "narrative": "a\u001bb"},
    )
    assert page.status_code in (200, 400)
    assert "U+001B" in page.content.decode()
    assert not ProgressReport.objects.exists()


def test_a_documents_page_breaks_become_line_breaks_and_other_controls_go():
    assert without_control_characters("第一页\x0c第二页\x00\x1b。") == "第一页\n第二页。"


def test_an_imported_text_with_page_breaks_is_read_not_refused():
    assert read_document("规划.txt", "第一章\x0c第二章 发展目标".encode()) == "第一章\n第二章 发展目标"
