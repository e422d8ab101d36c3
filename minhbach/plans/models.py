"""Plans, their tasks, the units assigned to them, the reports each unit owes, and the reports themselves."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from minhbach.core import clock
from minhbach.orgs.models import OrgUnit


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("Being implemented")
    CLOSED = "closed", _("Closed")


class Cadence(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    SEMIANNUAL = "semiannual", _("Every 6 months")
    YEARLY = "yearly", _("Yearly")


class Plan(models.Model):
    """A plan (Kế hoạch) of a unit; its tasks are assigned to units that report on them."""

    number = models.CharField(_("number and symbol"), max_length=100, blank=True)
    doc_type = models.CharField(_("document type"), max_length=60, default="Kế hoạch")
    issuing_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="plans_issued",
                                     verbose_name=_("issuing unit"))
    issuing_body = models.CharField(_("issuing body (as printed)"), max_length=255, blank=True)
    issue_date = models.DateField(_("issue date"), null=True, blank=True)
    title = models.TextField(_("title"))
    implements = models.JSONField(_("implements (document symbols)"), default=list, blank=True)
    implements_plans = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="implemented_by",
                                              verbose_name=_("implements plans"))
    parent_task = models.ForeignKey("Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="sub_plans",
                                    verbose_name=_("implements the task"))
    period_start = models.DateField(_("plan period from"), null=True, blank=True)
    period_end = models.DateField(_("plan period until"), null=True, blank=True)
    source_file = models.FileField(_("source document"), upload_to="plans/sources/%Y/", blank=True)
    source_name = models.CharField(max_length=150, blank=True)
    source_text = models.TextField(blank=True)
    extracted = models.JSONField(_("extracted structure"), default=dict, blank=True)
    report_cadences = models.JSONField(_("periodic reports"), default=list, blank=True,
                                       help_text=_("Any of monthly, quarterly, semiannual, yearly."))
    report_day = models.PositiveSmallIntegerField(_("report due day of the month"), null=True, blank=True)
    report_yearly_due = models.CharField(_("yearly report due (MM-DD)"), max_length=5, blank=True)
    reports_to = models.ForeignKey(OrgUnit, null=True, blank=True, on_delete=models.SET_NULL, related_name="plans_reported_to",
                                   verbose_name=_("reports go to"))
    reports_to_text = models.CharField(max_length=255, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.ACTIVE)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["-issue_date", "-id"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self) -> str:
        return f"{self.number or self.doc_type} — {self.title[:80]}"

    @property
    def cadence_labels(self) -> list[str]:
        """Display labels of the periodic reports the plan asks for."""
        return [str(Cadence(c).label) for c in self.report_cadences if c in Cadence.values]


class TimingKind(models.TextChoices):
    ONGOING = "ongoing", _("Ongoing")
    DEADLINE = "deadline", _("By a deadline")
    RECURRING = "recurring", _("Recurring")
    WINDOW = "window", _("Within a period")
    EVENT = "event", _("When an event occurs")
    UNKNOWN = "none", _("Not stated")


class Task(models.Model):
    """One task of a plan, e.g. 'II.2.b', with its timing normalised for scheduling."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    path = models.CharField(_("number in the plan"), max_length=40)
    order = models.PositiveIntegerField(default=0)
    line = models.PositiveIntegerField(null=True, blank=True)
    text = models.TextField(_("task"))
    units = models.ManyToManyField(OrgUnit, through="TaskAssignment", related_name="plan_tasks")
    unmatched_agencies = models.JSONField(default=list, blank=True,
                                          help_text=_("Agency names of the document that no unit was chosen for."))
    timing_kind = models.CharField(_("timing"), max_length=12, choices=TimingKind.choices, default=TimingKind.UNKNOWN)
    timing = models.JSONField(default=dict, blank=True)
    timing_text = models.CharField(_("timing as written"), max_length=255, blank=True)
    due_date = models.DateField(_("due"), null=True, blank=True)
    requires_publication = models.BooleanField(_("requires publication"), default=False)
    quota_text = models.CharField(_("quota"), max_length=255, blank=True)
    quota_value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["plan", "order"]
        constraints = [models.UniqueConstraint(fields=["plan", "path"], name="plans_task_path_unique")]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")

    def __str__(self) -> str:
        return f"{self.path} {self.text[:60]}"


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    COORDINATE = "coordinate", _("Coordinating")


