"""Benchmark ``manage.py import_wordpress`` on a generated export: time and peak memory.

    .venv/bin/python bench/import_wordpress.py [--posts 1000] [--comments 10000] [--keep]

Writes an export of ``--posts`` posts (classic and block bodies, captions, galleries, links
between posts, categories and tags) carrying ``--comments`` comments (a third of them replies),
then imports it twice into a new SQLite database in a temporary directory (``NEWSROOM_VAR_DIR``):
a first import, then a second run that finds everything unchanged. Each import runs in its own
process, so its peak resident memory (``ru_maxrss``) is its own. Prints a Markdown table for
docs/import.md. Pictures are listed as missing (no ``--uploads``): image processing is the
upload code's, measured by ``make bench``.
"""

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.dont_write_bytecode = True

WORDS = [
    "harbour",
    "council",
    "budget",
    "tram",
    "school",
    "river",
    "festival",
    "bridge",
    "market",
    "election",
    "storm",
    "museum",
    "hospital",
    "library",
    "stadium",
    "port",
    "ferry",
    "station",
    "theatre",
    "garden",
]


def sentence(rng, n=14):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def post_body(rng, n, posts):
    other = rng.randrange(1, posts + 1)
    link = f"https://bench.example.com/2024/01/01/post-{other}/"
    paragraphs = [" ".join(sentence(rng) for _ in range(4)) for _ in range(5)]
    if n % 2:  # classic editor: WordPress's paragraph rules, a caption, a link to another post
        return (
            "\n\n".join(paragraphs[:2])
            + f'\n\n[caption id="attachment_{n}" width="300"]<img src="https://bench.example.com'
            f'/wp-content/uploads/2024/01/p{n}.jpg" alt="Picture {n}" /> A caption[/caption]\n\n'
            + f'<a href="{link}">Read the other story</a>\n\n'
            + "\n\n".join(paragraphs[2:])
        )
    blocks = [f"<!-- wp:paragraph -->\n<p>{p}</p>\n<!-- /wp:paragraph -->" for p in paragraphs]
    blocks.insert(
        2, '<!-- wp:heading -->\n<h2 class="wp-block-heading">Later</h2>\n<!-- /wp:heading -->'
    )
    blocks.append(
        f'<!-- wp:paragraph -->\n<p><a href="{link}">Also</a></p>\n<!-- /wp:paragraph -->'
    )
    return "\n\n".join(blocks)


def post_item(rng, n, posts, categories, tags):
    """An <item> up to its comments."""
    terms = [("category", rng.choice(categories))]
    terms += [("post_tag", tag) for tag in rng.sample(tags, 3)]
    categories_xml = "".join(
        f'\t\t<category domain="{taxonomy}" nicename="{slug}">{slug}</category>\n'
        for taxonomy, slug in terms
    )
    return (
        f"\t<item>\n\t\t<title>{escape(f'Story number {n}')}</title>\n"
        f"\t\t<link>https://bench.example.com/2024/01/01/post-{n}/</link>\n"
        f"\t\t<dc:creator>{rng.choice(['alice', 'bob', 'carol'])}</dc:creator>\n"
        f"\t\t<content:encoded><![CDATA[{post_body(rng, n, posts)}]]></content:encoded>\n"
        f"\t\t<wp:post_id>{n}</wp:post_id>\n"
        f"\t\t<wp:post_date_gmt>2024-01-01 08:00:00</wp:post_date_gmt>\n"
        f"\t\t<wp:post_name>post-{n}</wp:post_name>\n\t\t<wp:status>publish</wp:status>\n"
        f"\t\t<wp:post_type>post</wp:post_type>\n{categories_xml}"
    )


