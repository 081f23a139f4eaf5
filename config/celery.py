"""The task queue (Celery): the worker and the scheduler run ``celery -A config worker|beat`` (Procfile).

Both are production processes, like gunicorn's ``config.wsgi``; a developer's worker sets
DJANGO_SETTINGS_MODULE=config.settings.development. Settings are the CELERY_* names in config/settings.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

app = Celery("config")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
