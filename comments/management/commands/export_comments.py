import json
from pathlib import Path

from django.core.management.base import BaseCommand

from comments.privacy import export_comments


class Command(BaseCommand):
    help = "Export every comment written with EMAIL as JSON (for a reader's data request)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--output", help="Write the JSON to this file instead of stdout.")

    def handle(self, *args, email, output=None, **options):
        comments = export_comments(email)
        text = json.dumps(comments, indent=2, ensure_ascii=False)
        if output:
            Path(output).write_text(text + "\n", encoding="utf-8")
            self.stdout.write(f"Wrote {len(comments)} comment(s) to {output}.")
        else:
            self.stdout.write(text)
