"""Deployment checks (``manage.py check --deploy``): refuse a production setup that splits or loses the shop's state.

Each process of a production shop must share what the others count and remember (the cache), send mail outside
the request (the task queue), and, when more than one server runs it, see the same uploads and the same database.
"""

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register

LOCAL_MEMORY_CACHE = "django.core.cache.backends.locmem.LocMemCache"
LOCAL_DISK_STORAGE = "django.core.files.storage.FileSystemStorage"
SQLITE = "django.db.backends.sqlite3"


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs, **kwargs) -> list[CheckMessage]:
    if settings.CACHES["default"]["BACKEND"] != LOCAL_MEMORY_CACHE:
        return []
    return [
        Error(
            "The cache is each process's own memory.",
            hint="Set REDIS_URL: login limits are counted in the cache and picture variants remembered there, "
            "and every gunicorn worker must see the same counts.",
            id="shop.E001",
        )
    ]


@register(deploy=True)
def check_task_queue(app_configs, **kwargs) -> list[CheckMessage]:
    if not settings.CELERY_TASK_ALWAYS_EAGER:
        return []
    return [
        Error(
            "The task queue is off: emails would be sent inside the shopper's request.",
            hint="Set CELERY_BROKER_URL (Redis or RabbitMQ) and run the Procfile's worker and scheduler.",
            id="shop.E002",
        )
    ]


@register(Tags.files, Tags.database, deploy=True)
def check_shared_by_instances(app_configs, **kwargs) -> list[CheckMessage]:
    if settings.SHOP_INSTANCES < 2:
        return []
    errors: list[CheckMessage] = []
    if settings.STORAGES["default"]["BACKEND"] == LOCAL_DISK_STORAGE:
        errors.append(
            Error(
                f"SHOP_INSTANCES is {settings.SHOP_INSTANCES} but uploaded pictures are kept on this server's disk.",
                hint="Set AWS_STORAGE_BUCKET_NAME (and AWS_S3_ENDPOINT_URL for an S3-compatible service) so every "
                "server stores and serves media from the same bucket.",
                id="shop.E003",
            )
        )
    if settings.DATABASES["default"]["ENGINE"] == SQLITE:
        errors.append(
            Error(
                f"SHOP_INSTANCES is {settings.SHOP_INSTANCES} but the database is a SQLite file on this server.",
                hint="Set DATABASE_URL to a PostgreSQL database every server reaches.",
                id="shop.E004",
            )
        )
    return errors
