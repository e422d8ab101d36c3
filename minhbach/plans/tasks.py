"""Background work of plan tracking: the daily sweep (obligations rolled forward, reminders); idempotent."""
from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(hour="7", minute="10"))
def plans_sweep_periodic() -> dict:
    from minhbach.plans.services import plans_sweep

    return plans_sweep()
