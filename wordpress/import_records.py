"""What earlier runs made: each object recorded under its WordPress id, so that a second run
updates it."""

from django.contrib.contenttypes.models import ContentType

from articles.models import ArticleImage

from .models import ImportedObject
from .rules import (
    record_key,
)

Kind = ImportedObject.Kind


class RecordsMixin:
    """Part of ``WordPressImport``: the records of what each WordPress id became."""

    def _upsert(self, kind, wordpress_id, model, values, *, find=None, update=True, related=None):
        """The object made from ``wordpress_id`` earlier (or ``find()``), brought up to date
        with ``values``, or a new one (given the ``related`` objects as well); and "created",
        "updated" or "unchanged"."""
        wordpress_id = record_key(wordpress_id)
        found = self._mapped(kind, wordpress_id, model)
        mapped = found is not None
        if found is None and find is not None:
            found = find()
        if found is None:
            found, outcome = model(**values), "created"
            for name, value in (related or {}).items():
                setattr(found, name, value)
            found.save()
        else:
            outcome = self._update(found, values) if update else "unchanged"
        if not mapped:
            self._map(kind, wordpress_id, found)
        return found, outcome

    def _update(self, instance, values):
        changed = {
            name: value for name, value in values.items() if getattr(instance, name) != value
        }
        if not changed:
            return "unchanged"
        for name, value in changed.items():
            setattr(instance, name, value)
        instance.save()
        return "updated"

    def _mapped(self, kind, wordpress_id, model):
        entry = self.mapping.get((kind, record_key(wordpress_id)))
        if entry is None:
            return None
        if kind not in self.objects:
            ids = [object_id for (k, _w), (_pk, object_id) in self.mapping.items() if k == kind]
            self.objects[kind] = model._default_manager.in_bulk(ids)
        return self.objects[kind].get(entry[1])

    def _mapped_of_post(self, post_id):
        """The images earlier runs made for a post, by their WordPress id."""
        if not hasattr(self, "_images_by_post"):
            self._images_by_post = {}
            for kind, wordpress_id in self.mapping:
                if kind == Kind.IMAGE:
                    post = wordpress_id.split("/", 1)[0]
                    self._images_by_post.setdefault(post, []).append(wordpress_id)
        return {
            wordpress_id: image
            for wordpress_id in self._images_by_post.get(str(post_id), [])
            if (image := self._mapped(Kind.IMAGE, wordpress_id, ArticleImage)) is not None
        }

    def _map(self, kind, wordpress_id, instance):
        content_type = ContentType.objects.get_for_model(instance)
        known = self.mapping.get((kind, record_key(wordpress_id)))
        if known is not None:  # its object was deleted here since: the new one takes its place
            ImportedObject.objects.filter(pk=known[0]).update(
                content_type=content_type, object_id=instance.pk
            )
            return
        self.new_mappings.append(
            ImportedObject(
                site=self.site_key,
                kind=kind,
                wordpress_id=record_key(wordpress_id),
                content_type=content_type,
                object_id=instance.pk,
            )
        )

    def _save_mappings(self):
        ImportedObject.objects.bulk_create(self.new_mappings, batch_size=500)
