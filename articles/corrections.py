"""What readers see of corrections and withdrawals: the site's corrections page, and the short
page an unpublished article's address answers with (410 Gone, giving the reason)."""

from django.conf import settings
from django.shortcuts import render
from django.views.generic import ListView

from pagecache import depends_on

from . import dependencies
from .models import Article, ArticleNote


class CorrectionsView(ListView):
    """Every correction of an article readers may see, newest first, a page at a time."""

    template_name = "articles/corrections.html"
    context_object_name = "notes"
    paginate_by = settings.NEWSROOM_ARTICLES_PER_PAGE

    def get_queryset(self):
        return ArticleNote.objects.corrections().of_published_articles().for_listing()

    def get_context_data(self, **kwargs):
        # A correction added, or an article leaving or entering the site, changes the page.
        depends_on(dependencies.CORRECTIONS, dependencies.ARTICLES)
        return super().get_context_data(**kwargs)


def withdrawn_article(slug):
    """The unpublished article at ``slug``, or None."""
    return Article.objects.filter(slug=slug, status=Article.Status.UNPUBLISHED).first()


def withdrawn_response(request, article):
    """410 Gone: the article was here, and is no more, for the reason its editors gave."""
    return render(request, "articles/article_gone.html", {"article": article}, status=410)
