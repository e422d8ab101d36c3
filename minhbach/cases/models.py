"""The item (góp ý … tố cáo) and what hangs off it: submitter, deadlines, messages, attachments, letters."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from minhbach.core import clock
from minhbach.orgs.models import OrgUnit
from minhbach.rules.models import ItemKind


# The six kinds of item are defined once, with the rules that govern them.
ItemType = ItemKind


# R1: the four classes of TT 05/2021 art. 6, by content.
class LetterClass(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint")
    DENUNCIATION = "denunciation", _("Denunciation")
    PETITION_REPORT = "petition_report", _("Petition, report")
    SEVERAL = "several", _("Several contents")


class Channel(models.TextChoices):
    WEB = "web", _("Web portal")
    PAPER = "paper", _("Paper letter / post")
    BOX = "box", _("Suggestion box")
    RECEPTION = "reception", _("Citizen reception")
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Phone")
    FRONT = "front", _("Front / organisation batch")
    VOTERS = "voters", _("Voters' petition")
    API = "api", _("API / Open311")


class Status(models.TextChoices):
    RECEIVED = "received", _("Received, being processed")
    AWAITING_CITIZEN = "awaiting_citizen", _("Waiting for the citizen's supplement")
    ACCEPTED = "accepted", _("Accepted, being resolved")
    RESULT_RECORDED = "result_recorded", _("Result awaiting sign-off")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")
    REFUSED = "refused", _("Not accepted")
    GUIDED = "guided", _("Guided to the competent body")
    FORWARDED = "forwarded", _("Forwarded to the competent unit")
    ARCHIVED = "archived", _("Archived (not handled)")
    SPLIT = "split", _("Split into several items")
    MERGED = "merged", _("Merged into another item")


OPEN_STATUSES = (Status.RECEIVED, Status.ACCEPTED, Status.RESULT_RECORDED, Status.AWAITING_CITIZEN)
CLOCK_STATUSES = (Status.RECEIVED, Status.ACCEPTED, Status.RESULT_RECORDED)
# R4: the decisions that close a letter not eligible for handling; one year later the item is moved to the archive
# (see minhbach/cases/services/retention.py and docs/rules.md, "Retention (R4)").
INELIGIBLE_STATUSES = (Status.REFUSED, Status.GUIDED, Status.ARCHIVED)


class Category(models.Model):
    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name (Vietnamese)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name


class Case(models.Model):
    """One opinion, complaint, denunciation or request, from receipt to answer."""

    tracking_code = models.CharField(_("tracking code"), max_length=20, unique=True)
    secret_hash = models.CharField(max_length=200, editable=False)
    type_claimed = models.CharField(_("type as submitted"), max_length=16, choices=ItemType.choices)
    type = models.CharField(_("type"), max_length=16, choices=ItemType.choices)
    letter_class = models.CharField(_("classification (R1)"), max_length=20, choices=LetterClass.choices, blank=True)
    classified_at = models.DateTimeField(_("classified at"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=255)
    content = models.TextField(_("content"))
    category = models.ForeignKey(Category, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("category"))
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="cases", verbose_name=_("handling unit"))
    addressed_unit = models.ForeignKey(OrgUnit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                       verbose_name=_("addressed to"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices, default=Channel.WEB)
    received_at = models.DateTimeField(_("received at"), default=clock.now)
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("received by"))
    anonymous = models.BooleanField(_("anonymous"), default=False)
    verifiable_evidence = models.BooleanField(
        _("gives specific, verifiable evidence"), default=False,
        help_text=_("R3: an anonymous letter is handled only if it names the violator and gives verifiable evidence."),
    )
    confidential = models.BooleanField(_("sender asks for confidentiality"), default=False)
    complex = models.BooleanField(_("complex case"), default=False)
    complaint_round = models.PositiveSmallIntegerField(_("complaint round"), default=1)
    previous_case = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                      verbose_name=_("first-time complaint"))
    split_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="split_items")
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_items")
    forwarded_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="forwards")
    denounced_unit = models.ForeignKey(OrgUnit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                       verbose_name=_("denounced unit"))
    denounced_person = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                         related_name="+", verbose_name=_("denounced official"))

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    status_changed_at = models.DateTimeField(default=clock.now)
    status_before_pause = models.CharField(max_length=20, blank=True)
    paused_on = models.DateField(null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    result_at = models.DateTimeField(_("result recorded at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="assigned_cases", verbose_name=_("handler"))
    due_date = models.DateField(_("due date"), null=True, blank=True)
    due_rule = models.CharField(_("clock"), max_length=16, blank=True)
    # 0 = nothing sent; 1 due soon (handler); 2 overdue (handler+leader); 3 escalated to the office.
    escalation_level = models.PositiveSmallIntegerField(default=0)
    result = models.TextField(_("result / answer"), blank=True)
    result_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    signed_off_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+", verbose_name=_("signed off by"))
    refusal_reason = models.TextField(_("reasons"), blank=True)
    guided_to = models.CharField(_("competent body"), max_length=255, blank=True)
    reopened_count = models.PositiveSmallIntegerField(default=0)
    public_summary = models.TextField(_("public summary"), blank=True)
    updated_at = models.DateTimeField(default=clock.now)
    # R4: set when the retention job moved the item to the archive; it then leaves every working list (inbox, due
    # lists, staff search) and becomes read-only, but stays readable to whoever may see it. Never cleared.
    retained_at = models.DateTimeField(_("moved to the archive at"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("item")
        verbose_name_plural = _("items")
        indexes = [
            models.Index(fields=["unit", "status", "due_date"], name="case_inbox_idx"),
            models.Index(fields=["status", "due_date"], name="case_sweep_idx"),
            models.Index(fields=["unit", "received_at"], name="case_unit_month_idx"),
            models.Index(fields=["assignee", "status"], name="case_assignee_idx"),
            # The retention job walks only the ineligible letters not yet moved to the archive, in id order.
            models.Index(fields=["id", "status_changed_at"], name="case_retention_due_idx",
                         condition=Q(status__in=INELIGIBLE_STATUSES, retained_at__isnull=True)),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(complaint_round__in=[1, 2]), name="case_complaint_round_1_or_2"),
            models.CheckConstraint(
                condition=~Q(status="merged") | Q(merged_into__isnull=False), name="case_merged_has_target"
            ),
            models.CheckConstraint(
                condition=~Q(status="answered") | Q(signed_off_by__isnull=False), name="case_answered_is_signed"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_code} — {self.title}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def due_state(self, today=None) -> str:
        """'overdue', 'due_soon', 'on_time' or '' (no running clock)."""
        if not self.due_date or self.status not in CLOCK_STATUSES:
            return ""
        today = today or clock.today()
        if self.due_date < today:
            return "overdue"
        if (self.due_date - today).days <= settings.DUE_SOON_DAYS:
            return "due_soon"
        return "on_time"


# The sender's identifying fields: sealed together in one encrypted blob, never stored in clear.
IDENTITY_FIELDS = ("name", "address", "phone", "email", "id_number", "organisation")


def _identity_property(field: str) -> property:
    def getter(self) -> str:
        return self.identity().get(field, "")

    def setter(self, value) -> None:
        ident = dict(self.identity())
        ident[field] = (value or "").strip() if isinstance(value, str) else (value or "")
        self._identity = ident
        self._identity_dirty = True

    return property(getter, setter, doc=f"The sender's {field} (decrypted on read, sealed on save).")


class Submitter(models.Model):
    """Who sent the item, apart from the case; name, address, contacts, ID and organisation are encrypted at rest.

    The identity is one AES-256-GCM blob under the item's own data key, which is wrapped by the vault's master
    key(s) (see minhbach/vault/crypto.py and docs/security.md). Reading `submitter.email` decrypts; whether a
    person may *see* it is decided by the vault's policies (protected items need a custodian's approval).
    """

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="submitter")
    sealed = models.BinaryField(default=b"", editable=False)
    key_wraps = models.JSONField(default=dict, editable=False)
    pseudonym = models.CharField(_("pseudonym"), max_length=8, blank=True, editable=False)
    people_count = models.PositiveIntegerField(_("number of people"), default=1)

    name = _identity_property("name")
    address = _identity_property("address")
    phone = _identity_property("phone")
    email = _identity_property("email")
    id_number = _identity_property("id_number")
    organisation = _identity_property("organisation")

    def __init__(self, *args, **kwargs):
        self._identity: dict | None = None
        self._identity_dirty = False
        self._data_key: bytes | None = None
        super().__init__(*args, **kwargs)

    @property
    def owner(self) -> str:
        return self.owner_of(self.case_id)

    @staticmethod
    def owner_of(case_id: int) -> str:
        """Whose data key wraps a submitter's: bound to the item, so a sealed identity cannot move to another one."""
        return f"case:{case_id}"

    @staticmethod
    def identity_aad(owner: str) -> str:
        """The associated data the identity is sealed with."""
        return f"identity/{owner}"

    def data_key(self) -> bytes:
        """The item's data key (created and wrapped on first use); kept in memory only."""
        from minhbach.vault import crypto

        if self._data_key is None:
            if self.key_wraps:
                self._data_key = crypto.unwrap(self.key_wraps, owner=self.owner)
            else:
                self._data_key = crypto.new_data_key()
                self.key_wraps = crypto.wrap(self._data_key, owner=self.owner)
        return self._data_key

    def identity(self) -> dict:
        """The decrypted identity fields (empty strings where none was given)."""
        if self._identity is None:
            from minhbach.vault import crypto

            if self.sealed:
                self._identity = crypto.decrypt_json(self.data_key(), self.sealed, aad=self.identity_aad(self.owner))
            else:
                self._identity = {}
        return self._identity

    def save(self, *args, **kwargs):
        from minhbach.vault import crypto

        if self._identity_dirty or not self.sealed or not self.key_wraps or not self.pseudonym:
            ident = {f: self.identity().get(f, "") for f in IDENTITY_FIELDS}
            self.sealed = crypto.encrypt_json(self.data_key(), ident, aad=self.identity_aad(self.owner))
            if not self.pseudonym:
                self.pseudonym = crypto.pseudonym_code(self.case_id)
            self._identity_dirty = False
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = set(kwargs["update_fields"]) | {"sealed", "key_wraps", "pseudonym"}
        super().save(*args, **kwargs)

    @property
    def is_anonymous(self) -> bool:
        return not (self.name.strip() and (self.address.strip() or self.phone.strip() or self.email.strip()))


