from django.urls import path

from . import corrections, feeds, views

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("preview/<int:pk>/", views.ArticlePreviewView.as_view(), name="preview"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("corrections/", corrections.CorrectionsView.as_view(), name="corrections"),
    path("sections/<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("tags/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("authors/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("archive/<int:year>/", views.YearArchive.as_view(), name="archive_year"),
    path("archive/<int:year>/<int:month>/", views.MonthArchive.as_view(), name="archive_month"),
    path("feed/", feeds.as_view(feeds.LatestArticlesFeed), name="feed"),
    path("feed/atom/", feeds.as_view(feeds.LatestArticlesAtomFeed), name="feed_atom"),
    path("sections/<slug:slug>/feed/", feeds.as_view(feeds.SectionFeed), name="section_feed"),
    path(
        "sections/<slug:slug>/feed/atom/",
        feeds.as_view(feeds.SectionAtomFeed),
        name="section_feed_atom",
    ),
    path("tags/<slug:slug>/feed/", feeds.as_view(feeds.TagFeed), name="tag_feed"),
    path("tags/<slug:slug>/feed/atom/", feeds.as_view(feeds.TagAtomFeed), name="tag_feed_atom"),
    path("authors/<slug:slug>/feed/", feeds.as_view(feeds.AuthorFeed), name="author_feed"),
    path(
        "authors/<slug:slug>/feed/atom/",
        feeds.as_view(feeds.AuthorAtomFeed),
        name="author_feed_atom",
    ),
]
