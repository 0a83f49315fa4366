"""Gunicorn settings for Newsroom: `gunicorn -c deploy/gunicorn.conf.py` (the systemd unit).

Command-line options and gunicorn's own environment variables override these:
``WEB_CONCURRENCY=5`` sets the workers, ``GUNICORN_CMD_ARGS="--bind unix:/run/newsroom/
gunicorn.sock"`` any other option. Reference: https://docs.gunicorn.org/en/stable/settings.html
"""

import os

wsgi_app = "newsroom.wsgi:application"
proc_name = "newsroom"

# Only nginx on this machine talks to gunicorn (deploy/nginx/newsroom.conf); never bind a
# public address.
bind = ["127.0.0.1:8000"]

# Sync workers: each handles one request at a time, so a slow client never starves the others
# behind nginx (which buffers requests and responses). 2 x cores + 1, capped: each worker holds
# a database connection, and PostgreSQL's max_connections is shared by every app server.
cores = (getattr(os, "process_cpu_count", None) or os.cpu_count)() or 1
workers = int(os.environ.get("WEB_CONCURRENCY") or min(2 * cores + 1, 12))
worker_class = "sync"
# Each worker keeps its database connection from one request to the next (settings.py reads
# this): the workers live long, unlike the development server's threads.
os.environ.setdefault("NEWSROOM_DB_CONN_MAX_AGE", "600")

# A request gets 60 s (an editor's image upload makes its renditions during the request unless
# tasks run in the worker); a stuck worker is killed and replaced after that. On restart,
# workers get 30 s to finish what they are doing.
timeout = 60
graceful_timeout = 30
# Recycle each worker now and then, so slow memory growth cannot build up. Not too often: a new
# worker spends about a second of CPU loading the app, and pages from the cache take well under
# a millisecond, so a thousand requests would be a recycle every second or so under load.
max_requests = 50_000
max_requests_jitter = 5_000
# Heartbeat files in memory, not on a disk that may stall.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# Logs on stdout/stderr, collected by journald. The access log is Django's: one JSON line per
# request from newsroom.middleware.RequestLogMiddleware, with the path but not the query string
# (search terms). Gunicorn's own access log would repeat each line with the query string; to
# turn it on anyway, keep the path only:
#   accesslog = "-"
#   access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
accesslog = None
errorlog = "-"
loglevel = "info"

# Believe X-Forwarded-Proto (HTTPS or not) only from the proxies Django believes too
# (NEWSROOM_TRUSTED_PROXIES, loopback by default; see docs/deploy.md for containers).
# Connections over a unix socket are always believed.
forwarded_allow_ips = os.environ.get("NEWSROOM_TRUSTED_PROXIES") or "127.0.0.0/8,::1"

# systemd starts, reloads (HUP) and stops gunicorn: no control socket in the home folder.
control_socket_disable = True