class Deadline(models.Model):
    """One statutory clock running on an item, with its rule and legal basis."""

    class State(models.TextChoices):
        OPEN = "open", _("Running")
        PAUSED = "paused", _("Paused")
        MET = "met", _("Met")
        MISSED = "missed", _("Missed")
        CANCELLED = "cancelled", _("No longer applies")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="deadlines")
    stage = models.CharField(_("stage"), max_length=16)
    rule_code = models.CharField(_("rule"), max_length=16)
    rule_title = models.CharField(_("what"), max_length=255)
    legal_basis = models.CharField(_("legal basis"), max_length=255)
    variant = models.CharField(max_length=32, blank=True)
    start_date = models.DateField(_("counted from"))
    paused_days = models.PositiveIntegerField(default=0)
    extensions = models.PositiveSmallIntegerField(_("extensions"), default=0)
    due_date = models.DateField(_("due date"))
    state = models.CharField(max_length=12, choices=State.choices, default=State.OPEN)
    completed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["state", "due_date"], name="deadline_sweep_idx")]

    @property
    def met(self) -> bool | None:
        if self.completed_on is None:
            return None
        return self.completed_on <= self.due_date


class Message(models.Model):
    """A note (internal), a message to the citizen, or the citizen's message."""

    class Kind(models.TextChoices):
        NOTE = "note", _("Internal note")
        TO_CITIZEN = "to_citizen", _("Message to the citizen")
        FROM_CITIZEN = "from_citizen", _("Message from the citizen")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(_("message"))
    at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["at", "id"]


