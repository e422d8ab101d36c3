"""Statutory rules as data (with their legal basis and dates in force) and calendar overrides."""
from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from minhbach.core.models import TimeStamped


class ItemKind(models.TextChoices):
    """The kinds of item a rule can apply to."""

    GOP_Y = "gop_y", _("Suggestion (góp ý)")
    PHAN_ANH = "phan_anh", _("Report (phản ánh)")
    KIEN_NGHI = "kien_nghi", _("Petition (kiến nghị)")
    KHIEU_NAI = "khieu_nai", _("Complaint (khiếu nại)")
    TO_CAO = "to_cao", _("Denunciation (tố cáo)")
    GIAI_TRINH = "giai_trinh", _("Accountability request (yêu cầu giải trình)")


class Stage(models.TextChoices):
    CLASSIFY = "classify", _("Classify")
    PROCESS = "process", _("Process")
    ROUTE = "route", _("Route or forward")
    ARCHIVE = "archive", _("Archive")
    FILE = "file", _("File (time to complain)")
    ACCEPT = "accept", _("Accept or refuse")
    RESOLVE = "resolve", _("Resolve")
    NOTIFY = "notify", _("Notify")
    EXPLAIN = "explain", _("Explain")
    PUBLISH = "publish", _("Publish")
    PROTECT = "protect", _("Protect the denouncer")
    RECEIVE = "receive", _("Receive citizens")
    DECLARE = "declare", _("Declare assets")
    VERIFY = "verify", _("Verify")
    VOTE = "vote", _("Confidence vote")
    SUPERVISE = "supervise", _("Supervise")
    SURVEY = "survey", _("Measure satisfaction")
    REPORT = "report", _("Report")
    ORGANISE = "organise", _("Organisation")


class DayType(models.TextChoices):
    # Same values as minhbach.rules.deadlines.DayType; "" for rules without a clock.
    CALENDAR = "calendar", _("days")
    WORKING = "working", _("working days")


class Rule(TimeStamped):
    """One statutory rule (or an administrator's default) in force between two dates."""

    code = models.CharField(_("code"), max_length=8, db_index=True)
    title_vi = models.CharField(_("title (Vietnamese)"), max_length=500)
    title_en = models.CharField(_("title (English)"), max_length=500)
    applies_to = models.JSONField(
        _("applies to"), default=list, blank=True,
        help_text=_("Item kinds this rule applies to; empty for a general rule."),
    )
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices)
    legal_basis = models.CharField(_("legal basis"), max_length=300)
    days = models.IntegerField(
        _("days"), null=True, blank=True,
        help_text=_("Empty for a rule without a clock; negative for a period counted backwards."),
    )
    day_type = models.CharField(_("day type"), max_length=8, choices=DayType.choices, blank=True)
    extension_days = models.PositiveSmallIntegerField(_("days per extension"), default=0)
    max_extensions = models.PositiveSmallIntegerField(_("maximum extensions"), default=0)
    variant_days = models.JSONField(
        _("variant figures"), default=dict, blank=True,
        help_text=_('E.g. {"complex": {"days": 45}, "remote": {"days": 60, "extension_days": 10, '
                    '"max_extensions": 1}}; a bare number means days without extension.'),
    )
    figure_text = models.CharField(_("figure"), max_length=300, blank=True)
    note = models.TextField(_("note"), blank=True)
    effective_from = models.DateField(_("in force from"))
    effective_to = models.DateField(_("in force until"), null=True, blank=True)

    class Meta:
        ordering = ["code", "effective_from"]
        verbose_name = _("rule")
        verbose_name_plural = _("rules")
        constraints = [
            models.UniqueConstraint(fields=["code", "effective_from"], name="rules_rule_code_from_uniq"),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=F("effective_from")),
                name="rules_rule_effective_range",
            ),
            models.CheckConstraint(
                condition=Q(days__isnull=True) | ~Q(day_type=""),
                name="rules_rule_clock_has_day_type",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.citation}"

    @property
    def citation(self) -> str:
        """The rule code and its legal basis, shown next to every deadline."""
        return f"{self.code} ({self.legal_basis})"

    def clean(self) -> None:
        errors: dict[str, list] = {}
        unknown = set(self.applies_to or []) - set(ItemKind.values)
        if not isinstance(self.applies_to, list) or unknown:
            errors["applies_to"] = [_("Use a list of: %(kinds)s.") % {"kinds": ", ".join(ItemKind.values)}]
        if not _valid_variants(self.variant_days):
            errors["variant_days"] = [_("Each variant needs a whole number of days.")]
        if self.days is not None and not self.day_type:
            errors["day_type"] = [_("A rule with days needs a day type.")]
        if self.effective_to and self.effective_from and self.effective_to < self.effective_from:
            errors["effective_to"] = [_("The end date is before the start date.")]
        elif self.code and self.effective_from and self._overlapping().exists():
            errors["effective_from"] = [_("Another version of this rule is in force in this period.")]
        if errors:
            raise ValidationError(errors)

    def _overlapping(self) -> models.QuerySet[Rule]:
        others = Rule.objects.filter(code=self.code).exclude(pk=self.pk)
        others = others.filter(Q(effective_to__isnull=True) | Q(effective_to__gte=self.effective_from))
        if self.effective_to:
            others = others.filter(effective_from__lte=self.effective_to)
        return others


def _valid_variants(value) -> bool:
    if not isinstance(value, dict):
        return False
    for figure in value.values():
        if isinstance(figure, dict):
            if not isinstance(figure.get("days"), int) or set(figure) - {"days", "extension_days", "max_extensions"}:
                return False
            if any(not isinstance(figure.get(k, 0), int) or figure.get(k, 0) < 0
                   for k in ("extension_days", "max_extensions")):
                return False
        elif not isinstance(figure, int) or isinstance(figure, bool):
            return False
    return True


class CalendarOverride(TimeStamped):
    """A day off or a working day that an administrator adds to Vietnam's public calendar."""

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("Day off")
        WORKING_DAY = "working_day", _("Working day")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("created by"),
    )

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar override")
        verbose_name_plural = _("calendar overrides")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()}: {self.name}"
