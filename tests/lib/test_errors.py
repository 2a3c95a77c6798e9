"""One translation of errors: the text of a ValidationError, its messages by field, its HTTP status."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from lantu.lib.errors import StaleEdit, error_text, http_status, labelled_text, messages_by_field


def test_error_text_joins_every_message_and_a_refusal_gives_its_reason():
    with translation.override("en"):  # activate() would leave English to the worker's next tests
        error = ValidationError({"value": ["Too big.", "Not a number."], "period": ["Unknown month."]})
        assert error_text(error) == "Too big. Not a number. Unknown month."
        assert error_text(PermissionDenied("Only planners.")) == "Only planners."
        assert error_text(PermissionDenied()) == "You do not have permission to see or change this page."


def test_messages_by_field_keeps_the_field_names_and_puts_loose_messages_under_all():
    assert messages_by_field(ValidationError({"value": "Too big."})) == {"value": ["Too big."]}
    assert messages_by_field(ValidationError(["A.", "B."])) == {"__all__": ["A.", "B."]}
    assert labelled_text(ValidationError({"value": "Too big."})) == "value: Too big."


def test_a_stale_edit_is_a_conflict_a_refusal_forbidden_and_bad_input_a_bad_request():
    assert http_status(StaleEdit("reload")) == 409
    assert http_status(PermissionDenied("no")) == 403
    assert http_status(ValidationError("bad")) == 400
