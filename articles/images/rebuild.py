"""Making every rendition again, original by original (``manage.py rebuild_renditions``)."""

from django.db import transaction

from pagecache import renew_everything

from ..storage import delete_files
from .processing import build
from .renditions import CROPS, all_names


def originals(model, slot):
    """``[(original name, [pk, ...])]`` of every row of ``model`` with a file, by original.

    Rows sharing a file (demo articles) are rebuilt together, from one decoding.
    """
    rows = (
        model._default_manager.exclude(**{slot.file: ""})
        .exclude(**{f"{slot.file}__isnull": True})
        .order_by(slot.file, "pk")
        .values_list(slot.file, "pk")
    )
    grouped = {}
    for name, pk in rows:
        grouped.setdefault(name, []).append(pk)
    return list(grouped.items())


def rebuild(model, slot, name, pks):
    """Make the renditions of the original ``name`` again, for the rows ``pks`` that use it.

    Old rendition files are deleted once the new ones are recorded. Returns how many files were
    written. Raises if the original cannot be read; nothing is changed then.
    """
    field = model._meta.get_field(slot.file)
    rows = model._default_manager.filter(pk__in=pks).values_list(
        "pk", slot.focal_x, slot.focal_y, slot.renditions
    )
    by_focal, old_names = {}, set()
    for pk, focal_x, focal_y, renditions in rows:
        by_focal.setdefault((focal_x, focal_y), []).append(pk)
        old_names.update(all_names(renditions))

    built, written = {}, []
    try:
        for focal in by_focal:
            # The whole picture does not depend on the focal point: made once, then shared.
            crops = None if not built else [crop for crop, ratio in CROPS.items() if ratio]
            result = build(name, storage=field.storage, focal=focal, crops=crops)
            written += all_names(result.renditions)
            built[focal] = result
    except BaseException:
        delete_files(written)
        raise

    first = next(iter(built.values()))
    with transaction.atomic():
        for focal, pks_of_focal in by_focal.items():
            crops = {**first.renditions["crops"], **built[focal].renditions["crops"]}
            model._default_manager.filter(pk__in=pks_of_focal).update(
                **{
                    slot.renditions: {"crops": {crop: crops[crop] for crop in CROPS}},
                    field.width_field: first.width,
                    field.height_field: first.height,
                }
            )
        doomed = sorted(old_names - set(written))
        transaction.on_commit(lambda: delete_files(doomed))
        renew_everything()
    return len(written)
