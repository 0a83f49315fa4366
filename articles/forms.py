"""Admin forms of the models that hold uploaded pictures.

Uploads are checked by ``articles.images.validate_image_file`` inside the form field itself:
Django's own ``ImageField`` check would otherwise answer first with a vaguer message (and a
decompression bomb would be refused as "not an image"). See ``UploadedImageField``.
"""

from django import forms
from django.conf import settings
from django.contrib.admin.widgets import AdminFileWidget

from . import images
from .models import ArticleImage, Author


class UploadedImageField(forms.ImageField):
    """An image upload refused with a precise message unless it is a picture we accept."""

    def to_python(self, data):
        # FileField's checks (a file was sent, it has a name, it is not empty), then ours in
        # place of ImageField's: ours open, verify and decode the picture with more care.
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        info = images.validate_image_file(upload)
        upload.name = images.stored_name(upload.name, info)
        upload.content_type = images.MIME_TYPES[info.format]
        upload.image_info = info  # read by the forms' clean(), e.g. for the lead image width
        return upload

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput):
            attrs["accept"] = ",".join(images.ACCEPTED_MIME_TYPES)
        return attrs


class OriginalFileWidget(AdminFileWidget):
    """The admin's file input, naming the current original without linking to it: originals
    have no URL (``articles/storage.py``)."""

    template_name = "articles/widgets/original_file_input.html"

    def is_initial(self, value):
        return bool(value and getattr(value, "name", None))


class FocalPointMixin:
    """Focal point fields may be left empty: the picture's centre is used then."""

    focal_fields = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.focal_fields:
            if name in self.fields:
                self.fields[name].required = False

    def clean(self):
        cleaned_data = super().clean()
        for name in self.focal_fields:
            if name in self.fields and cleaned_data.get(name) is None and name not in self.errors:
                cleaned_data[name] = self._meta.model._meta.get_field(name).get_default()
        return cleaned_data


def _width(field_file, instance_width):
    """Width of an upload just validated, or of the file the instance already has."""
    info = getattr(field_file, "image_info", None)
    return info.width if info else instance_width


class ArticleImageForm(FocalPointMixin, forms.ModelForm):
    focal_fields = ("focal_x", "focal_y")

    class Meta:
        model = ArticleImage
        fields = [
            "article",
            "image",
            "alt_text",
            "is_decorative",
            "caption",
            "credit",
            "credit_url",
            "licence",
            "is_lead",
            "order",
            "focal_x",
            "focal_y",
        ]
        field_classes = {"image": UploadedImageField}
        widgets = {"image": OriginalFileWidget}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "image" in self.fields:
            self.fields["image"].help_text = images.upload_help_text(lead=True)

    def clean(self):
        cleaned_data = super().clean()
        image = cleaned_data.get("image")
        if cleaned_data.get("is_lead") and image:
            width = _width(image, self.instance.width)
            try:
                images.check_width(width, min_width=settings.NEWSROOM_LEAD_IMAGE_MIN_WIDTH)
            except forms.ValidationError as error:
                self.add_error("image", error)
        return cleaned_data


class AuthorForm(FocalPointMixin, forms.ModelForm):
    focal_fields = ("photo_focal_x", "photo_focal_y")

    class Meta:
        model = Author
        fields = ["name", "slug", "bio", "photo", "photo_focal_x", "photo_focal_y", "user"]
        field_classes = {"photo": UploadedImageField}
        widgets = {"photo": OriginalFileWidget}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "photo" in self.fields:
            self.fields["photo"].help_text = images.upload_help_text()
