import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
# Each request runs its views in a thread of its own: connections come from a pool (settings, DATABASE_POOL).
os.environ.setdefault("DATABASE_POOL", "1")
application = get_asgi_application()
