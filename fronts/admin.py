from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.models import Article

from . import services
from .models import Alert, Front, Placement


class PlacementForm(forms.ModelForm):
    class Meta:
        model = Placement
        fields = ["article", "role", "starts_at", "ends_at", "position"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A row left without a number goes last (PlacementFormSet).
        self.fields["position"].required = False


class PlacementFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        kept = [form for form in self.forms if form.has_changed() or form.instance.pk]
        numbers = [form.cleaned_data.get("position") for form in kept if form.cleaned_data]
        last = max((n for n in numbers if n is not None), default=0)
        for form in kept:
            if form.cleaned_data and form.cleaned_data.get("position") is None:
                last += 1
                form.instance.position = last


class PlacementInline(admin.TabularInline):
    """The stories placed on a front, in order. placements.js lets editors drag rows or move
    them with buttons; without it they type the order numbers."""

    model = Placement
    form = PlacementForm
    formset = PlacementFormSet
    extra = 0
    autocomplete_fields = ["article"]
    fields = ["article", "role", "starts_at", "ends_at", "position", "shown_now"]
    readonly_fields = ["shown_now"]

    class Media:
        css = {"all": ["fronts/admin/placements.css"]}
        js = ["fronts/admin/placements.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_liveness().select_related("article")

    @admin.display(description=_("Now"))
    def shown_now(self, obj):
        if obj.pk is None:
            return "—"
        now = timezone.now()
        if obj.ends_at and obj.ends_at <= now:
            return _("Ended")
        if obj.starts_at and obj.starts_at > now:
            return _("From %(time)s") % {"time": _local(obj.starts_at)}
        if obj.is_live:
            return _("Shown")
        if obj.article.state == Article.State.SCHEDULED:
            return _("Waits for the article: published %(time)s") % {
                "time": _local(obj.article.published_at)
            }
        return _("Skipped: the article is not published")


def _local(moment):
    return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


@admin.register(Front)
class FrontAdmin(admin.ModelAdmin):
    """One "Front page" screen per front: the lead story and the top stories placed on it."""

    list_display = ["__str__", "placement_count"]
    list_select_related = ["section"]
    inlines = [PlacementInline]
    change_form_template = "admin/fronts/front/change_form.html"

    def get_fields(self, request, obj=None):
        # A front stays the front of its page (its title says which); another page gets a
        # front of its own.
        return [] if obj else ["section"]

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.section_id is None:
            return False  # the home page always has its front
        return super().has_delete_permission(request, obj)

    def render_change_form(self, request, context, *args, **kwargs):
        context["top_stories"] = settings.NEWSROOM_FRONT_TOP_STORIES
        return super().render_change_form(request, context, *args, **kwargs)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(placement_count=Count("placements"))

    @admin.display(description=_("Placed stories"), ordering="placement_count")
    def placement_count(self, obj):
        return obj.placement_count


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    """Breaking news: posting an alert replaces the one showing; withdrawing takes it down."""

    list_display = ["text", "url", "created_at", "ends_at", "state", "posted_by"]
    list_select_related = ["posted_by"]
    fields = ["text", "url", "ends_at"]
    actions = ["withdraw"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_showing()

    def get_readonly_fields(self, request, obj=None):
        return self.fields if obj is not None and obj.withdrawn_at else []

    def save_model(self, request, obj, form, change):
        if change:
            obj.save()
        else:
            services.post_alert(obj, by=request.user)

    @admin.display(description=_("State"))
    def state(self, obj):
        if obj.is_showing:
            return _("Showing")
        return _("Withdrawn") if obj.withdrawn_at else _("Ended")

    @admin.action(description=_("Withdraw from every page"), permissions=["change"])
    def withdraw(self, request, queryset):
        count = 0
        for alert in queryset.filter(withdrawn_at__isnull=True):
            services.withdraw_alert(alert)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d alert withdrawn.", "%(count)d alerts withdrawn.", count)
            % {"count": count},
            messages.SUCCESS,
        )
