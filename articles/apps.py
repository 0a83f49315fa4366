from django.apps import AppConfig
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_migrate,
    post_save,
    pre_delete,
    pre_save,
)
from django.utils.translation import gettext_lazy as _
from reversion.signals import post_revision_commit


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        from pagecache import limit_lifetimes

        from . import checks  # noqa: F401  (registers them)
        from . import dependencies as pages
        from .images import delete_files_of_deleted_row, renditions_stored
        from .models import (
            Article,
            ArticleAuthor,
            ArticleImage,
            ArticleNote,
            Author,
            OldSlug,
            Section,
            Source,
            Tag,
            body_refreshed,
        )
        from .revisions import prune_after_revision, register
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

        # What each write renews in the page cache (articles/dependencies.py).
        def connect(signal, handler, model):
            uid = f"articles_pages_{handler.__name__}_{model.__name__}"
            signal.connect(handler, sender=model, dispatch_uid=uid)

        connect(pre_save, pages.article_saving, Article)
        connect(post_save, pages.article_saved, Article)
        connect(pre_delete, pages.article_deleting, Article)
        connect(post_delete, pages.article_deleted, Article)
        for part in (ArticleAuthor, ArticleImage, Source, OldSlug):
            connect(pre_save, pages.part_saving, part)
            connect(post_save, pages.part_changed, part)
            uid = f"articles_pages_gone_{part.__name__}"
            post_delete.connect(pages.part_changed, sender=part, dispatch_uid=uid)
        for model, handler in (
            (Section, pages.section_changed),
            (Tag, pages.tag_changed),
            (Author, pages.author_changed),
        ):
            connect(post_save, handler, model)
            post_delete.connect(
                handler, sender=model, dispatch_uid=f"articles_pages_gone_{model.__name__}"
            )
        connect(post_save, pages.note_changed, ArticleNote)
        connect(post_delete, pages.note_changed, ArticleNote)
        connect(m2m_changed, pages.tags_changing, Article.tags.through)
        connect(m2m_changed, pages.related_changed, Article.related.through)
        renditions_stored.connect(pages.renditions_stored, dispatch_uid="articles_renditions")
        body_refreshed.connect(pages.body_refreshed, dispatch_uid="articles_body_refreshed")
        limit_lifetimes(pages.next_publication_time)

        register((Article, ArticleAuthor, ArticleImage, Source))
        post_revision_commit.connect(prune_after_revision, dispatch_uid="articles_revisions")
