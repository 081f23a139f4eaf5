"""``manage.py`` (runserver, migrate, seed_store): works on a fresh clone with no variables."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="django-insecure-development-only-key")
