import hashlib

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.generic import DetailView, ListView, MonthArchiveView, YearArchiveView

from pagecache import depends_on, fragment, leaving_slots

from . import corrections, dependencies, fronts, search
from .models import Article, Author, OldSlug, Section, Tag, load_cards


class ArticleListView(ListView):
    """Published articles, newest first, a page at a time; unknown pages are 404.

    The page's articles are kept as made (``kept_list()``) until the list changes, without
    their comment counts, which the template fills in: an approved comment costs the list one
    query, not its articles read and its cards put together again."""

    context_object_name = "articles"
    paginate_by = settings.NEWSROOM_ARTICLES_PER_PAGE
    allow_empty = True
    list_template_name = "includes/kept_list.html"

    def get_queryset(self):
        return Article.objects.published().for_listing()

    def shown_list(self):
        """The page cache's name of the list this page shows."""
        return dependencies.ARTICLES

    def get_paginator(self, queryset, per_page, **kwargs):
        """A paginator whose count of articles is kept until the list changes."""
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        key = self.kept_key("count", self.request.path)
        paginator.count = fragment(key, queryset.count, depends_on=[self.shown_list()])
        return paginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        shown = self.shown_list()
        depends_on(shown)
        context["list_html"] = self.kept_list(context, shown)
        return context

    def kept_key(self, kind, *made_of):
        """The key of a part of this list made of ``made_of`` and of what the list shows."""
        made_of = "|".join([*made_of, *self.list_made_of()])
        return f"{kind}:" + hashlib.md5(made_of.encode(), usedforsecurity=False).hexdigest()

    def kept_list(self, context, shown):
        """The page's articles as HTML, their comment counts left as slots."""
        key = self.kept_key(
            "list",
            self.request.path,
            str(context["page_obj"].number),
            get_language() or "",
            timezone.get_current_timezone_name(),
        )
        # Cards show their section's name: the menu's name renews them too.
        names = [shown, dependencies.NAV]
        with leaving_slots():
            return mark_safe(
                fragment(key, lambda: self.make_list(context), depends_on=names)
            )  # made by templates

    def list_made_of(self):
        """What the list shows beside its page's articles, for its key."""
        return []

    def make_list(self, context):
        dependencies.declare_cards(context["object_list"])
        return render_to_string(self.list_template_name, context, request=self.request)


class FrontMixin:
    """A front: its first page opens with the stories editors placed there (articles/fronts.py),
    and the latest articles follow without them, on every page."""

    def front_section_id(self):
        return None  # the home page

    @cached_property
    def placed(self):
        return fronts.placed_on(self.front_section_id())

    def get_queryset(self):
        return super().get_queryset().exclude(pk__in=[a.pk for a in self.placed.articles])

    def list_made_of(self):
        # The stories placed now: a placement that starts, ends or moves makes another list.
        placed = self.placed
        return [
            "lead",
            str(placed.lead.pk if placed.lead else ""),
            "top",
            *(str(a.pk) for a in placed.top),
        ]

    def make_list(self, context):
        if context["page_obj"].number == 1:
            placed = self.placed.articles
            load_cards(placed)
            dependencies.declare_shown_articles(placed)
            context = {**context, "front": fronts.first_page(self.placed, context["articles"])}
        return super().make_list(context)


class HomeView(FrontMixin, ArticleListView):
    template_name = "articles/home.html"


