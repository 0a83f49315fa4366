"""Site search at /search/: the same behaviour on SQLite (FTS5) and PostgreSQL (tsvector)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import Max
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import search
from articles.models import Article
from articles.search.columns import RESULT_FIELDS
from articles.search.excerpts import BODY_EXCERPT_CHARS, with_body_start
from articles.search.query import page_rows, with_match_count
from tests.factories import make_article, make_author, make_section, make_tag

pytestmark = pytest.mark.django_db

SEARCH_URL = reverse("articles:search")


def found(client, query, **params):
    """The titles of the articles the search page lists for ``query``, in order."""
    response = client.get(SEARCH_URL, {"q": query, **params})
    assert response.status_code == 200
    return [article.title for article in response.context["articles"]]


# Matching and ranking -----------------------------------------------------------------------


def test_title_match_outranks_standfirst_match_outranks_body_match(client):
    make_article(title="Notes", standfirst="Divers went out.", body="They saw the reef.")
    make_article(title="Report", standfirst="Divers saw the reef.", body="They went out.")
    make_article(title="The reef", standfirst="Divers went out.", body="They saw it.")

    assert found(client, "reef") == ["The reef", "Report", "Notes"]


def test_ranked_results_carry_a_rank_that_orders_them():
    make_article(title="Glacier melt", body="Glacier news.")
    make_article(title="Budget", body="A glacier is mentioned once.")

    results = list(search.search_articles("glacier"))

    assert [article.title for article in results] == ["Glacier melt", "Budget"]
    assert results[0].rank > results[1].rank


def test_body_matches_are_ranked_too_more_mentions_first():
    make_article(title="Harbour", standfirst="News.", body="The ferry left on time.")
    make_article(title="Quay", standfirst="News.", body="Ferry, ferry, ferry: the ferry is late.")
    make_article(title="Ferry strike", standfirst="News.", body="Nothing moves.")

    results = list(search.search_articles("ferry"))

    assert [article.title for article in results] == ["Ferry strike", "Quay", "Harbour"]
    assert results[1].rank > results[2].rank > 0


def test_pages_follow_one_order_best_first_then_newest(client):
    now = timezone.now()
    # Equal ranks on both sides of the pages' edge, written oldest first.
    for n in range(25):
        make_article(title=f"Tide {n}", body="Tide.", published_at=now - timedelta(hours=25 - n))
    make_article(title="Tide tide tide", body="Tide.", published_at=now - timedelta(days=9))

    pages = found(client, "tide") + found(client, "tide", page=2)

    assert pages == ["Tide tide tide"] + [f"Tide {n}" for n in reversed(range(25))]


def test_a_page_is_full_when_drafts_and_scheduled_articles_match_best(client):
    for n in range(3):
        make_article(title=f"Comet comet {n}", published=False)
        make_article(title=f"Comet comet soon {n}", published_at=timezone.now() + timedelta(1))
    for n in range(22):  # longer and longer bodies, ranked lower and lower
        make_article(title=f"Comet {n}", body="Sky. " * (n + 1))

    first = client.get(SEARCH_URL, {"q": "comet"})
    second = client.get(SEARCH_URL, {"q": "comet", "page": 2})
    titles = [article.title for page in (first, second) for article in page.context["articles"]]

    assert len(first.context["articles"]) == 20 and len(second.context["articles"]) == 2
    assert all(title.count("omet") == 1 for title in titles)
    for page in (first, second):  # counted as the reader can see them
        assert "22 articles match “comet”" in page.content.decode()


def test_filters_added_to_the_results_still_give_the_best_of_what_they_keep():
    kept, other = make_section(), make_section()
    for n in range(5):
        make_article(title=f"Storm storm {n}", section=other)
    make_article(title="Sea news", section=kept, body="A storm.")
    make_article(title="Storm warning", section=kept, body="Storm, storm.")

    results = search.search_articles("storm").filter(section=kept)

    assert [article.title for article in results[:1]] == ["Storm warning"]
    assert [article.title for article in results[1:5]] == ["Sea news"]


def test_results_can_be_counted_tested_and_listed_in_order(django_assert_num_queries):
    make_article(title="Eclipse tonight", body="An eclipse.")
    make_article(title="Skies", body="The eclipse, the eclipse.")
    make_article(title="Skies again", body="An eclipse.")
    results = search.search_articles("eclipse")

    assert results.count() == 3
    assert results.exists()
    assert list(results.values_list("title", flat=True)) == [
        "Eclipse tonight",
        "Skies",
        "Skies again",
    ]
    assert results.aggregate(best=Max("rank"))["best"] == results[0].rank


def test_counting_the_results_does_not_rank_them():
    make_article(title="Eclipse tonight")

    with CaptureQueriesContext(connection) as queries:
        assert search.search_articles("eclipse").count() == 1

    (count,) = [query["sql"] for query in queries]
    assert "bm25(" not in count and "ts_rank" not in count


@pytest.mark.parametrize(
    ("stored", "query"),
    [
        ("Une étude sur les coraux", "etude"),
        ("Une étude sur les coraux", "ÉTUDE"),
        ("Une etude sur les coraux", "étude"),
        ("Le Théâtre de la ville rouvre", "theatre"),
        ("Noël à la mer", "noel"),
    ],
)
def test_search_ignores_accents_both_ways(client, stored, query):
    make_article(title=stored)
    make_article(title="Un autre sujet")

    assert found(client, query) == [stored]


@pytest.mark.parametrize("query", ["reef", "REEF", "Reef", "rEeF"])
def test_search_ignores_case(client, query):
    make_article(title="Coral reef recovers")

    assert found(client, query) == ["Coral reef recovers"]


def test_every_word_must_match(client):
    make_article(title="Reef and coral survey")
    make_article(title="Reef cleanup")
    make_article(title="Coral farming")

    assert found(client, "coral reef") == ["Reef and coral survey"]


def test_last_word_matches_as_a_prefix(client):
    make_article(title="Glaciers retreat in the Alps")
    make_article(title="Alpine skiing season")

    assert found(client, "alps glaci") == ["Glaciers retreat in the Alps"]


def test_drafts_and_scheduled_articles_are_never_found(client):
    make_article(title="Live comet report")
    make_article(title="Draft comet report", published=False)
    make_article(title="Scheduled comet report", published_at=timezone.now() + timedelta(hours=3))

    assert found(client, "comet") == ["Live comet report"]


def test_index_follows_bulk_inserts_updates_and_deletes():
    """On SQLite the FTS5 index is kept by triggers: writes that skip save() count too."""
    section = make_section()
    Article.objects.bulk_create(
        [
            Article(
                title="Lighthouse restored",
                slug="lighthouse",
                standfirst="Works done.",
                section=section,
                status=Article.Status.PUBLISHED,
                published_at=timezone.now() - timedelta(hours=1),
            )
        ]
    )
    assert [a.title for a in search.search_articles("lighthouse")] == ["Lighthouse restored"]

    Article.objects.filter(slug="lighthouse").update(title="Harbour wall restored")
    assert list(search.search_articles("lighthouse")) == []
    assert [a.title for a in search.search_articles("harbour")] == ["Harbour wall restored"]

    Article.objects.filter(slug="lighthouse").delete()
    assert list(search.search_articles("harbour")) == []


def test_search_uses_the_full_text_index():
    make_article(title="Volcano erupts")
    page = search.search_articles("volcano", Article.objects.all())[:20]

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        assert "articles_article_search_idx" in page.explain()
    else:
        plan = page.explain()
        assert "VIRTUAL TABLE INDEX" in plan and "articles_article_fts" in plan
        assert "SCAN articles_article\n" not in plan + "\n"
        # Ranks come from one pass of the index, joined: no MATCH, no lookup per row.
        assert "MATERIALIZE matches" in plan
        assert "CORRELATED" not in plan


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite keeps its index by triggers")
def test_sqlite_index_triggers_exist():
    """SQLite drops a table's triggers when Django rebuilds the table in a migration: a
    migration altering articles_article must create the triggers of 0004_search_index again."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master "
            "WHERE type = 'trigger' AND tbl_name = 'articles_article'"
        )
        triggers = {name for (name,) in cursor.fetchall()}

    assert triggers >= {
        "articles_article_fts_insert",
        "articles_article_fts_update",
        "articles_article_fts_delete",
    }


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite keeps its index by triggers")
def test_triggers_lost_in_a_table_rebuild_come_back_after_migrate_with_the_index_caught_up():
    article = make_article(title="Lighthouse keeper retires")
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER articles_article_fts_update")
    Article.objects.filter(pk=article.pk).update(title="Ferry captain retires")

    assert search.restore_sqlite_triggers() is True

    assert [a.pk for a in search.search_articles("ferry")] == [article.pk]
    assert list(search.search_articles("lighthouse")) == []
    assert search.restore_sqlite_triggers() is False


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL stores documents")
def test_stored_documents_leave_the_article_columns_free_to_change_type():
    """A later migration may widen the title: the search documents depend on no column."""
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE articles_article ALTER COLUMN title TYPE varchar(300)")
    article = make_article(title="Widened " + "title " * 45)

    assert [a.pk for a in search.search_articles("widened")] == [article.pk]