def attachment_path(instance: "Attachment", filename: str) -> str:
    return f"attachments/{instance.case.received_at:%Y/%m}/{instance.sha256[:2]}/{instance.sha256}.{filename.rsplit('.', 1)[-1]}"


class Attachment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(Message, null=True, blank=True, on_delete=models.SET_NULL, related_name="attachments")
    file = models.FileField(upload_to=attachment_path)
    name = models.CharField(max_length=150)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    from_citizen = models.BooleanField(default=False)
    identifying = models.BooleanField(_("reveals the sender's identity"), default=False)
    uploaded_at = models.DateTimeField(default=clock.now)


class LetterKind(models.TextChoices):
    ACCEPTANCE = "acceptance", _("Acceptance notice")
    REFUSAL = "refusal", _("Refusal notice")
    GUIDANCE = "guidance", _("Guidance")
    FORWARDING = "forwarding", _("Forwarding slip")
    EXTENSION = "extension", _("Extension notice")
    RESULT = "result", _("Result / answer")
    SUPPLEMENT = "supplement", _("Request to supplement")


class LetterTemplate(models.Model):
    """An editable template of a statutory letter; body paragraphs are Django template text."""

    kind = models.CharField(_("kind"), max_length=16, choices=LetterKind.choices, unique=True)
    title = models.CharField(_("document title"), max_length=255)
    subject = models.CharField(_("subject line (V/v)"), max_length=255, blank=True)
    body = models.TextField(_("body"), help_text=_("One paragraph per line. Variables: {{ case }}, {{ unit }}, {{ deadline }} …"))
    symbol_suffix = models.CharField(_("symbol"), max_length=32, default="TB")
    updated_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("letter template")
        verbose_name_plural = _("letter templates")

    def __str__(self) -> str:
        return self.get_kind_display()


