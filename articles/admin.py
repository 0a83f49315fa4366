from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from reversion.admin import VersionAdmin

from . import admin_extensions
from .admin_desk import WritingDeskMixin
from .admin_revisions import RevisionCompareMixin
from .admin_workflow import AwaitingReviewFilter, WorkflowAdminMixin, may_edit
from .forms import ArticleImageForm, AuthorForm
from .images import renditions
from .locking import OptimisticLockMixin
from .models import (
    Article,
    ArticleAuthor,
    ArticleImage,
    ArticleNote,
    Author,
    Section,
    Source,
    Tag,
)

THUMBNAIL_WIDTH = 120
# What only holders of ``articles.publish_article`` may change.
PUBLICATION_FIELDS = ["status", "published_at"]


def thumbnail(file, stored_renditions=None, *, alt=""):
    """A small ``<img>`` of the whole picture: its smallest JPEG rendition. Never the original,
    which has no URL: until the renditions are made, a word says so."""
    if not file:
        return "—"
    smallest = renditions.closest(stored_renditions, THUMBNAIL_WIDTH)
    if not smallest:
        return format_html('<span class="help">{}</span>', _("Being prepared…"))
    width, height = smallest["width"], smallest["height"]
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="{}" class="newsroom-thumbnail">',
        default_storage.url(smallest["name"]),
        THUMBNAIL_WIDTH,
        round(THUMBNAIL_WIDTH * height / width),
        alt,
    )


def image_thumbnail(image):
    return thumbnail(image.image, image.renditions, alt=image.alt)


def author_thumbnail(author):
    return thumbnail(author.photo, author.photo_renditions, alt=author.name)


def focal_point_control(thumbnail_html, x_field, y_field):
    """A thumbnail that focal_point.js makes clickable, to fill the focal point fields.

    Without JavaScript it stays a plain thumbnail and editors type the numbers instead.
    """
    return format_html(
        '<span class="focal-point" data-focal-x="{}" data-focal-y="{}">{}'
        '<span class="focal-point__marker" hidden></span></span>'
        '<span class="focal-point__hint help" hidden>{}</span>',
        x_field,
        y_field,
        thumbnail_html,
        _("Click the picture on the point that crops must keep in view."),
    )


def publication_changed(article):
    """Whether saving ``article`` would publish, unpublish or reschedule it."""
    stored = (
        Article.objects.filter(pk=article.pk).values(*PUBLICATION_FIELDS).first()
        if article.pk
        else None
    ) or {"status": Article.Status.DRAFT, "published_at": None}
    if article.published_at != stored["published_at"]:
        return True
    # Draft and review are the writers' own moves; readers see no change.
    public = {Article.Status.PUBLISHED, Article.Status.UNPUBLISHED}
    return article.status != stored["status"] and bool(public & {article.status, stored["status"]})


class BylineInline(admin.TabularInline):
    model = ArticleAuthor
    extra = 0
    min_num = 1
    validate_min = True
    autocomplete_fields = ["author"]
    fields = ["author", "order"]


class ImageInlineFormSet(BaseInlineFormSet):
    """Across the article's images: at most one lead image, and distinct numbers."""

    def clean(self):
        super().clean()
        kept = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        if sum(1 for data in kept if data.get("is_lead")) > 1:
            raise ValidationError(_("Only one image can be the lead image."))
        numbers = [data.get("order") for data in kept]
        if len(numbers) != len(set(numbers)):
            raise ValidationError(_("Give each image its own number."))


class ImageInline(admin.StackedInline):
    model = ArticleImage
    form = ArticleImageForm
    formset = ImageInlineFormSet
    extra = 0
    fields = [
        ("preview", "image"),
        ("focal_x", "focal_y"),
        ("alt_text", "is_decorative"),
        "caption",
        ("credit", "credit_url", "licence"),
        ("is_lead", "order"),
    ]
    readonly_fields = ["preview", "original_name"]

    class Media:
        css = {"all": ["articles/admin/focal_point.css"]}
        js = ["articles/admin/focal_point.js"]

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is None or may_edit(request.user, obj):
            return fields
        # Read only, the file field would link to the original, which has no URL.
        return [
            ("preview", "original_name") if row == ("preview", "image") else row for row in fields
        ]

    @admin.display(description=_("Image file"))
    def original_name(self, obj):
        return obj.image.name.rsplit("/", 1)[-1] if obj.image else "—"

    @admin.display(description=_("Thumbnail"))
    def preview(self, obj):
        if not obj.image or not obj.renditions:
            return image_thumbnail(obj)  # nothing to click on until renditions are made
        return focal_point_control(image_thumbnail(obj), "focal_x", "focal_y")


class SourceInline(admin.TabularInline):
    model = Source
    extra = 0
    fields = ["label", "url", "kind", "order"]


class NoteInline(admin.TabularInline):
    """Corrections and updates, newest first, as readers see them at the article's end."""

    model = ArticleNote
    extra = 0
    fields = ["kind", "noted_at", "text"]


class StateListFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return Article.State.choices

    def queryset(self, request, queryset):
        match self.value():
            case Article.State.LIVE:
                return queryset.published()
            case Article.State.SCHEDULED:
                return queryset.scheduled()
            case Article.State.DRAFT | Article.State.IN_REVIEW | Article.State.UNPUBLISHED:
                return queryset.in_status(self.value())
        return queryset


