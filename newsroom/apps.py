from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    """The project package. It has no models: its migrations made the table of counters that
    ``safeguards`` now owns, and stay so that existing databases keep their history."""

    name = "newsroom"
    verbose_name = _("Newsroom")
