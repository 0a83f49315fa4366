from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        from . import checks  # noqa: F401  (registers them)
        from .images import delete_files_of_deleted_row
        from .models import Article, ArticleImage, Author
        from .pages import articles_changed, relations_changed
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

        for model in self.get_models():
            for signal in (post_save, post_delete):
                signal.connect(
                    articles_changed, sender=model, dispatch_uid=f"articles_pages_{model.__name__}"
                )
        for relation in (Article.tags.through, Article.related.through):
            uid = f"articles_pages_{relation.__name__}"
            m2m_changed.connect(relations_changed, sender=relation, dispatch_uid=uid)
