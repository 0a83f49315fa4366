"""The originals' storage on S3, in a module of its own: boto3 takes most of a second and tens
of megabytes to import, which only sites with a bucket should pay."""

from django.utils.deconstruct import deconstructible
from storages.backends.s3 import S3Storage

from .storage import WithoutURL


@deconstructible(path="articles.s3.PrivateS3Storage")
class PrivateS3Storage(WithoutURL, S3Storage):
    """Originals in an S3 bucket or prefix that has no public read (docs/deploy.md)."""
