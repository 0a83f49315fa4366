"""The environment of the benchmark's processes: settings, secrets, data, static files."""

import json
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The user's own configuration must not change what is measured; DATABASE_URL and REDIS_URL
# are kept on purpose (see bench/run.py).
NOT_INHERITED = {
    "DJANGO_SETTINGS_MODULE",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "LANGUAGE_CODE",
    "TIME_ZONE",
    "MEDIA_ROOT",
    "EMAIL_BACKEND",
    "DEFAULT_FROM_EMAIL",
    "WEB_CONCURRENCY",
    "GUNICORN_CMD_ARGS",
}
NOT_INHERITED_PREFIXES = ("NEWSROOM_", "COMMENTS_", "AKISMET_", "MEDIA_S3_", "AWS_", "EMAIL_")


def child_env(var_dir, **variables):
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in NOT_INHERITED and not name.startswith(NOT_INHERITED_PREFIXES)
    }
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        NEWSROOM_VAR_DIR=str(var_dir),
        SECRET_KEY=secrets.token_urlsafe(50),
        NEWSROOM_HTTPS="0",  # plain HTTP on 127.0.0.1: no redirect to https://
        ALLOWED_HOSTS="127.0.0.1",
        PYTHONDONTWRITEBYTECODE="1",
        PYTHONUNBUFFERED="1",
    )
    env.update(variables)
    return env


def seed(env, *arguments, code=ROOT):
    """Seed the database (``bench/seed.py`` with ``arguments``) and collect the static files,
    side by side, with the project in ``code`` (another revision's copy, for a comparison);
    (facts, seconds)."""
    started = time.monotonic()
    collect = subprocess.Popen(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=code,
        env=env,
    )
    try:
        seeded = subprocess.run(
            [sys.executable, "-m", "bench.seed", *arguments],
            cwd=code,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
            check=False,
        )
    finally:
        collected = collect.wait()
    if seeded.returncode != 0:
        raise SystemExit("Seeding failed (see above).")
    if collected != 0:
        raise SystemExit("collectstatic failed (see above).")
    return json.loads(seeded.stdout.strip().splitlines()[-1]), time.monotonic() - started
