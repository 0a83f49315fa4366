"""Background work of the comments app, run by Django's tasks framework (at once by default,
by `manage.py db_worker` when NEWSROOM_TASKS=database)."""

from django.tasks import task

from . import notify


@task
def notify_moderators(comment_id, base_url):
    """Email the moderators about a held comment; False when nobody could be told."""
    return notify.comment_held(comment_id, base_url=base_url)
