from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = _("Comments")

    def ready(self):
        from articles.demo import contributions

        from . import demo
        from .dependencies import comment_deleted, comment_saved
        from .models import Comment

        contributions.register("comments", demo.contribute)  # a few threads, one pending

        post_save.connect(comment_saved, sender=Comment, dispatch_uid="comments_pages_saved")
        post_delete.connect(comment_deleted, sender=Comment, dispatch_uid="comments_pages_deleted")
