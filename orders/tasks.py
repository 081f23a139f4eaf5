"""The orders' work for the task queue: each task is safe to run twice (a redelivered message, two schedulers)."""

import logging

from celery import Task, shared_task

from . import emails, services

logger = logging.getLogger(__name__)


# Acknowledged after it ran: a message whose worker died is delivered again (RabbitMQ at once, Redis after its
# visibility timeout); the row lock and state in emails.order_email_send make the second delivery harmless.
@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True)
def send_order_email(self: Task, email_id: int) -> None:
    retry_in = emails.order_email_send(email_id=email_id)
    # Without a broker the task runs inside the request: the scheduler's sweep, not the request, tries again.
    if retry_in is not None and not self.request.is_eager:
        raise self.retry(countdown=retry_in, max_retries=None)


@shared_task
def send_due_order_emails() -> None:
    emails.order_emails_send_due()


@shared_task
def release_unpaid_orders() -> None:
    released = services.orders_release_unpaid()
    if released:
        logger.info("Released %s unpaid order(s)", released)
