"""A page that takes a while to make, and counts how often it is made (tests of the page cache
making a page once for many readers)."""

import threading
import time

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache

made = []
started = threading.Event()
MAKING_SECONDS = 0.4


def slow_page(request):
    made.append(request.path)
    started.set()
    time.sleep(MAKING_SECONDS)
    return HttpResponse(f"<p>Made {len(made)} time(s).</p>")


@never_cache
def slow_personal_page(request):
    """Never kept: each reader's own."""
    made.append(request.path)
    started.set()
    time.sleep(MAKING_SECONDS)
    return HttpResponse(f"<p>Made {len(made)} time(s).</p>")


urlpatterns = [path("slow/", slow_page), path("slow/personal/", slow_personal_page)]
