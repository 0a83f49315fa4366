"""The moderation rules editors keep: terms that hold or refuse comments, trusted commenters."""

from django.contrib import admin

from ..models import ModerationTerm, TrustedCommenter


@admin.register(ModerationTerm)
class ModerationTermAdmin(admin.ModelAdmin):
    list_display = ["term", "action", "created_at"]
    list_editable = ["action"]
    list_filter = ["action"]
    search_fields = ["term"]


@admin.register(TrustedCommenter)
class TrustedCommenterAdmin(admin.ModelAdmin):
    list_display = ["email", "trusted_by", "created_at"]
    list_select_related = ["trusted_by"]
    search_fields = ["email"]
    readonly_fields = ["trusted_by", "created_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.trusted_by = request.user
        super().save_model(request, obj, form, change)
