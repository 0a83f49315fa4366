"""The site's URLs as the development server (``make run``, DEBUG on) has them: with the
media it serves."""

from newsroom.urls import development_media
from newsroom.urls import urlpatterns as site_urlpatterns

urlpatterns = [*site_urlpatterns, *development_media()]
