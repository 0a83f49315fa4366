"""Static files in production: hashed names, gzip and brotli copies, served for a year.

collectstatic runs here with the production storage into a temporary folder, and WhiteNoise's
middleware serves from it, as it does under gunicorn.
"""

import gzip
import json

import brotli
import pytest
from django.conf import settings
from django.core.management import call_command
from django.http import HttpResponseNotFound
from django.templatetags.static import static
from django.test import RequestFactory, override_settings
from whitenoise.middleware import WhiteNoiseMiddleware

from tests.processes import run_django

ONE_YEAR = 365 * 24 * 3600


PRODUCTION_STATIC = {
    "DEBUG": False,
    "WHITENOISE_AUTOREFRESH": False,
    "WHITENOISE_USE_FINDERS": False,
}


@pytest.fixture(scope="module")
def collected_root(tmp_path_factory):
    """One collectstatic for the module: compressing every file with brotli takes a while."""
    root = tmp_path_factory.mktemp("static")
    with override_settings(STATIC_ROOT=root, STORAGES=production_storages()):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


def production_storages():
    return {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }


@pytest.fixture
def collected(collected_root):
    with override_settings(
        STATIC_ROOT=collected_root, STORAGES=production_storages(), **PRODUCTION_STATIC
    ):
        yield collected_root


def served(path, **headers):
    middleware = WhiteNoiseMiddleware(lambda request: HttpResponseNotFound())
    return middleware(RequestFactory().get(path, headers=headers))


def test_production_settings_choose_the_compressed_manifest_storage(tmp_path):
    output = run_django(
        tmp_path,
        "from django.conf import settings as s; print(s.STORAGES['staticfiles']['BACKEND'])",
    )
    assert output == "whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.mark.parametrize("name", ["css/newsroom.css", "js/comments.js", "vendor/bootstrap"])
def test_collected_files_get_hashed_names_with_gzip_and_brotli_copies(collected, name):
    manifest = json.loads((collected / "staticfiles.json").read_text())["paths"]
    names = [original for original in manifest if original.startswith(name)]
    assert names, f"nothing collected under {name}"
    for original in names:
        if not original.endswith((".css", ".js")):
            continue
        hashed = collected / manifest[original]
        assert hashed.name != original.rsplit("/", 1)[-1]
        content = hashed.read_bytes()
        assert gzip.decompress((collected / f"{manifest[original]}.gz").read_bytes()) == content
        assert brotli.decompress((collected / f"{manifest[original]}.br").read_bytes()) == content


def test_pages_link_to_the_hashed_names(collected):
    url = static("css/newsroom.css")

    assert url.startswith("/static/css/newsroom.")
    assert url != "/static/css/newsroom.css"


def test_hashed_files_are_served_compressed_and_cached_for_a_year(collected):
    url = static("css/newsroom.css")

    as_brotli = served(url, accept_encoding="gzip, deflate, br")
    as_gzip = served(url, accept_encoding="gzip")
    plain = served(url)

    assert as_brotli.status_code == as_gzip.status_code == plain.status_code == 200
    assert as_brotli["Content-Encoding"] == "br"
    assert as_gzip["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in plain
    assert int(as_brotli["Content-Length"]) < int(plain["Content-Length"])
    for response in (as_brotli, as_gzip, plain):
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"public", "immutable", f"max-age={ONE_YEAR * 10}"} <= cache_control
        assert "Accept-Encoding" in response["Vary"]


def test_unhashed_names_are_cached_only_briefly(collected):
    response = served("/static/css/newsroom.css")

    assert response.status_code == 200
    assert "immutable" not in response["Cache-Control"]
    assert "max-age=60" in response["Cache-Control"]
