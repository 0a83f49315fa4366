from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    """The project's own tables: what every app process shares (see ``newsroom.counters``)."""

    name = "newsroom"
    verbose_name = _("Newsroom")
