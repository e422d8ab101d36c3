"""Background work: take ids, load, call a service; idempotent."""
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task


@db_task(retries=3, retry_delay=60)
def deliver_outbox_message(message_id: int) -> bool:
    from minhbach.cases.services.notify import outbox_deliver

    return outbox_deliver(message_id)


@db_task(retries=3, retry_delay=60)
def deliver_outbox_batch(message_ids: list[int]) -> int:
    from minhbach.cases.services.notify import outbox_deliver

    return sum(1 for pk in message_ids if outbox_deliver(pk))


@db_periodic_task(crontab(minute="*/30"))
def sweep_deadlines_periodic() -> dict:
    from minhbach.cases.services.sweep import deadlines_sweep

    return deadlines_sweep().as_dict()
