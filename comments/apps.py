from django.apps import AppConfig
from django.core import signals
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = _("Comments")

    def ready(self):
        from articles.demo import contributions

        from . import commenter_tasks, demo
        from .dependencies import comment_deleted, comment_saved
        from .kept_threads import make_again_when_moderated
        from .models import Comment, comment_moderated

        contributions.register("comments", demo.contribute)  # a few threads, one pending
        signals.request_started.connect(
            commenter_tasks.request_started, dispatch_uid="comments_mail_after_response"
        )
        signals.request_finished.connect(
            commenter_tasks.request_finished, dispatch_uid="comments_mail_after_response"
        )
        post_save.connect(comment_saved, sender=Comment, dispatch_uid="comments_pages_saved")
        post_delete.connect(comment_deleted, sender=Comment, dispatch_uid="comments_pages_deleted")
        comment_moderated.connect(
            make_again_when_moderated, sender=Comment, dispatch_uid="comments_threads_made_again"
        )
