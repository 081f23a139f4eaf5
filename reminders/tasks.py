"""The reminder's work for the task queue: each task is safe to run twice (a redelivered message, two schedulers)."""

import logging

from celery import Task, shared_task
from django.utils import timezone

from . import services

logger = logging.getLogger(__name__)


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True)
def send_cart_reminder(self: Task, reminder_id: int) -> None:
    retry_in = services.reminder_send(reminder_id=reminder_id)
    # Without a broker the task runs in process: the scheduler's sweep, not this call, tries again.
    if retry_in is not None and not self.request.is_eager:
        raise self.retry(countdown=retry_in, max_retries=None)


@shared_task
def remind_abandoned_carts() -> None:
    """Decide the reminders due now, and hand over those queued earlier that are due again."""
    decided = services.reminders_decide(now=timezone.now())
    if decided:
        logger.info("Decided %s cart reminder(s)", len(decided))
    services.reminders_send_due()
