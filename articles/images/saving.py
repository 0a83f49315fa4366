"""The save() of a model holding an image: its renditions follow what was saved."""

from django.tasks import TaskResultStatus

from .files import delete_on_commit, has_new_file, store, stored_state
from .renditions import CROPS, all_names
from .tasks import make_renditions


class StoredImageMixin:
    """For a model with an ``image_slot`` (``files.ImageSlot``): a new file gets its renditions,
    a moved focal point new crops; replaced files are deleted after commit."""

    def save(self, *args, **kwargs):
        before = stored_state(self, self.image_slot)
        new_file = has_new_file(self, self.image_slot)
        super().save(*args, **kwargs)
        update_after_save(self, self.image_slot, before, new_file=new_file)


def update_after_save(instance, slot, before, *, new_file=False):
    """Bring renditions in line with what was just saved; clean up replaced files after commit.

    ``before`` is ``stored_state()`` read before the save, ``new_file`` ``has_new_file()``. A
    new file gets all renditions, a moved focal point new crops, both made by the task
    ``make_renditions`` (``tasks.py``): at once by default, by the worker with a task queue
    (pages show the original until then). Anything else changes nothing.
    """
    name = getattr(instance, slot.file).name or ""
    focal = (getattr(instance, slot.focal_x), getattr(instance, slot.focal_y))
    old_name = before.name if before else ""

    if new_file or name != old_name:
        if old_name and old_name != name:
            delete_on_commit(instance, slot, old_name, [], original=True)
        if not name:
            old_renditions = before.renditions if before else {}
            store(instance, {slot.renditions: {}})
            delete_on_commit(instance, slot, old_name, all_names(old_renditions))
            return
        crops = None
    elif before is not None and name and focal != before.focal:
        # The whole picture does not depend on the focal point: kept, unless it was never made.
        kept = before.renditions.get("crops", {})
        crops = [crop for crop, ratio in CROPS.items() if ratio or crop not in kept]
    else:
        return
    _schedule_renditions(instance, name, crops, previous_name=old_name)


def _schedule_renditions(instance, name, crops, *, previous_name):
    result = make_renditions.enqueue(
        instance._meta.label, instance.pk, name, crops, previous_name=previous_name
    )
    if result.status == TaskResultStatus.SUCCESSFUL and result.return_value:
        for attname, value in result.return_value.items():  # made at once: keep in step
            setattr(instance, attname, value)
