"""pytest: development settings with a fast password hasher (tests create many users)."""

from .development import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Tasks run in the test's process; the broker, for the tests that turn that off (orders/tests/test_outbox.py), is
# in memory, so no test ever publishes to a real Redis or RabbitMQ.
CELERY_BROKER_URL = "memory://"
CELERY_TASK_ALWAYS_EAGER = True
