"""Intake: one submission (web form, API, staff entry) becomes one item with a receipt."""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from minhbach.cases import receipts
from minhbach.cases.models import Attachment, Case, Category, Channel, ItemType, Submitter
from minhbach.cases.services.clocks import PROCESS_RULE, case_refresh_due, deadline_start
from minhbach.cases.services.notify import send_receipt_email
from minhbach.core import clock
from minhbach.core.audit import audit_append
from minhbach.core.errors import DomainError
from minhbach.core.uploads import CheckedUpload
from minhbach.orgs.models import OrgUnit

log = logging.getLogger(__name__)

MAX_TITLE = 255
MAX_CONTENT = 20000


@dataclass
class SubmitterInput:
    name: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    id_number: str = ""
    organisation: str = ""
    people_count: int = 1


@dataclass
class SubmissionInput:
    type: str
    title: str
    content: str
    category: str = ""          # category code
    unit: str = ""              # unit code
    place: str = ""
    submitter: SubmitterInput = field(default_factory=SubmitterInput)
    confidential: bool = False
    verifiable_evidence: bool = False
    previous_tracking_code: str = ""
    language: str = "vi"


_SUBMISSION_FIELDS = dataclasses.fields(SubmissionInput)
# Django rebuilds `Choices.values` on every access; these are checked on every submission.
_ITEM_TYPES = frozenset(ItemType.values)
_CHANNELS = frozenset(Channel.values)


@dataclass(frozen=True)
class Receipt:
    """What the citizen is given: the tracking code and the access secret (shown once).

    `case` is None while an accepted submission waits for the worker to register it (`pending`).
    """

    case: Case | None
    tracking_code: str
    access_secret: str
    received_at: dt.datetime

    @property
    def pending(self) -> bool:
        return self.case is None