# Results page ---------------------------------------------------------------------------------


def test_excerpt_highlights_the_matched_words(client):
    make_article(
        title="Harbour news",
        standfirst="Nothing to see here.",
        body="## Morning\n\nDivers counted fish on the reef at dawn, then left the reefs.",
    )

    html = client.get(SEARCH_URL, {"q": "reef"}).content.decode()

    assert "Divers counted fish on the <mark>reef</mark> at dawn" in html
    assert "left the <mark>reefs</mark>." in html
    assert "## Morning" not in html


def test_an_excerpt_takes_its_words_from_the_paragraphs_around_the_match(client):
    before = " ".join(f"w{n}" for n in range(30))
    after = " ".join(f"z{n}" for n in range(60))
    make_article(
        title="Harbour news",
        standfirst="Nothing to see here.",
        body=f"{before}\n\n## Morning\n\nDivers saw the reef.\n\n{after}",
    )

    html = client.get(SEARCH_URL, {"q": "reef"}).content.decode()

    words_before = " ".join(f"w{n}" for n in range(22, 30))
    assert f"… {words_before} Morning Divers saw the <mark>reef</mark>. z0 z1" in html
    assert " z26 …</p>" in html


def test_heading_and_list_marks_standing_alone_stay_out_of_excerpts(client):
    make_article(
        title="Harbour news",
        standfirst="Nothing to see here.",
        body="Divers went out.\n\n##\n\n-\n\nThey saw the reef.",
    )

    html = client.get(SEARCH_URL, {"q": "reef"}).content.decode()

    assert "Divers went out. They saw the <mark>reef</mark>.</p>" in html


