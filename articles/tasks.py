"""Background work of the articles app, run by Django's tasks framework (at once by default,
by `manage.py db_worker` when NEWSROOM_TASKS=database)."""

from django.apps import apps
from django.tasks import task

from . import images, review


@task
def make_renditions(model_label, pk, name, crops=None, previous_name=""):
    """Make the renditions of row ``pk``'s image ``name``; nothing if the row is gone or holds
    another file by now (a newer upload has its own task)."""
    model = apps.get_model(model_label)
    slot = model.image_slot
    instance = model._default_manager.filter(pk=pk).first()
    if instance is None or getattr(instance, slot.file).name != name:
        return None
    return images.refresh_renditions(instance, slot, crops=crops, previous_name=previous_name)


@task
def notify_editors(article_id, base_url):
    """Email the editors about an article submitted for review; False when nobody was told."""
    return review.article_submitted(article_id, base_url=base_url)


@task
def notify_writers(article_id, base_url):
    """Email the writers of an article sent back to them; False when nobody was told."""
    return review.article_sent_back(article_id, base_url=base_url)
