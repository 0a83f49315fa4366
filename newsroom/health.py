"""``/healthz``: whether this app server can reach what it needs to answer readers.

Load balancers and monitoring poll it. The answer says which dependency is failing and
nothing else: no versions, host names, settings or exception text.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.http import require_safe

logger = logging.getLogger("newsroom.health")


def database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("Health check: the database does not answer.")
        return False


def cache_answers():
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "ok", timeout=10)
        answered = cache.get(key) == "ok"
        cache.delete(key)
        return answered
    except Exception:
        logger.exception("Health check: the cache does not answer.")
        return False


@require_safe
def healthz(request):
    checks = {"database": database_answers(), "cache": cache_answers()}
    if all(checks.values()):
        response = JsonResponse({"status": "ok"})
    else:
        body = {name: "ok" if ok else "failing" for name, ok in checks.items()}
        response = JsonResponse({"status": "unavailable", **body}, status=503)
    response["Cache-Control"] = "no-store"
    return response
