# Loaded with Django, so tasks (shared_task) bind to the shop's Celery app in every process.
from .celery import app as celery_app

__all__ = ["celery_app"]
