"""Template helpers of the plan pages: state labels and counter lookups."""
from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

STATE_LABELS = {
    "accepted": _("Accepted"),
    "submitted": _("Submitted, awaiting review"),
    "returned": _("Returned"),
    "overdue": _("Overdue"),
    "due_soon": _("Due soon"),
    "not_reported": _("Not reported"),
    "done": _("Done"),
    "on_track": _("On track"),
    "delayed": _("Delayed"),
    "not_started": _("Not started"),
}


@register.filter
def state_label(state: str) -> str:
    """Human label of an obligation state or a progress status."""
    return STATE_LABELS.get(state, state)


@register.filter
def count(counter, key) -> int:
    """counter[key] or 0."""
    return (counter or {}).get(key, 0)
