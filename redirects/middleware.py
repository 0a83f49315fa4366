from django.http import HttpResponsePermanentRedirect

from .models import ID_PARAMETERS, Redirect, normalize_old_path


class RedirectMiddleware:
    """Answer old addresses with a permanent redirect to where their content is now.

    Placed before the page cache: ``/?p=123`` must not be served the cached home page. Only such
    query-string addresses cost a query on the way in; any other address is looked up only if
    the site answers it with a 404, so pages that exist are never shadowed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        by_id = [
            f"{request.path}?{name}={request.GET[name]}"
            for name in ID_PARAMETERS
            if request.GET.get(name)
        ]
        if by_id and (target := self._target(request, by_id)):
            return HttpResponsePermanentRedirect(target)
        response = self.get_response(request)
        if response.status_code == 404:
            path = request.path
            other = path.removesuffix("/") if path.endswith("/") else path + "/"
            if target := self._target(request, [path, other] if other else [path]):
                return HttpResponsePermanentRedirect(target)
        return response

    @staticmethod
    def _target(request, old_paths):
        target = Redirect.objects.target_for(old_paths)
        # A redirect to the address asked for would send the reader round in circles.
        if target is None or normalize_old_path(target) == request.path:
            return None
        return target