class Letter(models.Model):
    """A generated statutory letter (.docx) kept with the item."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField(max_length=16, choices=LetterKind.choices)
    number = models.CharField(max_length=32, blank=True)
    content = models.BinaryField()
    created_at = models.DateTimeField(default=clock.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["created_at"]


class Intake(models.Model):
    """A citizen's submission accepted and answered with its receipt, waiting to be registered as an item.

    The public form and API answer a submission with one INSERT here (the receipt is valid from that moment); the
    background worker turns it into a `Case` with the original `received_at` and deletes this row in the same
    transaction (`minhbach.cases.services.intake.intakes_register`). The whole submission, identity included, is
    one AES-256-GCM blob under its own data key wrapped by the vault's master keys, as for `Submitter`.
    """

    # Unique through Meta.constraints, not unique=True: that would also make PostgreSQL keep a LIKE index
    # (varchar_pattern_ops) that no query uses, one more index written by every submission.
    tracking_code = models.CharField(max_length=20)
    secret_hash = models.CharField(max_length=200, editable=False)
    received_at = models.DateTimeField()
    channel = models.CharField(max_length=16, choices=Channel.choices)
    type = models.CharField(max_length=16, choices=ItemType.choices)
    # No index: nothing looks intakes up by unit, and each one is one more write on the submission's hot path.
    # No database constraint either: checking it made every submission look the unit up and lock its row (KEY SHARE,
    # shared by concurrent submissions to one unit through multixacts). The unit was checked open a moment before,
    # units are closed rather than deleted, and a deletion through Django still sets this to NULL.
    unit = models.ForeignKey(OrgUnit, null=True, on_delete=models.SET_NULL, related_name="+", db_index=False,
                             db_constraint=False)
    sealed = models.BinaryField(editable=False)
    key_wraps = models.JSONField(default=dict, editable=False)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["tracking_code"], name="cases_intake_code_unique")]
        verbose_name = _("submission waiting to be registered")
        verbose_name_plural = _("submissions waiting to be registered")

    def __str__(self) -> str:
        return self.tracking_code

    @property
    def owner(self) -> str:
        return self.owner_of(self.tracking_code)

    @staticmethod
    def owner_of(tracking_code: str) -> str:
        """Whose data key wraps an intake's: bound to its code, so a sealed blob cannot be moved to another row."""
        return f"intake:{tracking_code}"


# --- R4 retention: ineligible letters moved to the archive one year after the decision ------------------------------


class RetentionReason(models.TextChoices):
    """Why a letter was not eligible for handling, as the retention report counts it (never who sent it)."""

    ANONYMOUS = "anonymous", _("Anonymous letter without verifiable evidence (R3)")
    REPEAT = "repeat", _("Repeat on a decided case without new facts")
    REFUSED = "refused", _("Not accepted, refused in writing")
    OUTSIDE_COMPETENCE = "outside_competence", _("Outside competence, sender guided")
    INELIGIBLE = "ineligible", _("Other letter not eligible for handling")


class RetentionRun(models.Model):
    """One run of the R4 retention job (daily in the worker, or `minhbach retention run`), with its counts.

    Dry runs are not stored. The rows of the report are `RetentionRecord`s; the counts here cover every unit and are
    what the job printed; the staff pages recount the rows within the reader's province.
    """

    class Trigger(models.TextChoices):
        SCHEDULE = "schedule", _("Daily job")
        COMMAND = "command", _("Command line")

    started_at = models.DateTimeField(_("started at"), default=clock.now, db_index=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    as_of = models.DateField(_("run for the day"))
    decided_on_or_before = models.DateField(_("letters decided on or before"))
    trigger = models.CharField(_("started by"), max_length=16, choices=Trigger.choices, default=Trigger.SCHEDULE)
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    archived = models.PositiveIntegerField(_("items moved to the archive"), default=0)
    by_unit = models.JSONField(_("by unit"), default=dict, blank=True)
    by_reason = models.JSONField(_("by reason"), default=dict, blank=True)
    by_type = models.JSONField(_("by type"), default=dict, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")

    def __str__(self) -> str:
        return f"R4 {self.as_of:%Y-%m-%d} ({self.archived})"


class RetentionRecord(models.Model):
    """One item a retention run moved to the archive: code, type, unit, decision and reason — no identity."""

    run = models.ForeignKey(RetentionRun, on_delete=models.CASCADE, related_name="records")
    # One retention per item, ever: a second run cannot archive the same item again.
    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="retention")
    tracking_code = models.CharField(_("tracking code"), max_length=20)
    type = models.CharField(_("type"), max_length=16, choices=ItemType.choices)
    decision = models.CharField(_("decision"), max_length=20, choices=Status.choices)
    decided_on = models.DateField(_("decided on"))
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    reason = models.CharField(_("reason"), max_length=24, choices=RetentionReason.choices)

    class Meta:
        ordering = ["id"]
        verbose_name = _("item moved to the archive")
        verbose_name_plural = _("items moved to the archive")
        indexes = [models.Index(fields=["run", "id"], name="retention_record_run_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(decision__in=INELIGIBLE_STATUSES), name="retention_record_ineligible"),
        ]
