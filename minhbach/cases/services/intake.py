"""Intake: one submission (web form, API, staff entry) becomes one item with a receipt."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
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


@dataclass(frozen=True)
class Receipt:
    case: Case
    tracking_code: str
    access_secret: str


class SubmissionInvalid(DomainError):
    """Several field errors at once: `errors` maps a field name to its message."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(_("Please correct the marked fields."), code="invalid")
        self.errors = errors


def validate_submission(data: SubmissionInput) -> tuple[dict[str, str], Category | None, OrgUnit | None]:
    """Check every field and return (errors, category, unit); nothing is stored."""
    errors: dict[str, str] = {}
    if data.type not in ItemType.values:
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
        category = Category.objects.filter(code=data.category, active=True).first()
        if category is None:
            errors["category"] = _("Unknown category.")
    unit = None
    if data.unit:
        unit = OrgUnit.objects.filter(code=data.unit, active_to__isnull=True).exclude(kind="front").first()
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


def _new_tracking_code() -> str:
    year = clock.today().year
    while True:
        code = receipts.new_tracking_code(year)
        if not Case.objects.filter(tracking_code=code).exists():
            return code


def case_submit(*, data: SubmissionInput, channel: str = Channel.WEB, actor=None,
                files: list[CheckedUpload] | None = None, require_identity: bool = True,
                track_url: str = "") -> Receipt:
    """Record a submission as an item with a receipt, start its processing clock and audit it.

    Staff may record anonymous complaints and denunciations (R3: recorded, not handled unless
    they give verifiable evidence); the public form and API require what the law requires.
    """
    errors, category, unit = validate_submission(data)
    if not require_identity:
        # Staff record anonymous letters too (R3): recorded, handled only with verifiable evidence.
        errors = {k: v for k, v in errors.items() if k not in {"submitter.name", "submitter.address"}}
    if channel not in Channel.values:
        errors["channel"] = _("Unknown channel.")
    if errors:
        raise SubmissionInvalid(errors)
    s = data.submitter
    secret = receipts.new_access_secret()
    secret_hash = receipts.hash_secret(secret)
    previous = None
    if data.previous_tracking_code:
        previous = Case.objects.filter(tracking_code=receipts.normalise_code(data.previous_tracking_code),
                                       type=ItemType.KHIEU_NAI).first()
    with transaction.atomic():
        for _attempt in range(5):
            try:
                with transaction.atomic():
                    case = Case.objects.create(
                        tracking_code=_new_tracking_code(),
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
                        received_at=clock.now(),
                        received_by=actor if getattr(actor, "pk", None) else None,
                        confidential=bool(data.confidential or data.type == ItemType.TO_CAO),
                        verifiable_evidence=bool(data.verifiable_evidence),
                        previous_case=previous,
                        complaint_round=2 if previous else 1,
                    )
                break
            except IntegrityError:
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
            attachment_add(case=case, upload=f, from_citizen=actor is None, identifying=letter_scans)
        deadline_start(case=case, stage="process", code=PROCESS_RULE[case.type], start=clock.local_date(case.received_at))
        case_refresh_due(case=case)
        case.save(update_fields=["anonymous", "due_date", "due_rule", "escalation_level"])
        audit_append(
            actor=actor, actor_label="" if actor else "citizen", verb="received", obj=case,
            data={"public": True, "channel": channel, "type": case.type, "unit": case.unit.name,
                  "previous": previous.tracking_code if previous else ""},
        )
        if submitter.email:
            send_receipt_email(email=submitter.email, tracking_code=case.tracking_code, secret=secret,
                               track_url=track_url, language=data.language)
    return Receipt(case=case, tracking_code=case.tracking_code, access_secret=secret)


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
