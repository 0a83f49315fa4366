from django.urls import path

from . import views

app_name = "pages"

# Included last by the root URLs: every other address of the site comes first.
urlpatterns = [
    path("<slug:slug>/", views.PageView.as_view(), name="detail"),
]
