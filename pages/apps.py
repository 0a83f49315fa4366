from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Pages")

    def ready(self):
        from articles.demo import contributions

        from . import demo
        from .dependencies import page_changed
        from .models import Page

        contributions.register("pages", demo.contribute)  # About, Legal notice, Privacy policy

        post_save.connect(page_changed, sender=Page, dispatch_uid="pages_cache_saved")
        post_delete.connect(page_changed, sender=Page, dispatch_uid="pages_cache_deleted")
