"""People as pages name them: their display name (orgs.Profile), never their login when a name is known."""

from django.core.exceptions import ObjectDoesNotExist


def display_name(user, default: str = "") -> str:
    """Return the name a person is shown by: display name, else full name, else login; `default` for none."""
    if user is None:
        return default
    try:
        name = user.profile.display_name
    except (AttributeError, ObjectDoesNotExist):
        name = ""
    return name or user.get_full_name().strip() or user.get_username() or default