class OwnerArticleListView(ArticleListView):
    """The articles of one section, tag or author, found by slug."""

    owner_model = None
    owner_filter = None  # the ArticleQuerySet method that selects the owner's articles

    def get(self, request, *args, **kwargs):
        self.owner = get_object_or_404(self.owner_model, slug=kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return getattr(super().get_queryset(), self.owner_filter)(self.owner)

    def get_context_data(self, **kwargs):
        return super().get_context_data(owner=self.owner, **kwargs)


class SectionView(FrontMixin, OwnerArticleListView):
    owner_model, owner_filter = Section, "in_section"
    template_name = "articles/section.html"

    def front_section_id(self):
        return self.owner.pk

    def shown_list(self):
        # Saving the section renews its list too: its name and description are on the page.
        return dependencies.section_articles(self.owner.pk)


class TagView(OwnerArticleListView):
    owner_model, owner_filter = Tag, "tagged"
    template_name = "articles/tag.html"

    def shown_list(self):
        depends_on(dependencies.tag_name(self.owner.pk))
        return dependencies.tag_articles(self.owner.pk)


class AuthorView(OwnerArticleListView):
    owner_model, owner_filter = Author, "by_author"
    template_name = "articles/author.html"

    def shown_list(self):
        depends_on(dependencies.author_name(self.owner.pk))
        return dependencies.author_articles(self.owner.pk)


class ArchiveMixin:
    """Published articles by period; a period without any is a 404."""

    date_field = "published_at"
    allow_future = False
    allow_empty = False

    def get_queryset(self):
        # Plain rows: Django also reads this queryset to find the previous and next periods,
        # which need a date, not what a card shows.
        return Article.objects.published()

    def get_dated_queryset(self, **lookup):
        # Django tells an empty period by loading all its articles when the page is not
        # paginated (a year's); exists() answers the same in one row.
        depends_on(dependencies.ARTICLES)
        articles = self.get_queryset().filter(**lookup)
        if not articles.exists():
            raise Http404
        return articles


class MonthArchive(ArchiveMixin, MonthArchiveView):
    """One month's articles, newest first, a page at a time."""

    month_format = "%m"
    ordering = ["-published_at", "-id"]
    context_object_name = "articles"
    paginate_by = settings.NEWSROOM_ARTICLES_PER_PAGE
    template_name = "articles/archive_month.html"

    def get_dated_items(self):
        date_list, articles, extra_context = super().get_dated_items()
        return date_list, articles.for_listing(), extra_context

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        dependencies.declare_cards(context["object_list"])
        return context


class YearArchive(ArchiveMixin, YearArchiveView):
    """A year's page: links to the months that have articles."""

    make_object_list = False
    template_name = "articles/archive_year.html"


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.published().for_page()

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            moved = self._moved_article(kwargs.get("slug"))
            if moved is None:
                withdrawn = corrections.withdrawn_article(kwargs.get("slug"))
                if withdrawn is not None:
                    return corrections.withdrawn_response(request, withdrawn)
                raise
            return redirect(moved, permanent=True)

    @staticmethod
    def _moved_article(slug):
        old = (
            OldSlug.objects.filter(slug=slug, article__in=Article.objects.published())
            .select_related("article")
            .first()
        )
        return old.article if old else None


class ArticlePreviewView(ArticleDetailView):
    """The real article page for any article, drafts included, for staff who may see it."""

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not (user.is_active and user.is_staff and user.has_perm("articles.view_article")):
            raise Http404
        response = super().dispatch(request, *args, **kwargs)
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def get_queryset(self):
        return Article.objects.for_detail()

    def get(self, request, *args, **kwargs):
        return DetailView.get(self, request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(is_preview=True, **kwargs)


class SearchView(ListView):
    """Published articles matching ``?q=``, best match first, with the words highlighted."""

    template_name = "articles/search.html"
    context_object_name = "articles"
    paginate_by = settings.NEWSROOM_ARTICLES_PER_PAGE
    paginator_class = search.ResultPaginator

    def get(self, request, *args, **kwargs):
        self.form = search.SearchForm(request.GET)
        self.query = self.form.cleaned_data["q"] if self.form.is_valid() else ""
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return search.search_articles(self.query)

    def get_context_data(self, **kwargs):
        depends_on(dependencies.ARTICLES)
        context = super().get_context_data(form=self.form, query=self.query, **kwargs)
        results = context["articles"]
        context["articles"] = search.add_highlights(results, self.query)
        dependencies.declare_bylines(results)
        return context
