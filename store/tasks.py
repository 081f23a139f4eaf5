"""The store's work for the task queue."""

from celery import Task, shared_task

from . import low_stock

RETRY_SECONDS = 60


# Acknowledged after it ran, as the order emails: a message whose worker died is delivered again, and the row's
# lock and sent_at make the second delivery send nothing.
@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True)
def send_low_stock_alert(self: Task, alert_id: int) -> None:
    try:
        low_stock.low_stock_alert_send(alert_id=alert_id)
    except OSError as error:  # the mail server: smtplib's errors are OSErrors
        if self.request.is_eager:
            low_stock.logger.error("Low stock alert %s not sent: %s", alert_id, error)
            return
        raise self.retry(countdown=RETRY_SECONDS, max_retries=5) from error