def test_highlighting_keeps_the_accents_of_the_text(client):
    make_article(title="Une étude sur les coraux", standfirst="Une Étude publiée hier.")

    html = client.get(SEARCH_URL, {"q": "etude"}).content.decode()

    assert "Une <mark>étude</mark> sur les coraux" in html
    assert "Une <mark>Étude</mark> publiée hier." in html


def test_editor_text_in_results_is_escaped_around_the_marks(client):
    make_article(
        title="<script>alert(1)</script> Reef alert",
        standfirst="Nothing to see here.",
        body="The <b>reef</b> & its fish.",
    )

    html = client.get(SEARCH_URL, {"q": "reef"}).content.decode()

    assert "The &lt;b&gt;<mark>reef</mark>&lt;/b&gt; &amp; its fish." in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Reef</mark> alert" in html
    assert "<b>" not in html and "<script>alert" not in html


def test_results_are_paginated_twenty_a_page_and_links_keep_the_query(client):
    section = make_section()
    for _ in range(21):
        make_article(title="Storm warning", section=section)
    make_article(title="Calm weather")

    first = client.get(SEARCH_URL, {"q": "storm"})
    second = client.get(SEARCH_URL, {"q": "storm", "page": 2})

    assert len(first.context["articles"]) == 20
    assert len(second.context["articles"]) == 1
    assert 'href="?q=storm&amp;page=2" rel="next"' in first.content.decode()
    assert 'href="?q=storm" rel="prev"' in second.content.decode()
    assert "21 articles match “storm”" in first.content.decode()


