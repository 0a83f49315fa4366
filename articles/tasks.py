"""The articles app's tasks: telling editors and writers of the review's moves; and the images'
task, under the path tasks queued before it moved to ``articles.images.tasks`` name (the
database queue finds them here)."""

from django.tasks import task

from . import review
from .images.tasks import make_renditions  # noqa: F401


@task
def notify_editors(article_id, base_url):
    """Email the editors about an article submitted for review; False when nobody was told."""
    return review.article_submitted(article_id, base_url=base_url)


@task
def notify_writers(article_id, base_url):
    """Email the writers of an article sent back to them; False when nobody was told."""
    return review.article_sent_back(article_id, base_url=base_url)
