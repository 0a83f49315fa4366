from django.views.generic import DetailView

from .dependencies import declare_page
from .models import Page


class PageView(DetailView):
    template_name = "pages/page.html"
    context_object_name = "page"

    def get_queryset(self):
        return Page.objects.published()

    def get_context_data(self, **kwargs):
        declare_page(self.object)
        return super().get_context_data(**kwargs)
