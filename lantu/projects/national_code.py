"""The national project code (项目代码) in the user's language: core.project_code's problems as messages."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lantu.core import project_code
from lantu.core.project_code import CodeProblem


def code_problem_message(value: str) -> str | None:
    """Return why the text is not a national project code, in the user's language, or None."""
    found = project_code.problem(value)
    if found is None:
        return None
    example = "2107-652301-04-01-583026"
    messages = {
        CodeProblem.LENGTH: _("A national project code has 24 characters, like %(example)s."),
        CodeProblem.SHAPE: _(
            "A national project code is 4-6-2-2-6 digits joined by hyphens, like %(example)s."
        ),
        CodeProblem.TIME: _("The code's first four digits are not a year (2014 on) or a year and month."),
        CodeProblem.REGION: _("The code's region (digits 6 to 11) is not in a Chinese province."),
    }
    return messages[found] % {"example": example}


def normalize_code(value: str) -> str:
    """Return the code with full-width digits and other dashes folded, as it is stored."""
    return project_code.normalize(value)


def validate_national_code(value: str) -> None:
    """Refuse a national project code (项目代码) that does not have the platform's shape."""
    message = code_problem_message(value)
    if message is not None:
        raise ValidationError(message, code="national_code")
