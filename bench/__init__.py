"""Benchmarks of the site under gunicorn: ``bench/run.py`` seeds, serves, measures, reports."""
