"""The demo's data files: every story loads, and every link inside the site leads somewhere."""

import re

import pytest
from django.urls import Resolver404, resolve

from articles import demo
from articles.demo import loader

# Markdown links and bare "Read also" links whose target is a path on this site.
INTERNAL_LINK = re.compile(r"\]\((/[^)\s]*)\)")


def all_stories(data):
    return [*data.stories, data.scheduled, data.draft]


@pytest.mark.parametrize("language", demo.LANGUAGES)
def test_every_story_file_loads_and_is_part_of_the_demo(language):
    data = demo.data_for(language)
    listed = {story.slug for story in all_stories(data)}

    paths = loader.story_paths(language)

    assert paths
    for path in paths:
        story = loader.read_story(path)
        assert story.title.strip() and story.standfirst.strip() and story.body.strip(), path
        assert story.slug in listed, f"{path.name} is not listed in {language}/site.toml"
    assert len(paths) == len(listed)


@pytest.mark.parametrize("language", demo.LANGUAGES)
def test_stories_name_sections_authors_and_tags_of_their_language(language):
    data = demo.data_for(language)
    sections = {slug for slug, *_ in data.sections}
    authors = {slug for slug, *_ in data.authors}
    tags = {slug for slug, _ in data.tags}

    for story in all_stories(data):
        assert story.section in sections, story.slug
        assert set(story.authors) <= authors, story.slug
        assert set(story.tags) <= tags, story.slug
        assert story.pictures, f"{story.slug} has no lead picture"


@pytest.mark.parametrize("language", demo.LANGUAGES)
def test_every_internal_link_in_a_story_leads_to_a_page_of_the_demo(language):
    data = demo.data_for(language)
    readable = {
        "articles:detail": {story.slug for story in data.stories},  # published, not scheduled
        "articles:section": {slug for slug, *_ in data.sections},
        "articles:tag": {slug for slug, _ in data.tags},
        "articles:author": {slug for slug, *_ in data.authors},
    }
    links = [
        (story.slug, link)
        for story in all_stories(data)
        for link in INTERNAL_LINK.findall(story.body)
    ]

    assert links  # the demo shows "Read also" teasers
    for slug, link in links:
        try:
            match = resolve(link)
        except Resolver404:
            pytest.fail(f"{slug} links to {link}, which is no page of the site")
        assert match.view_name in readable, f"{slug} links to {link}: not a page of the demo"
        assert match.kwargs["slug"] in readable[match.view_name], (
            f"{slug} links to {link}, which the demo does not publish"
        )


def test_a_story_without_front_matter_is_refused_with_its_file_name(tmp_path):
    path = tmp_path / "no-front-matter.md"
    path.write_text("Just a body.\n", encoding="utf-8")

    with pytest.raises(loader.DemoFileError, match=r"no-front-matter\.md"):
        loader.read_story(path)


def test_a_story_missing_a_field_is_refused_with_the_field(tmp_path):
    path = tmp_path / "no-title.md"
    path.write_text('+++\nstandfirst = "S"\n+++\n\nBody.\n', encoding="utf-8")

    with pytest.raises(loader.DemoFileError, match=r"no-title\.md.*'title'"):
        loader.read_story(path)


def test_french_texts_are_typeset_on_loading_and_written_plainly():
    path = loader.DATA_DIR / "fr" / "stories" / "faille-routeurs-wifi-correctif.md"
    written = loader.read_story(path)
    loaded = next(s for s in demo.FRENCH.stories if s.slug == written.slug)

    assert re.search(r" [:;?!]", written.body)
    assert not re.search(r"[ \n][:;?!»%]", loaded.body)
    assert loaded.body == demo.typography.french(written.body)
