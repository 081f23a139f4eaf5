"""Where uploaded media lives: this server's MEDIA_ROOT, or an S3 bucket every server shares (django-storages)."""

from collections.abc import Mapping


def media_storage(environ: Mapping[str, str]) -> dict:
    """STORAGES["default"]: the S3 bucket AWS_STORAGE_BUCKET_NAME names, with django-storages' variables, else disk."""
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            # Another S3-compatible service (MinIO, Ceph, a cloud's own); unset for AWS itself.
            "endpoint_url": environ.get("AWS_S3_ENDPOINT_URL") or None,
            "access_key": environ.get("AWS_ACCESS_KEY_ID") or None,
            "secret_key": environ.get("AWS_SECRET_ACCESS_KEY") or None,
            "region_name": environ.get("AWS_S3_REGION_NAME") or None,
            # A CDN or the bucket's public host name pictures are linked from, e.g. media.shop.example.
            "custom_domain": environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            # An upload with a taken name gets a new one, never another picture's content (variants rely on it).
            "file_overwrite": False,
            # Plain, stable links: product pictures are public, and a signed link would expire inside cached pages.
            "querystring_auth": False,
            # "public-read" for a bucket that takes object ACLs; unset when a bucket policy or a CDN makes them public.
            "default_acl": environ.get("AWS_DEFAULT_ACL") or None,
            "object_parameters": {"CacheControl": "public, max-age=86400"},
        },
    }
