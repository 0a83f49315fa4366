"""Pages showing a large kept part, given as bytes (tests of ``spliced_in()``)."""

from django.http import HttpResponse
from django.template import Context, Template
from django.urls import path
from django.views.decorators.cache import never_cache

from pagecache import KeptBytes, fragment, spliced_in

part = {"html": "<ol><li>First comment, café</li></ol>"}
PAGE = Template("<main><h1>Title</h1>{{ kept }}<p>after</p></main>")


def page_with_part(request):
    kept = spliced_in(KeptBytes.of(part["html"]))
    return HttpResponse(PAGE.render(Context({"kept": kept})))


@never_cache
def personal_page_with_part(request):
    return page_with_part(request)


def page_with_a_kept_part_inside_a_fragment(request):
    html = fragment("wrapper", lambda: "<div>" + spliced_in(KeptBytes.of(part["html"])) + "</div>")
    return HttpResponse(html)


urlpatterns = [
    path("spliced/", page_with_part),
    path("spliced/personal/", personal_page_with_part),
    path("spliced/fragment/", page_with_a_kept_part_inside_a_fragment),
]
