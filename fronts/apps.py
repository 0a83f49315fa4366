from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class FrontsConfig(AppConfig):
    name = "fronts"
    verbose_name = _("Front pages")

    def ready(self):
        from articles import fronts
        from articles.demo import contributions

        from . import demo
        from . import dependencies as pages
        from .models import Alert, Front, Placement
        from .pages import placed_on

        # The home page and the section pages show the stories placed on them.
        fronts.register(placed_on)
        # seed_demo places demo stories on the home page and a section's page.
        contributions.register("fronts", demo.contribute)

        # What each write renews in the page cache (fronts/dependencies.py).
        for model, handler in (
            (Front, pages.front_changed),
            (Placement, pages.placement_changed),
            (Alert, pages.alert_changed),
        ):
            for signal in (post_save, post_delete):
                signal.connect(
                    handler, sender=model, dispatch_uid=f"fronts_pages_{model.__name__}"
                )
