"""Background work: take ids, load, call a service; idempotent."""
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, lock_task


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


@db_task()
def register_intakes() -> dict:
    """Register the submissions accepted since the last run as items (queued at most once a second)."""
    from minhbach.cases.services.intake import intakes_register

    total = {"registered": 0, "failed": 0, "waiting": 0}
    while True:
        report = intakes_register(limit=500)
        total = {"registered": total["registered"] + report["registered"], "failed": total["failed"] + report["failed"],
                 "waiting": report["waiting"]}
        if not report["registered"] or report["waiting"] <= report["failed"]:
            return total


@db_periodic_task(crontab(minute="*"))
def register_intakes_periodic() -> dict:
    """The safety net: whatever a lost wake-up left waiting is registered within a minute."""
    return register_intakes.call_local()


# Huey's crontab is in UTC here (HUEY["utc"]): 19:30 UTC is 02:30 in Vietnam, outside office hours. The lock keeps
# two schedulers (several consumers) from running it side by side; a second run would only find nothing left.
@db_periodic_task(crontab(hour="19", minute="30"))
@lock_task("minhbach-retention-run")
def retention_run_periodic() -> dict:
    """R4: move to the archive the ineligible letters whose year has ended (daily; idempotent)."""
    from minhbach.cases.services.retention import retention_run

    return retention_run().as_dict()
