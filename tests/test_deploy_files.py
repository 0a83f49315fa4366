"""The documented deployment serves renditions only: nginx's media locations and the S3 policy."""

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NGINX = (ROOT / "deploy" / "nginx" / "newsroom.conf").read_text()


def location(prefix):
    """The body of nginx's ``location <prefix> { … }`` (one level of nested braces)."""
    match = re.search(rf"location {re.escape(prefix)} \{{((?:[^{{}}]|\{{[^{{}}]*\}})*)\}}", NGINX)
    assert match, f"no location {prefix}"
    return match.group(1)


def test_nginx_serves_renditions_only_with_headers_that_let_nothing_run():
    renditions = location("/media/renditions/")
    assert "root /srv/newsroom/var;" in renditions
    assert """add_header Content-Security-Policy "default-src 'none'; sandbox" always;""" in (
        renditions
    )
    assert "add_header X-Content-Type-Options nosniff always;" in renditions
    assert "default_type application/octet-stream;" in renditions
    assert location("/media/").strip() == "return 404;"
    served = re.findall(r"location (\S+) \{", NGINX)
    assert [path for path in served if "media" in path or "private" in path] == [
        "/media/renditions/",
        "/media/",
    ]


def test_the_documented_bucket_policy_makes_renditions_public_and_nothing_else():
    deploy = (ROOT / "docs" / "deploy.md").read_text()
    [policy] = re.findall(r"```json\n(.*?)```", deploy, re.S)

    statements = json.loads(policy)["Statement"]
    assert [statement["Resource"] for statement in statements] == [
        "arn:aws:s3:::newsroom-media/renditions/*"
    ]
