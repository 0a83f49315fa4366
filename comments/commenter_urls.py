"""Addresses of the pages commenters open from our emails, and of their data requests."""

from django.urls import path

from . import commenter_views as v

urlpatterns = [
    path("comments/confirm/<str:token>/", v.confirm, name="confirm"),
    path("comments/confirmed/", v.confirmed, name="confirmed"),
    path("comments/unsubscribe/<str:token>/", v.unsubscribe_thread, name="unsubscribe-thread"),
    path("comments/unsubscribe-all/<str:token>/", v.unsubscribe_all, name="unsubscribe-all"),
    path("comments/unsubscribed/", v.unsubscribed, name="unsubscribed"),
    path("comments/your-data/", v.your_data, name="your-data"),
    path("comments/your-data/sent/", v.your_data_sent, name="your-data-sent"),
    path("comments/your-data/open/<str:token>/", v.your_data_open, name="your-data-open"),
    path("comments/your-data/mine/", v.your_data_mine, name="your-data-mine"),
    path("comments/your-data/mine/download/", v.your_data_download, name="your-data-download"),
    path("comments/your-data/mine/erase/", v.your_data_erase, name="your-data-erase"),
    path("comments/your-data/mine/stop/", v.your_data_stop, name="your-data-stop"),
    path("comments/your-data/erased/", v.your_data_erased, name="your-data-erased"),
    path("comments/your-data/stopped/", v.your_data_stopped, name="your-data-stopped"),
]
