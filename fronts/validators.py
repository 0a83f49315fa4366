"""Checks of what editors type into an alert: text that stays on one line, and a link that can
only lead to a page (never ``javascript:`` or another scheme)."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

_web_address = URLValidator(schemes=["http", "https"])


def validate_one_line(value):
    if any(character in value for character in "\r\n\u2028\u2029"):
        raise ValidationError(_("Keep the alert on one line."), code="line_break")


def validate_link(value):
    """An address on this site (``/articles/its-slug/``) or a full http(s) address."""
    # Browsers read "//host" and "/\\host" as another site's address.
    is_path = value.startswith("/") and not value.startswith("//")
    if is_path and "\\" not in value and not any(c.isspace() for c in value):
        return
    try:
        _web_address(value)
    except ValidationError:
        raise ValidationError(
            _("Give an address on this site starting with /, or a full https:// address."),
            code="invalid_link",
        ) from None
