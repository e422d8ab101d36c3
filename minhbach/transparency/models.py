"""What is published: the monthly register (frozen snapshots), publications, the officials' directory, disclosures."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from minhbach.cases.models import Case, Category, ItemType, Status
from minhbach.core import clock
from minhbach.orgs.models import OrgUnit

# --- the monthly register ---------------------------------------------------------------------


class ItemReview(models.Model):
    """The public wording of one item, reviewed by the unit's leader before its month is published."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="public_review")
    summary = models.TextField(_("public summary"))
    result_summary = models.TextField(_("public result summary"), blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("public summary review")
        verbose_name_plural = _("public summary reviews")


class RegisterScope(models.TextChoices):
    UNIT = "unit", _("Unit register")
    PROVINCE = "province", _("Consolidated provincial register")


class RegisterMonth(models.Model):
    """A published month of a unit's register (or the consolidated provincial one); it exists only once signed off."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="registers", verbose_name=_("unit"))
    scope = models.CharField(_("scope"), max_length=10, choices=RegisterScope.choices, default=RegisterScope.UNIT)
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    published_at = models.DateTimeField(_("published at"), default=clock.now)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                     verbose_name=_("signed off by"))
    signer_name = models.CharField(_("signed off by"), max_length=150, blank=True)
    signer_position = models.CharField(_("position"), max_length=150, blank=True)
    # Consolidated register: the unit registers it gathers, and the units that had not published (frozen too).
    included = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="consolidated_in")
    missing_units = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-month", "unit__path"]
        verbose_name = _("published register month")
        verbose_name_plural = _("published register months")
        constraints = [
            models.UniqueConstraint(fields=["unit", "scope", "month"], name="register_one_per_unit_month"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.month:%m/%Y}"

    @property
    def month_key(self) -> str:
        return f"{self.month:%Y-%m}"


class RegisterEntry(models.Model):
    """One item as published in its month: a frozen copy, changed afterwards only by a visible correction."""

    register = models.ForeignKey(RegisterMonth, on_delete=models.CASCADE, related_name="entries")
    number = models.PositiveIntegerField(_("no."))
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="register_entries")
    tracking_code = models.CharField(_("tracking code"), max_length=20)
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="register_entries")
    unit_name = models.CharField(_("unit"), max_length=255)
    month = models.DateField(_("month"))
    type = models.CharField(_("type"), max_length=16, choices=ItemType.choices)
    category = models.ForeignKey(Category, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    category_name = models.CharField(_("category"), max_length=150, blank=True)
    channel = models.CharField(_("source"), max_length=16)
    received_on = models.DateField(_("received on"))
    summary = models.TextField(_("summary"))
    status = models.CharField(_("state"), max_length=20, choices=Status.choices)
    handled = models.BooleanField(_("handled"), default=False)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    days_to_answer = models.PositiveIntegerField(_("days to answer"), null=True, blank=True)
    deadlines_met = models.PositiveSmallIntegerField(_("deadlines met"), default=0)
    deadlines_missed = models.PositiveSmallIntegerField(_("deadlines missed"), default=0)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    overdue = models.BooleanField(_("overdue"), default=False)
    on_time = models.BooleanField(_("handled on time"), default=False)
    result_summary = models.TextField(_("result"), blank=True)
    corrected = models.BooleanField(default=False)
    search_text = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["register", "number"]
        verbose_name = _("register entry")
        verbose_name_plural = _("register entries")
        constraints = [
            models.UniqueConstraint(fields=["register", "number"], name="register_entry_number_unique"),
            models.CheckConstraint(condition=~(Q(on_time=True) & Q(overdue=True)), name="register_entry_on_time_xor_overdue"),
        ]
        indexes = [
            models.Index(fields=["month", "unit"], name="register_entry_month_unit_idx"),
            models.Index(fields=["tracking_code"], name="register_entry_code_idx"),
        ]


class FigureDimension(models.TextChoices):
    TOTAL = "total", _("Total")
    TYPE = "type", _("Type")
    CATEGORY = "category", _("Category")


class RegisterFigure(models.Model):
    """The stored sums of one published unit register's entries: in all, per type and per category.

    Every entry counts once in each dimension: one "total" row per register (for totals and the figures by unit or
    month), a row per type and a row per category. The statistics, the league table and the register's figures sum
    these rows instead of counting every entry; the rows of a register are rewritten from its entries, in the same
    transaction, whenever its entries are written (publish, refresh, correction) and never changed on their own.
    """

    register = models.ForeignKey(RegisterMonth, on_delete=models.CASCADE, related_name="stored_figures")
    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="+")
    month = models.DateField(_("month"))
    dimension = models.CharField(max_length=8, choices=FigureDimension.choices)
    key = models.CharField(max_length=150, blank=True)  # "" (total), the type's value or the category's published name
    received = models.PositiveIntegerField(default=0)
    handled = models.PositiveIntegerField(default=0)
    on_time = models.PositiveIntegerField(default=0)
    overdue = models.PositiveIntegerField(default=0)
    days_total = models.PositiveIntegerField(default=0)  # the sum of the entries' days to answer
    days_count = models.PositiveIntegerField(default=0)  # the entries that have days to answer

    class Meta:
        verbose_name = _("stored register figures")
        verbose_name_plural = _("stored register figures")
        constraints = [
            models.UniqueConstraint(fields=["register", "dimension", "key"], name="register_figure_unique"),
            # What counting entries guarantees (an entry is never both on time and overdue).
            models.CheckConstraint(condition=Q(handled__lte=F("received")) & Q(days_count__lte=F("received"))
                                   & Q(on_time__lte=F("received") - F("overdue")), name="register_figure_consistent"),
        ]
        indexes = [models.Index(fields=["dimension", "month"], name="register_figure_dim_month_idx")]


class RegisterCorrection(models.Model):
    """A correction of a published register: what changed, from what, to what, when and why (shown publicly)."""

    register = models.ForeignKey(RegisterMonth, on_delete=models.CASCADE, related_name="corrections")
    entry = models.ForeignKey(RegisterEntry, null=True, blank=True, on_delete=models.CASCADE, related_name="corrections")
    field = models.CharField(_("field"), max_length=32)
    old_value = models.TextField(_("before"), blank=True)
    new_value = models.TextField(_("after"), blank=True)
    reason = models.TextField(_("reason"))
    at = models.DateTimeField(_("corrected on"), default=clock.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("register correction")
        verbose_name_plural = _("register corrections")

    @property
    def field_label(self) -> str:
        try:
            return str(RegisterEntry._meta.get_field(self.field).verbose_name)
        except Exception:  # a field that no longer exists keeps its code
            return self.field

    def _display(self, value: str) -> str:
        if self.field == "status":
            return str(dict(Status.choices).get(value, value))
        if self.field in {"handled", "overdue", "on_time"}:
            return str(_("yes") if value == "1" else _("no"))
        return value

    @property
    def old_display(self) -> str:
        return self._display(self.old_value)

    @property
    def new_display(self) -> str:
        return self._display(self.new_value)


class UrgeNotice(models.Model):
    """The provincial office urging (đôn đốc) an agency about its overdue items; shown on the agency's figures."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="urges", verbose_name=_("agency"))
    month = models.DateField(_("month"), null=True, blank=True)
    text = models.TextField(_("urging"))
    overdue_count = models.PositiveIntegerField(_("overdue items at the time"), default=0)
    at = models.DateTimeField(_("urged on"), default=clock.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("urging notice")
        verbose_name_plural = _("urging notices")


# --- publications ------------------------------------------------------------------------------


class PublicationKind(models.TextChoices):
    COMPLAINT_DECISION = "complaint_decision", _("Complaint decision")
    DENUNCIATION_CONCLUSION = "denunciation_conclusion", _("Denunciation conclusion")
    INSPECTION_CONCLUSION = "inspection_conclusion", _("Inspection conclusion")
    CORRUPTION_RESULT = "corruption_result", _("Result of handling a corruption or negative case")
    ADMIN_PROCEDURE = "admin_procedure", _("Administrative procedure")
    PLAN = "plan", _("Plan")


class PublicationState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


def publication_path(instance: "Publication", filename: str) -> str:
    return f"publications/{instance.issued_on:%Y}/{instance.sha256[:2]}/{instance.sha256}.{filename.rsplit('.', 1)[-1]}"


class Publication(models.Model):
    """A document the law requires to be published, with its posting window (C5, G2) and then the archive."""

    kind = models.CharField(_("kind"), max_length=32, choices=PublicationKind.choices)
    title = models.CharField(_("title"), max_length=255)
    number = models.CharField(_("number and symbol"), max_length=64, blank=True)
    issued_on = models.DateField(_("issued on"))
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="publications", verbose_name=_("issuing unit"))
    summary = models.TextField(_("summary"), blank=True)
    document = models.FileField(_("document"), upload_to=publication_path)
    document_name = models.CharField(max_length=150)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    posted_from = models.DateField(_("online from"))
    posted_until = models.DateField(_("online until"))
    state = models.CharField(_("state"), max_length=12, choices=PublicationState.choices, default=PublicationState.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=clock.now)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    search_text = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["-posted_from", "-id"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        constraints = [
            models.CheckConstraint(condition=Q(posted_until__gte=F("posted_from")), name="publication_window_ordered"),
            models.CheckConstraint(condition=~Q(state="published") | Q(published_at__isnull=False),
                                   name="publication_published_has_date"),
        ]
        indexes = [models.Index(fields=["state", "kind", "posted_from"], name="publication_public_idx")]

    def __str__(self) -> str:
        return self.title


# --- the officials' directory and disclosures ----------------------------------------------------


class DirectoryEntry(models.Model):
    """An official listed in a unit's public directory; name and position come from the user, authority from roles."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="directory_entries")
    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="directory_entries")
    responsibilities = models.TextField(_("responsibilities"), blank=True)
    listed = models.BooleanField(_("listed in the public directory"), default=True)
    search_text = models.TextField(blank=True, editable=False)
    updated_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["unit__path", "user__full_name"]
        verbose_name = _("directory entry")
        verbose_name_plural = _("directory entries")
        constraints = [models.UniqueConstraint(fields=["user", "unit"], name="directory_entry_unique")]


class ReceptionSchedule(models.Model):
    """When and where a unit (or one of its leaders) receives citizens in person (T1–T3)."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="reception_schedules")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+", verbose_name=_("who receives"))
    days = models.CharField(_("days"), max_length=150, help_text=_("e.g. “Every Thursday” or “The 15th of each month”."))
    hours = models.CharField(_("hours"), max_length=100, blank=True)
    place = models.CharField(_("place"), max_length=255, blank=True)
    rule_code = models.CharField(_("rule"), max_length=8, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        ordering = ["unit__path", "id"]
        verbose_name = _("reception schedule")
        verbose_name_plural = _("reception schedules")


class DisclosureKind(models.TextChoices):
    COMMITMENT = "commitment", _("Written commitment")
    ASSETS = "assets", _("Asset and income declaration")


def disclosure_path(instance: "Disclosure", filename: str) -> str:
    return f"disclosures/{instance.window_start:%Y}/{instance.sha256[:2]}/{instance.sha256}.{filename.rsplit('.', 1)[-1]}"


class Disclosure(models.Model):
    """An official's commitment or asset declaration, public only within its disclosure window (K3)."""

    kind = models.CharField(_("kind"), max_length=16, choices=DisclosureKind.choices)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="disclosures",
                               verbose_name=_("official"))
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="disclosures", verbose_name=_("unit"))
    title = models.CharField(_("title"), max_length=255)
    document = models.FileField(_("document"), upload_to=disclosure_path)
    document_name = models.CharField(max_length=150)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    window_start = models.DateField(_("disclosed from"))
    window_end = models.DateField(_("disclosed until"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=clock.now)
    search_text = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["-window_start", "id"]
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosures")
        constraints = [
            models.CheckConstraint(condition=Q(window_end__gte=F("window_start")), name="disclosure_window_ordered"),
        ]