class SubmissionInvalid(DomainError):
    """Several field errors at once: `errors` maps a field name to its message."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(_("Please correct the marked fields."), code="invalid")
        self.errors = errors


# Units and categories a submission may name, looked up by code: read on every submission, changed a few times a
# year, so each process keeps the whole table of open units and active categories for LOOKUP_TTL seconds (one query
# each; cleared at once in the process that changes one, see `lookups_clear`). A submission accepted against a unit
# closed meanwhile is still registered (`intake_register`).
LOOKUP_TTL = 30
_lookups: dict[str, tuple[float, dict]] = {}


def lookups_clear(**_kwargs) -> None:
    _lookups.clear()


def _open_units():
    """The open units (not the Front) a submission may be addressed to."""
    return OrgUnit.objects.filter(active_to__isnull=True).exclude(kind="front")


def _open_unit(code: str) -> OrgUnit | None:
    """The open unit (not the Front) a submission may be addressed to, by code."""
    return _open_units().filter(code=code).first()


def _lookup(kind: str, code: str):
    import time

    now = time.monotonic()
    hit = _lookups.get(kind)
    if hit is None or hit[0] <= now:
        rows = _open_units() if kind == "unit" else Category.objects.filter(active=True)
        hit = _lookups[kind] = (now + LOOKUP_TTL, {row.code: row for row in rows})
    return hit[1].get(code)


def validate_submission(data: SubmissionInput) -> tuple[dict[str, str], Category | None, OrgUnit | None]:
    """Check every field and return (errors, category, unit); nothing is stored."""
    errors: dict[str, str] = {}
    if data.type not in _ITEM_TYPES:
        errors["type"] = _("Choose the kind of item (suggestion, report, petition, complaint, denunciation or accountability request).")
    title = (data.title or "").strip()
    content = (data.content or "").strip()
    if not title:
        errors["title"] = _("Enter a short title.")
    elif len(title) > MAX_TITLE:
        errors["title"] = _("The title is at most %(n)d characters.") % {"n": MAX_TITLE}
    if len(content) < 10:
        errors["content"] = _("Describe the matter in at least 10 characters.")
    elif len(content) > MAX_CONTENT:
        errors["content"] = _("The content is at most %(n)d characters; attach a document for more.") % {"n": MAX_CONTENT}
    category = None
    if data.category:
        category = _lookup("category", data.category)
        if category is None:
            errors["category"] = _("Unknown category.")
    unit = None
    if data.unit:
        unit = _lookup("unit", data.unit)
        if unit is None:
            errors["unit"] = _("Unknown unit.")
    s = data.submitter
    if s.email:
        try:
            validate_email(s.email.strip())
        except ValidationError:
            errors["submitter.email"] = _("Enter a valid e-mail address.")
    if s.phone and not all(ch.isdigit() or ch in "+ .-()" for ch in s.phone):
        errors["submitter.phone"] = _("A phone number has only digits, spaces and + . - ( ).")
    if s.id_number and not s.id_number.strip().isalnum():
        errors["submitter.id_number"] = _("An ID number has only letters and digits.")
    for key, value, limit in (("submitter.name", s.name, 150), ("submitter.address", s.address, 255),
                              ("submitter.phone", s.phone, 32), ("submitter.id_number", s.id_number, 32),
                              ("place", data.place, 255)):
        if value and len(value) > limit and key not in errors:
            errors[key] = _("At most %(n)d characters.") % {"n": limit}
    # The law requires the complainant's name and address (Law on Complaints art. 8) and the
    # denouncer's name and address (Law on Denunciation art. 23). Anonymous letters are still
    # recorded by staff (R3); the public form asks for them.
    if data.type == ItemType.KHIEU_NAI:
        if not s.name.strip():
            errors["submitter.name"] = _("A complaint must give the complainant's full name (Law on Complaints 2011, art. 8).")
        if not s.address.strip():
            errors["submitter.address"] = _("A complaint must give the complainant's address (Law on Complaints 2011, art. 8).")
    if data.type == ItemType.TO_CAO:
        if not s.name.strip():
            errors["submitter.name"] = _("A denunciation must give the denouncer's full name (Law on Denunciation 2018, art. 23); "
                                         "it is kept confidential.")
        if not s.address.strip():
            errors["submitter.address"] = _("A denunciation must give the denouncer's address (Law on Denunciation 2018, art. 23); "
                                            "it is kept confidential.")
    if data.previous_tracking_code:
        from minhbach.cases import receipts

        if data.type != ItemType.KHIEU_NAI:
            errors["previous_tracking_code"] = _("Only a second complaint refers to a first one.")
        elif not Case.objects.filter(tracking_code=receipts.normalise_code(data.previous_tracking_code),
                                     type=ItemType.KHIEU_NAI).exists():
            errors["previous_tracking_code"] = _("No complaint has this tracking code.")
    if data.type == ItemType.GIAI_TRINH and not s.name.strip():
        errors["submitter.name"] = _("An accountability request must give the requester's name (Decree 59/2019, art. 5).")
    return errors, category, unit


def default_intake_unit() -> OrgUnit:
    """Where an item addressed to no unit lands: the provincial office, which forwards it."""
    unit = OrgUnit.objects.filter(kind="office", active_to__isnull=True).order_by("path").first()
    return unit or OrgUnit.objects.filter(parent__isnull=True).order_by("path").first()


def _code_taken(code: str) -> bool:
    """Whether an item or a waiting submission has this code (an item's INSERT would fail, or block its registration)."""
    from minhbach.cases.models import Intake

    return Case.objects.filter(tracking_code=code).exists() or Intake.objects.filter(tracking_code=code).exists()


def _new_tracking_code() -> str:
    year = clock.today().year
    while True:
        code = receipts.new_tracking_code(year)
        if not _code_taken(code):
            return code


def _checked(data: SubmissionInput, *, channel: str, require_identity: bool):
    """Validate a submission for `channel`; raise SubmissionInvalid with every problem at once."""
    errors, category, unit = validate_submission(data)
    if not require_identity:
        # Staff record anonymous letters too (R3): recorded, handled only with verifiable evidence.
        errors = {k: v for k, v in errors.items() if k not in {"submitter.name", "submitter.address"}}
    if channel not in _CHANNELS:
        errors["channel"] = _("Unknown channel.")
    if errors:
        raise SubmissionInvalid(errors)
    return category, unit


def case_submit(*, data: SubmissionInput, channel: str = Channel.WEB, actor=None,
                files: list[CheckedUpload] | None = None, require_identity: bool = True,
                track_url: str = "") -> Receipt:
    """Record a submission as an item with a receipt, start its processing clock and audit it.

    Staff may record anonymous complaints and denunciations (R3: recorded, not handled unless
    they give verifiable evidence); the public form and API require what the law requires.
    """
    category, unit = _checked(data, channel=channel, require_identity=require_identity)
    secret = receipts.new_access_secret()
    with transaction.atomic():
        case = _case_create(data=data, category=category, unit=unit, channel=channel, actor=actor, files=files,
                            secret_hash=receipts.hash_secret(secret), received_at=clock.now())
        if data.submitter.email.strip():
            send_receipt_email(email=data.submitter.email.strip().lower(), tracking_code=case.tracking_code,
                               secret=secret, track_url=track_url, language=data.language)
    return Receipt(case=case, tracking_code=case.tracking_code, access_secret=secret, received_at=case.received_at)


@dataclass
class PreparedSubmission:
    """A checked and sealed submission, not yet stored (`submission_prepare` → `submission_store`)."""

    secret: str
    received_at: dt.datetime
    payload: dict
    row: dict


def submission_prepare(*, data: SubmissionInput, channel: str = Channel.WEB, track_url: str = "") -> PreparedSubmission:
    """Check a citizen's submission (SubmissionInvalid says what is wrong) and seal it; nothing is stored.

    All the CPU work of a submission: the API runs it while the rate limiter's answer is on its way.
    """
    _category, unit = _checked(data, channel=channel, require_identity=True)
    secret = receipts.new_access_secret()
    received_at = clock.now()
    payload = {f.name: getattr(data, f.name) for f in _SUBMISSION_FIELDS}  # dataclasses.asdict, without deep copies
    payload["submitter"] = dict(vars(data.submitter))
    if data.submitter.email.strip():
        # The receipt e-mail is sent by the worker when it registers the item (an SMTP server's latency never holds
        # up the citizen's request): the secret travels sealed with the submission and is gone with the intake row.
        payload["receipt_mail"] = {"secret": secret, "track_url": track_url}
    row = {"secret_hash": receipts.hash_secret(secret), "received_at": received_at, "channel": channel,
           "type": data.type, "unit_id": unit.pk if unit else None, "attempts": 0, "last_error": ""}
    prepared = PreparedSubmission(secret=secret, received_at=received_at, payload=payload, row=row)
    _seal_with_new_code(prepared)
    return prepared


def _seal_with_new_code(prepared: PreparedSubmission) -> None:
    """Draw a tracking code and seal the submission under a new data key bound to it."""
    from minhbach.cases.models import Intake
    from minhbach.vault import crypto

    code = receipts.new_tracking_code(clock.today().year)
    owner = Intake.owner_of(code)
    data_key = crypto.new_data_key()
    prepared.row.update(tracking_code=code, key_wraps=crypto.wrap(data_key, owner=owner),
                        sealed=crypto.encrypt_json(data_key, prepared.payload, aad=f"submission/{owner}"))


def submission_store(prepared: PreparedSubmission) -> Receipt:
    """Store a prepared submission with one INSERT and answer with its receipt (valid from that moment)."""
    from minhbach.cases.models import Intake

    # One statement, committed on its own: the receipt is valid once this INSERT returns.
    for attempt in range(5):
        if attempt:
            _seal_with_new_code(prepared)  # the code was taken: another code, sealed anew (the AAD names it)
        try:
            if transaction.get_connection().in_atomic_block:  # called inside a transaction: keep it usable
                with transaction.atomic():
                    pk = _intake_insert(prepared.row)
            else:
                pk = _intake_insert(prepared.row)
        except IntegrityError:  # an item or another waiting submission holds the code: draw another
            continue
        break
    else:  # pragma: no cover - five collisions of 40 random bits
        raise DomainError(_("The item could not be recorded; please send it again."), code="busy")
    secret, received_at, code = prepared.secret, prepared.received_at, prepared.row["tracking_code"]
    if getattr(settings, "INTAKE_INLINE", False):
        # Background work runs inline (tests, MINHBACH_TASKS_IMMEDIATE): register now, as the worker would.
        case = intake_register(Intake.objects.get(pk=pk))
        return Receipt(case=case, tracking_code=case.tracking_code, access_secret=secret, received_at=received_at)
    transaction.on_commit(_schedule_registration)
    return Receipt(case=None, tracking_code=code, access_secret=secret, received_at=received_at)


def submission_accept(*, data: SubmissionInput, channel: str = Channel.WEB, track_url: str = "") -> Receipt:
    """A citizen's submission without files, accepted with one INSERT and answered with its receipt at once.

    The checks the law asks for run now (a refused submission stores nothing and says why); the item itself is
    registered by the background worker right after (`intakes_register`), with this moment as its receipt time,
    so a burst of submissions costs each citizen one short write. The receipt works from this moment: tracking
    shows the item as being registered until the worker has done it.
    """
    return submission_store(submission_prepare(data=data, channel=channel, track_url=track_url))


def _intake_insert(row: dict) -> int:
    """INSERT a waiting submission; its id. IntegrityError if its tracking code is taken (by an item or another one).

    The hot path of a burst of submissions: one statement. The unique index refuses another waiting submission's
    code and a trigger an item's (migration cases 0007). On PostgreSQL the values are bound by the server (the sealed
    blob is not escaped into the SQL text).
    """
    from django.db import connection

    from minhbach.core.db import ensure_live_connection

    sql, fields = _intake_sql(connection)
    if connection.vendor == "postgresql":
        import psycopg
        from psycopg.types.json import Jsonb

        # psycopg adapts these Python values itself (what get_db_prep_save would hand it, minus the JSON wrapper)
        values = [Jsonb(row[f.attname]) if f.get_internal_type() == "JSONField" else row[f.attname] for f in fields]
        ensure_live_connection(connection)  # Django's health check would cost a second round trip
        # What connection.cursor() does, with psycopg's server-binding cursor instead of Django's client-binding one
        # (query logging and execute wrappers still apply).
        cursor = connection._prepare_cursor(psycopg.Cursor(connection.connection))
    else:
        values = [f.get_db_prep_save(row[f.attname], connection) for f in fields]
        cursor = connection.cursor()
    with cursor as cur:
        cur.execute(sql, values)
        return cur.fetchone()[0]


_intake_sql_cache: dict[str, tuple[str, list]] = {}


def _intake_sql(connection) -> tuple[str, list]:
    """The INSERT … RETURNING id of a waiting submission, and its fields in order."""
    hit = _intake_sql_cache.get(connection.vendor)
    if hit:
        return hit
    from minhbach.cases.models import Intake

    fields = [f for f in Intake._meta.concrete_fields if not f.primary_key]
    qn = connection.ops.quote_name
    sql = (f"INSERT INTO {qn(Intake._meta.db_table)} ({', '.join(qn(f.column) for f in fields)}) "
           f"VALUES ({', '.join('%s' for _f in fields)}) RETURNING {qn(Intake._meta.pk.column)}")
    _intake_sql_cache[connection.vendor] = (sql, fields)
    return sql, fields


_wakes = {"now": 0.0, "later": 0.0}


def _schedule_registration() -> None:
    """Wake the worker to register waiting submissions: at most two wake-ups per web process per second.

    A wake-up registers everything waiting. The first submission of a second wakes the worker at once; later ones in
    that second share one wake-up queued a second later, which finds them all. Remembering this in the process costs
    no round trip to the cache or the queue.
    """
    import time

    from minhbach.cases.tasks import register_intakes

    now = time.monotonic()
    try:
        if now - _wakes["now"] >= 1.0:
            _wakes["now"] = now
            register_intakes()
        elif now >= _wakes["later"]:
            _wakes["later"] = now + 1.0
            register_intakes.schedule(delay=1)
    except Exception:  # the queue is down: the periodic task registers it within a minute
        log.warning("intake: could not queue the registration", exc_info=True)


def intake_sealed(intake) -> dict:
    """The decrypted content of a waiting intake (the submission, and the receipt e-mail still to send)."""
    from minhbach.vault import crypto

    return crypto.decrypt_json(crypto.unwrap(intake.key_wraps, owner=intake.owner), bytes(intake.sealed),
                               aad=f"submission/{intake.owner}")


def intake_payload(intake, raw: dict | None = None) -> SubmissionInput:
    """The sealed submission of a waiting intake (identity included): for the worker and the citizen's own view."""
    raw = dict(raw if raw is not None else intake_sealed(intake))
    submitter = SubmitterInput(**raw.pop("submitter", {}))
    known = {f.name for f in dataclasses.fields(SubmissionInput)}
    return SubmissionInput(**{k: v for k, v in raw.items() if k in known}, submitter=submitter)


def intake_register(intake) -> Case:
    """Turn one waiting intake into its item (same code, secret and receipt time) and delete the intake.

    What was valid when the citizen sent it stays accepted: a unit or category closed in between falls back to the
    default intake unit / no category instead of refusing a submission that already has its receipt.
    """
    from minhbach.cases.models import Category

    raw = intake_sealed(intake)  # decrypted once: the submission and the receipt e-mail still to send
    data = intake_payload(intake, raw)
    mail = raw.get("receipt_mail")
    # A category retired meanwhile still names the item's subject; a closed unit falls back to the intake unit.
    category = Category.objects.filter(code=data.category).first() if data.category else None
    unit = _open_unit(data.unit) if data.unit else None
    with transaction.atomic():
        case = _case_create(data=data, category=category, unit=unit, channel=intake.channel, actor=None, files=None,
                            secret_hash=intake.secret_hash, received_at=intake.received_at,
                            tracking_code=intake.tracking_code)
        type(intake).objects.filter(pk=intake.pk).delete()
        if mail and data.submitter.email.strip():
            send_receipt_email(email=data.submitter.email.strip().lower(), tracking_code=case.tracking_code,
                               secret=mail["secret"], track_url=mail.get("track_url", ""), language=data.language)
    return case


def intakes_register(*, limit: int = 500, batch: int = 50) -> dict:
    """Register waiting intakes, oldest first, `batch` to a transaction (one commit for many items).

    A batch that fails is rolled back and its intakes are registered one by one, so one bad submission costs only
    itself: it is kept with its attempt count and error type (never its content) and retried on the next run.
    """
    from minhbach.cases.models import Intake

    done = failed = 0
    pks = list(Intake.objects.filter(attempts__lt=100).order_by("pk").values_list("pk", flat=True)[:limit])
    for start in range(0, len(pks), batch):
        chunk = pks[start:start + batch]
        try:
            with transaction.atomic():
                n = 0
                for intake in Intake.objects.select_for_update(**_skip_locked()).filter(pk__in=chunk).order_by("pk"):
                    intake_register(intake)
                    n += 1
            done += n
            continue
        except Exception:  # rolled back as a whole: register this batch one by one below
            pass
        for pk in chunk:
            try:
                with transaction.atomic():
                    intake = Intake.objects.select_for_update(**_skip_locked()).filter(pk=pk).first()
                    if intake is None:  # registered meanwhile by another worker
                        continue
                    intake_register(intake)
                done += 1
            except Exception as exc:
                failed += 1
                code = Intake.objects.filter(pk=pk).values_list("tracking_code", flat=True).first()
                log.exception("intake %s could not be registered", code)
                Intake.objects.filter(pk=pk).update(attempts=F("attempts") + 1, last_error=type(exc).__name__[:200])
    return {"registered": done, "failed": failed, "waiting": Intake.objects.count()}


def _skip_locked() -> dict:
    from django.db import connection

    return {"skip_locked": True} if connection.features.has_select_for_update_skip_locked else {}


def _case_create(*, data: SubmissionInput, category, unit, channel: str, actor, files, secret_hash: str,
                 received_at: dt.datetime, tracking_code: str = "") -> Case:
    """Create the item, its sealed submitter, its processing clock and its audit entry (inside a transaction)."""
    s = data.submitter
    previous = None
    if data.previous_tracking_code:
        previous = Case.objects.filter(tracking_code=receipts.normalise_code(data.previous_tracking_code),
                                       type=ItemType.KHIEU_NAI).first()
    for _attempt in range(5):
        try:
            with transaction.atomic():
                case = Case.objects.create(
                    tracking_code=tracking_code or _new_tracking_code(),
                    secret_hash=secret_hash,
                    type_claimed=data.type,
                    type=data.type,
                    title=data.title.strip(),
                    content=data.content.strip(),
                    category=category,
                    unit=unit or default_intake_unit(),
                    addressed_unit=unit,
                    place=(data.place or "").strip(),
                    channel=channel,
                    received_at=received_at,
                    received_by=actor if getattr(actor, "pk", None) else None,
                    confidential=bool(data.confidential or data.type == ItemType.TO_CAO),
                    verifiable_evidence=bool(data.verifiable_evidence),
                    previous_case=previous,
                    complaint_round=2 if previous else 1,
                )
            break
        except IntegrityError:
            if tracking_code:
                raise
            continue
    submitter = Submitter.objects.create(
        case=case, name=s.name.strip(), address=s.address.strip(), phone=s.phone.strip(),
        email=s.email.strip().lower(), id_number=s.id_number.strip(), organisation=s.organisation.strip(),
        people_count=max(int(s.people_count or 1), 1),
    )
    case.anonymous = submitter.is_anonymous
    # D4: the scan of a denunciation letter received on paper (handwriting, signature) is sealed like the identity.
    letter_scans = case.type == ItemType.TO_CAO and channel not in (Channel.WEB, Channel.API)
    for f in files or []:
        attachment_add(case=case, upload=f, from_citizen=actor is None, identifying=letter_scans or f.identifying)
    deadline_start(case=case, stage="process", code=PROCESS_RULE[case.type], start=clock.local_date(case.received_at))
    case_refresh_due(case=case)
    case.save(update_fields=["anonymous", "due_date", "due_rule", "escalation_level"])
    audit_append(
        actor=actor, actor_label="" if actor else "citizen", verb="received", obj=case,
        data={"public": True, "channel": channel, "type": case.type, "unit": case.unit.name,
              "previous": previous.tracking_code if previous else ""},
    )
    return case


def attachment_add(*, case: Case, upload: CheckedUpload, from_citizen: bool, message=None,
                   identifying: bool = False) -> Attachment:
    """Store a checked upload with the item (content-addressed file name); an identifying one is sealed by the vault.

    A sealed document is stored encrypted with the item's data key, under a neutral name; its original name and bytes
    come back only through the vault, for someone allowed to see the sender's identity.
    """
    content, name = upload.content, upload.name
    if identifying:
        from minhbach.vault.services import file_seal, sealed_name

        content = file_seal(case=case, name=upload.name, content=upload.content)
        name = sealed_name(name=upload.name, content=content)
    digest = hashlib.sha256(content).hexdigest()
    att = Attachment(case=case, message=message, name=name, content_type=upload.content_type,
                     size=len(upload.content), sha256=digest, from_citizen=from_citizen, identifying=identifying)
    att.file.save(name, ContentFile(content), save=False)
    att.save()
    return att
