"""Originals leave the public media for a store of their own; renditions get random names.

Before, an upload lived at ``media/articles/2026/05/harbour.jpg``, its GPS position and camera
serial included, and its renditions at ``media/renditions/articles/2026/05/harbour/…``: all
public, and each rendition's address led to the original's. After, the original is in the
``originals`` storage, which no server serves and which has no URL (``articles/storage.py``),
and each rendition is renamed ``renditions/3f/9c…e1.jpg``. The old addresses answer 404; pages
show the same pictures under their new names.

Files are moved one original at a time (a copy, the rows updated, then the old file deleted),
outside a transaction: an interrupted run can simply be run again. Going back puts the
originals in the public media again, at their old names; renditions keep their new ones.
"""

import os
import re
import secrets

from django.core.files.storage import FileSystemStorage, storages
from django.db import migrations, models

import articles.storage

# (model, file field, renditions field)
SLOTS = [("ArticleImage", "image", "renditions"), ("Author", "photo", "photo_renditions")]
RANDOM_NAME = re.compile(r"^renditions/[0-9a-f]{2}/[0-9a-f]{30}\.[a-z0-9]+$")


def random_name(old_name):
    token = secrets.token_hex(16)
    extension = old_name.rsplit(".", 1)[-1].lower()
    return f"renditions/{token[:2]}/{token[2:]}.{extension}"


def copy(name, source, target, target_name=None):
    """Copy ``name`` from ``source`` into ``target``; its name there."""
    with source.open(name, "rb") as file:
        return target.save(target_name or name, file)


def renamed(renditions, names, storage):
    """``renditions`` (the JSON) with every rendition under a random name, copied once for all
    the rows that share it (``names``: old name -> new name)."""
    for formats in (renditions or {}).get("crops", {}).values():
        for entries in formats.values():
            for entry in entries:
                old = entry["name"]
                if RANDOM_NAME.match(old):
                    continue  # renamed by an earlier, interrupted run
                if old not in names:
                    if not storage.exists(old):
                        continue  # lost long ago: nothing to move
                    names[old] = copy(old, storage, storage, random_name(old))
                entry["name"] = names[old]
    return renditions


def remove_empty_folders(storage):
    """Folders that held only moved files would still spell out the originals' names."""
    if not isinstance(storage, FileSystemStorage) or not os.path.isdir(storage.location):
        return
    for folder, subfolders, files in os.walk(storage.location, topdown=False):
        if folder != storage.location and not files and not os.listdir(folder):
            os.rmdir(folder)


def originals_to_private_store(apps, schema_editor):
    public, private = storages["default"], storages["originals"]
    for model_name, file_field, renditions_field in SLOTS:
        model = apps.get_model("articles", model_name)
        rows = (
            model.objects.exclude(**{file_field: ""})
            .order_by(file_field, "pk")
            .values_list("pk", file_field, renditions_field)
        )
        by_original = {}
        for pk, name, renditions in rows:
            by_original.setdefault(name, []).append((pk, renditions))
        old_renditions = {}
        for name, shared in by_original.items():
            in_public = public.exists(name)
            if in_public and not private.exists(name):
                stored = copy(name, public, private)
            else:
                stored = name  # moved already, or missing: the row keeps its name
            for pk, renditions in shared:
                model.objects.filter(pk=pk).update(
                    **{
                        file_field: stored,
                        renditions_field: renamed(renditions, old_renditions, public),
                    }
                )
            if in_public and private.exists(stored):
                public.delete(name)
        for old in old_renditions:
            public.delete(old)
    remove_empty_folders(public)


def originals_to_public_media(apps, schema_editor):
    public, private = storages["default"], storages["originals"]
    for model_name, file_field, _renditions_field in SLOTS:
        model = apps.get_model("articles", model_name)
        names = model.objects.exclude(**{file_field: ""}).values_list(file_field, flat=True)
        for name in sorted(set(names)):
            if not private.exists(name):
                continue
            stored = name if public.exists(name) else copy(name, private, public)
            model.objects.filter(**{file_field: name}).update(**{file_field: stored})
            private.delete(name)


class Migration(migrations.Migration):
    atomic = False  # files cannot be rolled back: each original is moved as a unit instead

    dependencies = [
        ("articles", "0004_search_index"),
    ]

    operations = [
        migrations.AlterField(
            model_name="articleimage",
            name="image",
            field=models.ImageField(
                height_field="height",
                storage=articles.storage.originals,
                upload_to="articles/%Y/%m/",
                verbose_name="image file",
                width_field="width",
            ),
        ),
        migrations.AlterField(
            model_name="author",
            name="photo",
            field=models.ImageField(
                blank=True,
                height_field="photo_height",
                storage=articles.storage.originals,
                upload_to="authors/",
                verbose_name="photo",
                width_field="photo_width",
            ),
        ),
        migrations.RunPython(originals_to_private_store, originals_to_public_media),
    ]
