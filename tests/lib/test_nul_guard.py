"""A NUL in the query string is refused with 400 on every page and API call (PostgreSQL cannot hold one)."""

import pytest


@pytest.mark.parametrize(
    "path",
    [
        "/projects/dispatch/unit/?unit=%00",
        "/supervision/?unit=mu%00lei",
        "/projects/problems/?unit=%00",
        "/?period=%00",
    ],
)
def test_a_page_given_a_nul_in_its_query_answers_400_in_chinese(login, path):
    response = login("planner").get(path, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 400 and "空字符" in response.content.decode()


def test_an_api_call_given_a_nul_in_its_query_answers_a_json_400(login):
    response = login("planner").get("/api/v1/projects?plan=a%00b")
    assert response.status_code == 400 and response.json()["detail"]


def test_a_query_without_a_nul_passes(login):
    assert login("planner").get("/projects/dispatch/unit/?unit=mulei").status_code == 200
