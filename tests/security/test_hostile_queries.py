"""Pages that read a query parameter answer hostile values with 400 or 404 (or ignore them), never 500."""

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# Every name a page reads from its query string (request.GET and the filter forms bound to it).
NAMES = (
    "page period year month unit plan report factor state status show scenario only stage cluster county q "
    "project kind event user address since until start end a b scenarios headline"
).split()
HOSTILE = (
    "\x00",
    "j\x00x",
    "9" * 40,
    "-1",
    "1e308",
    "NaN",
    "2026-13",
    "0000-01",
    "9999-99",
    "2026Q9",
    "２０２６",
    "' OR 1=1 --",
    "x" * 5000,
)
# Pages with parameters in their path are given these objects of the test world (or none: 404).
PATH = {"code": "fyp15", "period": "2026-09", "unit": "mulei", "action": "submit"}
PATH |= {"token": "set-password", "uidb64": "MQ"}


def _url(name: str, params: list[str], world) -> str:
    values = PATH | {"pk": world.mulei_project.pk}
    if name.startswith("indicators:"):
        values["pk"] = world.gdp.pk
    return reverse(name, kwargs={param: values.get(param, 1) for param in params})


@pytest.mark.parametrize("user", ["planner", "mulei"])
def test_every_get_page_answers_hostile_query_values_without_a_server_error(pages, client, world, user):
    client.force_login(world.users[user])
    client.raise_request_exception = False  # an exception in a view counts as the 500 it would be
    wrong = []
    for name, params in pages:
        if name in ("logout", "set_language", "healthz"):
            continue
        url = _url(name, params, world)
        if client.get(url).status_code == 405:
            continue  # POST only
        for value in HOSTILE:
            response = client.get(url, dict.fromkeys(NAMES, value))
            status = response.status_code
            if status >= 500 or ("\x00" in value and status != 400):
                wrong.append(f"{user} GET {url} ?…={value[:20]!r}: {status}")
    assert not wrong, "\n".join(wrong)
