"""Text people type: refuse control characters (other than tab and line breaks) in one place.

Forms, API schemas (`lantu.lib.schemas.Text`) and every service's save (`refuse_on_save`, a pre_save
guard over Lantu's models) call `refuse_control_characters`, so a stray ESC or NUL never reaches the
database, the pages or the spreadsheets written from it.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

# C0 controls but tab, line feed and carriage return; DEL; C1 controls; lone surrogates; non-characters.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
CODE = "control_character"


def control_character_message(value: str) -> str | None:
    """Return why a text is refused (its first control character and where), or None when it is clean."""
    found = CONTROL.search(value)
    if found is None:
        return None
    return _("Character %(position)s is a control character (U+%(code)04X); remove it and save again.") % {
        "position": found.start() + 1,
        "code": ord(found.group()),
    }


def without_control_characters(text: str) -> str:
    """Return a document's text without control characters; page breaks become line breaks."""
    return CONTROL.sub("", text.replace("\x0c", "\n").replace("\x0b", "\n"))


def refuse_control_characters(value: object) -> None:
    """Raise ValidationError when a text holds a control character (tab and line breaks are allowed)."""
    if isinstance(value, str) and (message := control_character_message(value)) is not None:
        raise ValidationError(message, code=CODE)


def _text_fields(model: type[models.Model]) -> list[str]:
    allowed = set(getattr(model, "control_characters_allowed", ()))
    return [
        field.attname
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField) and field.name not in allowed
    ]


def refuse_on_save(sender, instance, raw=False, **kwargs) -> None:
    """Refuse to save a Lantu object whose text holds a control character (a pre_save receiver)."""
    if raw or not sender.__module__.startswith("lantu.") or sender.__name__.startswith("Historical"):
        return
    errors = {}
    for name in _text_fields(sender):
        value = getattr(instance, name, None)
        message = control_character_message(value) if isinstance(value, str) else None
        if message is not None:
            errors[name.removesuffix("_id")] = [ValidationError(message, code=CODE)]
    if errors:
        raise ValidationError(errors)