def test_query_count_does_not_grow_with_the_results(client):
    def queries_for_search(count):
        authors, tags = [make_author(), make_author()], [make_tag()]
        for _ in range(count):
            make_article(title=f"Eclipse {count}", authors=authors, tags=tags)
        client.get(SEARCH_URL, {"q": "warm"})  # the menu and footer, kept until they change
        with CaptureQueriesContext(connection) as queries:
            response = client.get(SEARCH_URL, {"q": f"eclipse {count}"})
        assert len(response.context["articles"]) == min(count, 20)
        return len(queries)

    client.get(SEARCH_URL)  # reads the breaking-news alert, kept until an alert is written
    few, many = queries_for_search(3), queries_for_search(30)
    # The page, which counts every match too, and its bylines.
    assert few == many == 2


def test_the_last_page_is_there_and_pages_past_it_are_not_found(client):
    for n in range(41):
        make_article(title=f"Storm {n}")

    last = client.get(SEARCH_URL, {"q": "storm", "page": "last"})

    assert len(last.context["articles"]) == 1
    assert "Page 3 of 3" in last.content.decode()
    assert "41 articles match “storm”" in last.content.decode()
    for page in ("4", "0", "-1", "two", "1.5"):
        assert client.get(SEARCH_URL, {"q": "storm", "page": page}).status_code == 404
    assert client.get(SEARCH_URL, {"q": "zeppelin", "page": 2}).status_code == 404
    assert client.get(SEARCH_URL, {"q": "zeppelin"}).status_code == 200


def test_a_page_of_results_counts_the_visible_matches_in_its_own_query():
    for n in range(23):
        make_article(title=f"Comet {n}")
    make_article(title="Comet draft", published=False)
    make_article(title="Comet soon", published_at=timezone.now() + timedelta(days=1))
    results = search.search_articles("comet")

    second = search.load_results(results[20:40], counted=True)

    assert [result.match_count for result in second] == [23] * 3 == [results.count()] * 3


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite counts with a page's ranks")
def test_on_sqlite_only_a_page_of_results_as_returned_can_count_its_matches():
    make_article(title="Comet")
    results = search.search_articles("comet")

    with pytest.raises(ValueError, match="page of search results"):
        search.load_results(results.filter(title__contains="C")[:20], counted=True)
    with pytest.raises(ValueError, match="page of search results"):
        search.load_results(results, counted=True)
    assert [r.match_count for r in search.load_results(results[:20], counted=True)] == [1]


def test_page_title_names_the_query_escaped_and_search_pages_are_not_indexed(client):
    make_article(title="Reef")

    html = client.get(SEARCH_URL, {"q": "<i>reef</i>"}).content.decode()

    assert "<title>Search: &lt;i&gt;reef&lt;/i&gt; — Newsroom</title>" in html
    assert '<meta name="robots" content="noindex">' in html
    assert "<i>reef" not in html


def test_search_page_without_a_query_gives_a_hint_and_no_results(client):
    make_article(title="Anything")

    for params in ({}, {"q": ""}, {"q": "   "}):
        response = client.get(SEARCH_URL, params)
        html = response.content.decode()
        assert response.status_code == 200
        assert list(response.context["articles"]) == []
        assert "Type one or more words" in html
        assert "search-results" not in html
        assert '<meta name="robots" content="noindex">' in html


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "*",
        "AND OR",
        "NEAR(",
        ")",
        "'",
        "--",
        "%",
        "\\",
        "'; DROP TABLE x; --",
        "^-:+",
        "ʼ",  # a letter that unaccent() turns into a quote
        "ʹʺ ˆː",
    ],
)
def test_junk_queries_find_nothing_without_an_error(client, query):
    make_article(title="Ferry timetable", standfirst="Boats.", body="Times.")

    response = client.get(SEARCH_URL, {"q": query})

    assert response.status_code == 200
    assert list(response.context["articles"]) == []
    assert "No articles match" in response.content.decode()