def comment(rng, number, parent):
    return f"""
		<wp:comment>
			<wp:comment_id>{number}</wp:comment_id>
			<wp:comment_author><![CDATA[Reader {number}]]></wp:comment_author>
			<wp:comment_author_email><![CDATA[reader{number}@example.net]]></wp:comment_author_email>
			<wp:comment_author_url>https://reader{number}.example.org/</wp:comment_author_url>
			<wp:comment_author_IP><![CDATA[192.0.2.{number % 250}]]></wp:comment_author_IP>
			<wp:comment_date_gmt>2024-02-01 10:{number % 60:02d}:00</wp:comment_date_gmt>
			<wp:comment_content><![CDATA[{sentence(rng, 30)}

{sentence(rng, 20)}]]></wp:comment_content>
			<wp:comment_approved>{rng.choice(["1", "1", "1", "0"])}</wp:comment_approved>
			<wp:comment_type><![CDATA[comment]]></wp:comment_type>
			<wp:comment_parent>{parent}</wp:comment_parent>
		</wp:comment>"""


def write_export(path, posts, comments):
    rng = random.Random(42)
    per_post = [comments // posts + (1 if n < comments % posts else 0) for n in range(posts)]
    categories = [f"section-{i}" for i in range(8)]
    tags = [f"tag-{i}" for i in range(60)]
    number = 0
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" '
            'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
            "<title>Bench</title><link>https://bench.example.com</link>\n"
            "<wp:wxr_version>1.2</wp:wxr_version>\n"
        )
        for login in ["alice", "bob", "carol"]:
            out.write(
                f"<wp:author><wp:author_login>{login}</wp:author_login>"
                f"<wp:author_display_name>{login.title()}</wp:author_display_name></wp:author>\n"
            )
        for slug in categories:
            out.write(
                f"<wp:category><wp:category_nicename>{slug}</wp:category_nicename>"
                f"<wp:cat_name>{slug.title()}</wp:cat_name></wp:category>\n"
            )
        for slug in tags:
            out.write(
                f"<wp:tag><wp:tag_slug>{slug}</wp:tag_slug><wp:tag_name>{slug}</wp:tag_name></wp:tag>\n"
            )
        for n in range(1, posts + 1):
            out.write(post_item(rng, n, posts, categories, tags))
            replied = []
            for _ in range(per_post[n - 1]):
                number += 1
                parent = rng.choice(replied) if replied and rng.random() < 0.33 else 0
                replied.append(number)
                out.write(comment(rng, number, parent))
            out.write("\n\t</item>\n")
        out.write("</channel>\n</rss>\n")


def run_import(export, env):
    """(seconds, CPU seconds, peak resident memory in MB, the command's summary) of one import
    process. The CPU time says what the import costs on a machine that other work shares."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_AND_MEASURE, str(export)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    seconds = time.perf_counter() - started
    rest, _sep, peak_kb = result.stdout.rpartition("PEAK_KB=")
    summary, _sep, cpu = rest.rpartition("CPU_SECONDS=")
    return seconds, float(cpu), int(peak_kb) / 1024, summary


# Run in the child: the command, then its own peak memory (ru_maxrss is in kB on Linux).
IMPORT_AND_MEASURE = """
import os, resource, sys
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
django.setup()
from django.core.management import call_command
call_command("import_wordpress", sys.argv[1], verbosity=0)
usage = resource.getrusage(resource.RUSAGE_SELF)
print("CPU_SECONDS=%.1f" % (usage.ru_utime + usage.ru_stime))
print("PEAK_KB=%d" % usage.ru_maxrss)
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--comments", type=int, default=10000)
    parser.add_argument("--keep", action="store_true", help="Keep the temporary directory.")
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="newsroom-import-bench-"))
    env = {**os.environ, "NEWSROOM_DEBUG": "1", "NEWSROOM_VAR_DIR": str(folder)}
    env.pop("DATABASE_URL", None)
    export = folder / "export.xml"
    write_export(export, options.posts, options.comments)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--verbosity", "0"], cwd=ROOT, env=env, check=True
    )
    first = run_import(export, env)
    second = run_import(export, env)
    size = export.stat().st_size / 1_000_000
    print("\n".join(first[3].splitlines()[:9]))
    print(f"Export: {options.posts} posts, {options.comments} comments, {size:.1f} MB")
    print("\n| run | time | CPU time | peak memory (RSS) |\n|---|---|---|---|")
    for label, (seconds, cpu, peak, _summary) in [("first import", first), ("second run", second)]:
        print(f"| {label} | {seconds:.1f} s | {cpu:.1f} s | {peak:.0f} MB |")
    if options.keep:
        print(f"\nKept: {folder}")
    else:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