class TaskAssignment(models.Model):
    """A unit assigned to a task, as lead or coordinating unit."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="task_assignments")
    role = models.CharField(max_length=12, choices=AssignmentRole.choices, default=AssignmentRole.LEAD)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["task", "unit"], name="plans_assignment_unique")]


class ReviewState(models.TextChoices):
    NONE = "none", _("Not reported")
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned for completion")


class ReportObligation(models.Model):
    """A report a unit owes for a plan (periodic) or for one task (deadline, window, recurring) and one period."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="obligations")
    task = models.ForeignKey(Task, null=True, blank=True, on_delete=models.CASCADE, related_name="obligations")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="report_obligations")
    period_label = models.CharField(_("period"), max_length=60)
    period_start = models.DateField()
    period_end = models.DateField()
    due_date = models.DateField(_("due"), db_index=True)
    # Denormalised from the latest report so lists and dashboards need no subquery; only the services write it.
    review_state = models.CharField(max_length=12, choices=ReviewState.choices, default=ReviewState.NONE)
    progress = models.CharField(max_length=12, blank=True)
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["due_date", "id"]
        # Cumulative reports (quarter I, 6 months, year) share a start, so the period's end is part of the key.
        constraints = [
            models.UniqueConstraint(fields=["plan", "task", "unit", "period_start", "period_end"],
                                    condition=Q(task__isnull=False), name="plans_obligation_task_unique"),
            models.UniqueConstraint(fields=["plan", "unit", "period_start", "period_end"],
                                    condition=Q(task__isnull=True), name="plans_obligation_plan_unique"),
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")), name="plans_obligation_period_ok"),
        ]
        verbose_name = _("report obligation")
        verbose_name_plural = _("report obligations")

    def __str__(self) -> str:
        return f"{self.unit} — {self.period_label}"

    def state(self, today=None) -> str:
        """not_reported / submitted / accepted / returned / overdue / due_soon (see selectors.obligation_state)."""
        from minhbach.plans.selectors import obligation_state

        return obligation_state(self, today or clock.today())


class ProgressStatus(models.TextChoices):
    DONE = "done", _("Done")
    ON_TRACK = "on_track", _("On track")
    DELAYED = "delayed", _("Delayed")
    NOT_STARTED = "not_started", _("Not started")


def report_attachment_path(instance: "ProgressReport", filename: str) -> str:
    return f"plans/reports/{instance.obligation.plan_id}/{filename}"


class ProgressReport(models.Model):
    """A unit's report on an obligation; a leader's submission is the unit's signature."""

    class Review(models.TextChoices):
        DRAFT = "draft", _("Draft, awaiting the leader")
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", _("Accepted")
        RETURNED = "returned", _("Returned for completion")

    obligation = models.ForeignKey(ReportObligation, on_delete=models.CASCADE, related_name="reports")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(_("progress"), max_length=12, choices=ProgressStatus.choices)
    text = models.TextField(_("report"))
    figures = models.JSONField(default=dict, blank=True)
    attachment = models.FileField(upload_to=report_attachment_path, blank=True)
    attachment_name = models.CharField(max_length=150, blank=True)
    attachment_type = models.CharField(max_length=100, blank=True)
    review_state = models.CharField(max_length=12, choices=Review.choices, default=Review.SUBMITTED)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    review_comment = models.TextField(blank=True)
    created_at = models.DateTimeField(default=clock.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")


class Urge(models.Model):
    """A recorded reminder (đôn đốc) to a unit about a plan or one of its tasks."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="urges")
    task = models.ForeignKey(Task, null=True, blank=True, on_delete=models.CASCADE, related_name="urges")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="urges_received")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("message"))
    at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["-at"]


class ReviewKind(models.TextChoices):
    SO_KET = "so_ket", _("Preliminary review (sơ kết)")
    TONG_KET = "tong_ket", _("Final review (tổng kết)")


class PlanReview(models.Model):
    """A generated review document (sơ kết / tổng kết) of a plan for a period."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField(max_length=12, choices=ReviewKind.choices)
    period_label = models.CharField(max_length=60)
    period_start = models.DateField()
    period_end = models.DateField()
    content = models.BinaryField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["-created_at"]


class PlanImport(models.Model):
    """An uploaded plan document and its extracted, editable draft, kept between the import steps."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Being reviewed")
        SAVED = "saved", _("Saved as a plan")
        DISCARDED = "discarded", _("Discarded")

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    issuing_unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="+")
    source_file = models.FileField(upload_to="plans/imports/%Y/")
    source_name = models.CharField(max_length=150)
    text = models.TextField()
    extracted = models.JSONField(default=dict)
    draft = models.JSONField(default=dict)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    plan = models.ForeignKey(Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=clock.now)
    updated_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["-created_at"]
