"""The Procfile's ``web``: gunicorn with uvicorn workers, production settings.

The cart's event stream (``cart:events``) stays open for hours, so Django's ASGI handler serves it on the event
loop. Every other request is served by Django's WSGI handler in one thread per process (a2wsgi), one request at a
time, as gunicorn's sync workers did: Django's ASGI handler would hop between the event loop and threads several
times per request, which cost a quarter of the shop's throughput here (docs/PERFORMANCE.md, "Live cart events").
"""

import os

from a2wsgi import WSGIMiddleware
from django.core.asgi import get_asgi_application
from django.core.wsgi import get_wsgi_application
from django.urls import reverse

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
# The event stream reads the database from threads of its own: connections come from a pool (settings).
os.environ.setdefault("DATABASE_POOL", "1")

asgi_application = get_asgi_application()
# django-stubs types the WSGI handler's answer as the response it is, not as the iterable of bytes it also is.
wsgi_application = WSGIMiddleware(get_wsgi_application(), workers=1)  # type: ignore[arg-type]
EVENTS_PATH = reverse("cart:events")


async def application(scope, receive, send):
    served_by = wsgi_application if scope["type"] == "http" and scope["path"] != EVENTS_PATH else asgi_application
    await served_by(scope, receive, send)
