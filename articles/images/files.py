"""Keeping an image's files in step with its row: renditions made when a file or a focal point
changes, and replaced or deleted files removed after commit, never while another row still uses
them (demo articles share a few pictures).

``ImageSlot`` names the fields of one image; ``StoredImageMixin`` (``saving.py``) is the save()
of the models that hold one, and a ``post_delete`` receiver (connected in
``ArticlesConfig.ready()``) calls ``delete_after_delete()``.
"""

from dataclasses import dataclass

from django.db import transaction
from django.dispatch import Signal

from ..storage import delete_files
from .processing import build
from .renditions import CROPS, all_names

# Sent with ``instance`` when renditions are written to its row, which sends no save signal:
# pages showing the image go out of date (articles/dependencies.py).
renditions_stored = Signal()


@dataclass(frozen=True)
class ImageSlot:
    """Names of the fields holding one image: its file, focal point and renditions."""

    file: str
    focal_x: str
    focal_y: str
    renditions: str


@dataclass(frozen=True)
class _Stored:
    name: str
    focal: tuple
    renditions: dict


def stored_state(instance, slot):
    """The image as the database holds it now (before a save), or None for a new row."""
    if instance._state.adding or instance.pk is None:
        return None
    row = (
        type(instance)
        ._default_manager.filter(pk=instance.pk)
        .values_list(slot.file, slot.focal_x, slot.focal_y, slot.renditions)
        .first()
    )
    if row is None:
        return None
    name, focal_x, focal_y, renditions = row
    return _Stored(name or "", (focal_x, focal_y), renditions or {})


def has_new_file(instance, slot):
    """True while a file assigned to the field is not yet stored (Django stores it on save)."""
    return not getattr(getattr(instance, slot.file), "_committed", True)


def refresh_renditions(instance, slot, *, crops=None, previous_name=""):
    """Make the renditions of ``instance``'s image (all, or only ``crops``, keeping the others),
    store them, and delete the ones they replace after commit. Returns the stored values."""
    field_file = getattr(instance, slot.file)
    name = field_file.name
    focal = (getattr(instance, slot.focal_x), getattr(instance, slot.focal_y))
    old_renditions = getattr(instance, slot.renditions) or {}
    if crops is None:
        built = build(name, storage=field_file.storage, focal=focal)
        renditions = built.renditions
        field = instance._meta.get_field(slot.file)
        # The size readers see, EXIF orientation applied.
        values = {
            slot.renditions: renditions,
            field.width_field: built.width,
            field.height_field: built.height,
        }
    else:
        kept = old_renditions.get("crops", {})
        built = build(name, storage=field_file.storage, focal=focal, crops=crops)
        merged = {**kept, **built.renditions["crops"]}
        renditions = {"crops": {crop: merged[crop] for crop in CROPS if crop in merged}}
        values = {slot.renditions: renditions}
    store(instance, values)
    doomed = set(all_names(old_renditions)) - set(all_names(renditions))
    delete_on_commit(instance, slot, previous_name or name, doomed)
    return values


def delete_files_of_deleted_row(sender, instance, **kwargs):
    """``post_delete`` receiver of models with an ``image_slot`` (see ``ArticlesConfig``)."""
    delete_after_delete(instance, sender.image_slot)


def delete_after_delete(instance, slot):
    """Delete the original and renditions of a deleted row, after commit."""
    name = getattr(instance, slot.file).name or ""
    renditions = getattr(instance, slot.renditions)
    delete_on_commit(instance, slot, name, all_names(renditions), original=bool(name))


def store(instance, values):
    type(instance)._default_manager.filter(pk=instance.pk).update(**values)
    renditions_stored.send(sender=type(instance), instance=instance)
    for attname, value in values.items():
        setattr(instance, attname, value)


def delete_on_commit(instance, slot, original_name, names, *, original=False):
    """After commit, delete ``names`` (and the original) unless another row uses the original."""
    model, pk = type(instance), instance.pk
    storage = getattr(instance, slot.file).storage
    names = sorted(names)
    if not names and not original:
        return

    def delete():
        others = model._default_manager.exclude(pk=pk)
        if original_name and others.filter(**{slot.file: original_name}).exists():
            return  # shared with another row (demo pictures): its renditions are shared too
        delete_files(names)
        if original:
            delete_files([original_name], storage=storage)

    transaction.on_commit(delete)