def test_query_syntax_in_a_query_is_plain_text(client):
    make_article(title="Ferry timetable")

    assert found(client, 'ferry" OR "anything') == []
    assert found(client, "ferry*") == ["Ferry timetable"]
    assert found(client, "NEAR(ferry timetable)") == []


def test_query_over_200_characters_gets_a_friendly_message(client):
    make_article(title="Ferry timetable")

    too_long = client.get(SEARCH_URL, {"q": "ferry " * 34})  # 204 characters
    just_right = client.get(SEARCH_URL, {"q": ("ferry " * 34)[:200]})

    assert too_long.status_code == 200
    assert list(too_long.context["articles"]) == []
    assert "That search is too long" in too_long.content.decode()
    assert [a.title for a in just_right.context["articles"]] == ["Ferry timetable"]


def test_the_search_field_keeps_the_words_and_points_to_its_error(client):
    html = client.get(SEARCH_URL, {"q": '"Ferry" <times> ' * 15}).content.decode()
    field = html.split('<input type="search" name="q"', 1)[1].split(">", 1)[0]

    assert 'value="&quot;Ferry&quot; &lt;times&gt; ' in field
    assert 'maxlength="200"' in field
    assert 'aria-invalid="true" aria-describedby="id_q_error"' in field
    assert '<p class="search-message" role="alert" id="id_q_error">That search is too long' in html
    kept = client.get(SEARCH_URL, {"q": "ferry"}).content.decode()
    assert 'value="ferry" class="form-control" maxlength="200" id="id_q">' in kept


def test_null_character_in_a_query_is_refused_politely(client):
    make_article(title="Ferry timetable")

    response = client.get(SEARCH_URL, {"q": "ferry\x00"})

    assert response.status_code == 200
    assert list(response.context["articles"]) == []


@pytest.mark.parametrize("page", ["home", "article", "section", "search", "not_found"])
def test_every_page_has_the_search_form_in_its_header(client, page):
    article = make_article()
    url = {
        "home": "/",
        "article": article.get_absolute_url(),
        "section": article.section.get_absolute_url(),
        "search": f"{SEARCH_URL}?q=article",
        "not_found": "/no/such/page/",
    }[page]

    html = client.get(url).content.decode()

    header = html[html.index('<header class="site-header">') : html.index("</header>")]
    form = header[header.index("<form") : header.index("</form>")]
    assert 'role="search"' in form and 'method="get"' in form
    assert f'action="{SEARCH_URL}"' in form
    assert '<label class="visually-hidden" for="site-search-q">' in form
    assert 'id="site-search-q" name="q"' in form


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite reads a page in its own SQL")
def test_on_sqlite_a_page_read_in_its_own_sql_has_the_rows_the_orm_gives():
    now = timezone.now()
    for n in range(30):  # ties of rank, told apart by date then id
        make_article(title=f"Tide {n % 3}", body="Tide. " * (n % 4 + 1), published_at=now)
    make_article(title="Tide draft", published=False)
    make_article(title="Tide soon", published_at=now + timedelta(days=1))
    results = search.search_articles("tide")

    for page in (results[:20], results[20:40], results[40:60]):
        orm = with_body_start(with_match_count(page))
        rows = list(orm.values(*RESULT_FIELDS, "body_start", "match_count"))

        assert page_rows(page, BODY_EXCERPT_CHARS) == rows
        assert all(row["match_count"] == 30 for row in rows)
    assert page_rows(results.filter(title="Tide 1")[:20], BODY_EXCERPT_CHARS) is None
    assert page_rows(results.order_by("id")[:20], BODY_EXCERPT_CHARS) is None
