"""The background work of images, run by Django's tasks framework (at once by default, by
`manage.py db_worker` when NEWSROOM_TASKS=database)."""

from django.apps import apps
from django.tasks import task

from .files import refresh_renditions


@task
def make_renditions(model_label, pk, name, crops=None, previous_name=""):
    """Make the renditions of row ``pk``'s image ``name``; nothing if the row is gone or holds
    another file by now (a newer upload has its own task)."""
    model = apps.get_model(model_label)
    slot = model.image_slot
    instance = model._default_manager.filter(pk=pk).first()
    if instance is None or getattr(instance, slot.file).name != name:
        return None
    return refresh_renditions(instance, slot, crops=crops, previous_name=previous_name)
