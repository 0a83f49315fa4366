from django.contrib import admin

from .models import Page


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "role", "is_published", "in_footer", "footer_position"]
    list_filter = ["is_published", "in_footer", "role"]
    list_editable = ["footer_position"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "body", "role", "is_published", "in_footer", "footer_position"]

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_published else None
