from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        from .images import delete_files_of_deleted_row
        from .models import ArticleImage, Author
        from .search import restore_sqlite_triggers

        post_migrate.connect(
            restore_sqlite_triggers, sender=self, dispatch_uid="articles_search_triggers"
        )

        # A signal rather than delete(): deleting an article deletes its images in bulk.
        for model in (ArticleImage, Author):
            post_delete.connect(
                delete_files_of_deleted_row,
                sender=model,
                dispatch_uid=f"articles_delete_{model.__name__}_files",
            )