@admin.register(Article)
class ArticleAdmin(
    WritingDeskMixin, RevisionCompareMixin, OptimisticLockMixin, WorkflowAdminMixin, VersionAdmin
):
    list_display = [
        "title",
        "section",
        "status",
        "published_at",
        "byline",
        "state",
        "lead_thumbnail",
        "links",
    ]
    list_filter = [
        AwaitingReviewFilter,
        StateListFilter,
        "status",
        "section",
        "authors",
        "published_at",
    ]
    list_select_related = ["section"]
    search_fields = ["title", "standfirst", "body"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["section", "tags", "related"]
    inlines = [BylineInline, ImageInline, SourceInline, NoteInline]
    actions = ["publish_now", "unpublish"]
    own_readonly_fields = ["workflow_state", "links", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "standfirst", "body"]}),
        (_("Classification"), {"fields": ["section", "tags", "related"]}),
        (
            _("Publication"),
            {
                "fields": [
                    "workflow_state",
                    "status",
                    "published_at",
                    "review_note",
                    "unpublished_reason",
                    "comments_enabled",
                    "links",
                    ("created_at", "updated_at"),
                ]
            },
        ),
    ]

    @property
    def readonly_fields(self):
        # What other apps add to the form is shown, never edited (admin_extensions.py).
        return [*self.own_readonly_fields, *admin_extensions.readonly_fields()]

    def get_queryset(self, request):
        queryset = (
            super()
            .get_queryset(request)
            .prefetch_related(
                "bylines__author",
                "images",
            )
        )
        for extension in admin_extensions.extensions():
            queryset = extension.annotate(queryset)
        return queryset

    def get_list_display(self, request):
        added = [c for extension in admin_extensions.extensions() for c in extension.columns]
        return [*super().get_list_display(request), *added]

    def get_fieldsets(self, request, obj=None):
        added = [e.fieldset for e in admin_extensions.extensions() if e.fieldset]
        return [
            *super().get_fieldsets(request, obj),
            *((title, {"fields": fields}) for title, fields in added),
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            readonly += [*PUBLICATION_FIELDS, "review_note", "unpublished_reason"]
        return readonly

    def save_model(self, request, obj, form, change):
        # The read-only fields keep the form honest; this keeps every other way in honest too
        # (a custom form, a field list edited later): no publishing without the permission.
        move = self.apply_move(request, obj, form)
        if not self.has_publish_permission(request) and publication_changed(obj):
            raise PermissionDenied
        super().save_model(request, obj, form, change)
        self.after_move(request, obj, move)

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_live else obj.get_preview_url()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Figures in the body refer to images saved only now, after the article itself.
        form.instance.refresh_body()

    @admin.display(description=_("Authors"))
    def byline(self, obj):
        return ", ".join(author.name for author in obj.byline_authors)

    @admin.display(description=_("State"))
    def state(self, obj):
        state = Article.State(obj.state)
        return format_html('<span class="newsroom-state-{}">{}</span>', state.value, state.label)

    @admin.display(description=_("Lead image"))
    def lead_thumbnail(self, obj):
        image = obj.lead_image
        return image_thumbnail(image) if image else "—"

    @admin.display(description=_("Links"))
    def links(self, obj):
        if obj.pk is None:
            return "—"
        links = [(obj.get_preview_url(), _("Preview"))]
        if obj.is_live:
            links.insert(0, (obj.get_absolute_url(), _("View on site")))
        return format_html_join(" · ", '<a href="{}">{}</a>', links)

    def has_publish_permission(self, request):
        return request.user.has_perm("articles.publish_article")

    @admin.action(description=_("Publish now"), permissions=["publish"])
    def publish_now(self, request, queryset):
        now = timezone.now()
        count = 0
        for article in queryset.not_published():
            article.status = Article.Status.PUBLISHED
            article.published_at = now
            article.save()
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d article published now.", "%(count)d articles published now.", count
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Unpublish"), permissions=["publish"])
    def unpublish(self, request, queryset):
        return self.unpublish_with_reason(request, queryset)


class ArticleCountAdmin(admin.ModelAdmin):
    """Admin of a model whose rows list articles, showing how many each has."""

    def get_queryset(self, request):
        # The annotation drops the default ordering, which autocomplete pagination needs.
        queryset = super().get_queryset(request).with_article_counts()
        return queryset.order_by(*self.model._meta.ordering)

    @admin.display(description=_("Articles"), ordering="article_count")
    def article_count(self, obj):
        return obj.article_count


@admin.register(Section)
class SectionAdmin(ArticleCountAdmin):
    list_display = ["name", "slug", "position", "in_navigation", "article_count"]
    list_editable = ["position", "in_navigation"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Tag)
class TagAdmin(ArticleCountAdmin):
    list_display = ["name", "slug", "article_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Author)
class AuthorAdmin(ArticleCountAdmin):
    form = AuthorForm
    list_display = ["name", "slug", "photo_thumbnail", "user", "article_count"]
    search_fields = ["name", "bio"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["user"]
    fields = [
        "name",
        "slug",
        "bio",
        ("photo_preview", "photo"),
        ("photo_focal_x", "photo_focal_y"),
        "user",
    ]
    readonly_fields = ["photo_preview"]

    class Media:
        css = {"all": ["articles/admin/focal_point.css"]}
        js = ["articles/admin/focal_point.js"]

    def get_readonly_fields(self, request, obj=None):
        # Editors manage bylines, not accounts: only those who may see users link them.
        if request.user.has_perm("auth.view_user"):
            return self.readonly_fields
        return [*self.readonly_fields, "user"]

    @admin.display(description=_("Photo"))
    def photo_thumbnail(self, obj):
        return author_thumbnail(obj)

    @admin.display(description=_("Thumbnail"))
    def photo_preview(self, obj):
        if not obj.photo or not obj.photo_renditions:
            return author_thumbnail(obj)  # nothing to click on until renditions are made
        return focal_point_control(author_thumbnail(obj), "photo_focal_x", "photo_focal_y")
