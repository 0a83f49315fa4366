from django.urls import path

from . import views
from .commenter_urls import urlpatterns as commenter_urlpatterns

app_name = "comments"

urlpatterns = [
    path("articles/<slug:slug>/comments/", views.PostCommentView.as_view(), name="post"),
    *commenter_urlpatterns,
]
