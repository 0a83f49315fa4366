from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Pages")

    def ready(self):
        from .cache import page_changed
        from .models import Page

        for signal in (post_save, post_delete):
            signal.connect(page_changed, sender=Page, dispatch_uid=f"pages_cache_{signal}")
