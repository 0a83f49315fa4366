"""The site's URLs with all of MEDIA_ROOT served, as the media location of nginx did before
originals were kept private: what the migration of existing sites is tested against."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from newsroom.urls import urlpatterns as site_urlpatterns


def everything_in_media_root(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [*site_urlpatterns, re_path(r"^media/(?P<path>.+)$", everything_in_media_root)]
