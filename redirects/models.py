"""Old addresses that still lead somewhere: a site that moved here keeps its inbound links.

An address a reader asks for is looked up only when nothing else answers it (a 404), or, for the
query-string addresses older sites used (``/?p=123``), before the page is made: the path alone
(``/``) is the home page there. See ``redirects.middleware``.
"""

from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# The query parameters that name a post, page, category or attachment on a WordPress site
# without pretty permalinks: ``/?p=123``, ``/?page_id=2``, ``/?cat=5``, ``/?attachment_id=9``.
ID_PARAMETERS = ("p", "page_id", "cat", "attachment_id")


def normalize_old_path(address):
    """``address`` as requests show it: path decoded (``/caf%C3%A9/`` -> ``/café/``), no domain,
    and at most one query parameter among ``ID_PARAMETERS`` (``/?p=123``)."""
    parts = urlsplit(address.strip())
    path = unquote(parts.path) or "/"
    if not path.startswith("/"):
        path = "/" + path
    for name, _sep, value in (pair.partition("=") for pair in parts.query.split("&")):
        if name in ID_PARAMETERS and value:
            return f"{path}?{name}={unquote(value)}"
    return path


def is_safe_target(address):
    """A site-relative path (never ``//host``) or an http(s) address."""
    if address.startswith("/"):
        return not address.startswith(("//", "/\\"))
    return urlsplit(address).scheme in {"http", "https"}


class RedirectQuerySet(models.QuerySet):
    def target_for(self, old_paths):
        """Where the first of ``old_paths`` that has a redirect leads, or None."""
        found = dict(self.filter(old_path__in=old_paths).values_list("old_path", "new_path"))
        return next((found[path] for path in old_paths if path in found), None)


class Redirect(models.Model):
    old_path = models.CharField(
        _("old address"),
        max_length=500,
        unique=True,
        help_text=_(
            "The address readers and search engines still ask for, without the domain: "
            "/2019/05/21/a-story/ or /?p=123."
        ),
    )
    new_path = models.CharField(
        _("new address"),
        max_length=500,
        help_text=_(
            "Where it leads now: an address of this site (/articles/a-story/) or a full "
            "https:// address."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = RedirectQuerySet.as_manager()

    class Meta:
        ordering = ["old_path"]
        verbose_name = _("redirect")
        verbose_name_plural = _("redirects")

    def __str__(self):
        return f"{self.old_path} → {self.new_path}"

    def clean(self):
        super().clean()
        self.old_path = normalize_old_path(self.old_path)
        self.new_path = self.new_path.strip()
        if not is_safe_target(self.new_path):
            raise ValidationError(
                {"new_path": _("Give an address of this site starting with / or an https:// one.")}
            )
        if normalize_old_path(self.new_path) == self.old_path:
            raise ValidationError({"new_path": _("An address cannot lead to itself.")})
