"""Public forms: submit an item, look it up with its receipt, reply to the office.

The forms only carry and re-display what the citizen typed; the law's checks live in the
intake service (`validate_submission`), whose per-field messages are attached back here.
"""
from __future__ import annotations

import dataclasses
import re

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from minhbach.cases.models import Category, ItemType
from minhbach.cases.receipts import normalise_code
from minhbach.cases.services import SubmissionInput, SubmitterInput
from minhbach.core.errors import DomainError
from minhbach.core.uploads import ALLOWED, CheckedUpload, check_upload
from minhbach.orgs.selectors import units_for_select

# One line per kind of item: what it is for, and what the law requires of the sender.
TYPE_HELP = {
    ItemType.GOP_Y: _("Give your idea on how a policy, a plan or a public service could be better. Your name is optional."),
    ItemType.PHAN_ANH: _("Tell the authorities about a problem you have seen, such as pollution, a damaged road or a wrong "
                         "practice. Your name is optional."),
    ItemType.KIEN_NGHI: _("Ask the authorities to do, change or reconsider something. Your name is optional."),
    ItemType.KHIEU_NAI: _("Ask for the review of an administrative decision or act that harms your rights. The law requires "
                          "your full name and address (Law on Complaints 2011, art. 8)."),
    ItemType.TO_CAO: _("Report a violation of the law by an official or a public body. Your identity is kept confidential by "
                       "law (Law on Denunciation 2018, art. 47) and is never published or shown to the person denounced."),
    ItemType.GIAI_TRINH: _("Ask a public body to explain a decision or an action within its duties that concerns you. The law "
                           "requires your name (Decree 59/2019, art. 5)."),
}

# The service names submitter fields "submitter.<name>"; the form uses the bare name.
SERVICE_FIELD = {"submitter.name": "name", "submitter.address": "address", "submitter.phone": "phone",
                 "submitter.email": "email", "submitter.id_number": "id_number"}

ROW_FIELD = re.compile(r"attachment_([1-9][0-9]{0,2})")
ACCEPT_ATTR = ",".join(sorted({f".{ext}" for ext in ALLOWED.values()} | {".jpeg"} | set(ALLOWED)))


def _text(label, *, max_length: int, help_text="", autocomplete: str = "", input_type: str = "text", **attrs):
    """An optional text field; the service, not the form, decides what is required."""
    widget_attrs = {"maxlength": str(max_length), **attrs}
    if autocomplete:
        widget_attrs["autocomplete"] = autocomplete
    widget = {"email": forms.EmailInput, "tel": forms.TextInput}.get(input_type, forms.TextInput)(attrs=widget_attrs)
    if input_type == "tel":
        widget.input_type = "tel"
    return forms.CharField(label=label, required=False, help_text=help_text, widget=widget, strip=False)


class PortalForm(forms.Form):
    """Adds the accessibility wiring: every input points at its help and its error message."""

    def wire_aria(self) -> None:
        """Point each widget's aria-describedby at its help text and its error message."""
        for name, field in self.fields.items():
            ids = []
            if field.help_text:
                ids.append(f"id_{name}_helptext")
            if self.is_bound and self.errors.get(name):
                ids.append(f"id_{name}_error")
                field.widget.attrs["aria-invalid"] = "true"
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)

    def add_service_errors(self, errors: dict[str, str]) -> None:
        """Attach the service's per-field messages; unknown keys become form-wide messages."""
        for key, message in errors.items():
            name = SERVICE_FIELD.get(key, key)
            if name not in self.fields:
                name = None
            if name and name in self.errors:
                continue  # one message per field: the first one is enough
            self.add_error(name, message)


class SubmitForm(PortalForm):
    type = forms.ChoiceField(label=_("Kind of item"), required=False, choices=ItemType.choices, widget=forms.RadioSelect)
    title = _text(_("Title"), max_length=255, help_text=_("A short title, e.g. “Waste water discharged into the canal”."))
    content = forms.CharField(label=_("Content"), required=False, strip=False,
                              help_text=_("Describe what happened, where and when, and what you ask for."),
                              widget=forms.Textarea(attrs={"rows": 10, "maxlength": "20000"}))
    category = forms.ChoiceField(label=_("Subject area (optional)"), required=False)
    unit = forms.ChoiceField(label=_("Unit addressed to (optional)"), required=False,
                             help_text=_("If you do not know, the provincial office will forward your item to the "
                                         "competent unit."))
    place = _text(_("Place concerned (optional)"), max_length=255, help_text=_("Village, street or address where it happened."))
    name = _text(_("Full name"), max_length=150, autocomplete="name",
                 help_text=_("Required for a complaint and for an accountability request; optional otherwise."))
    address = _text(_("Address"), max_length=255, autocomplete="street-address",
                    help_text=_("Required for a complaint; optional otherwise."))
    phone = _text(_("Phone (optional)"), max_length=32, autocomplete="tel", input_type="tel")
    email = _text(_("E-mail (optional)"), max_length=254, autocomplete="email", input_type="email",
                  help_text=_("If you give an e-mail address, the receipt and every answer are sent there too."))
    id_number = _text(_("ID card number (optional)"), max_length=32)
    confidential = forms.BooleanField(
        label=_("Keep my identity confidential"), required=False,
        help_text=_("Your name and contacts are then seen only by the officials handling the item. For a denunciation "
                    "this is always on: the law protects the denouncer's identity."),
    )
    previous_tracking_code = _text(
        _("Tracking code of your first complaint (optional)"), max_length=20, autocapitalize="characters",
        spellcheck="false",
        help_text=_("Only if this is a second complaint about the same matter: give the code of the receipt of the first one."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        english = (get_language() or "vi").startswith("en")
        self.fields["category"].choices = [("", _("— Not sure —"))] + [
            (c.code, (c.name_en or c.name) if english else c.name) for c in Category.objects.filter(active=True)
        ]
        self.fields["unit"].choices = [("", _("I don't know — the provincial office will forward it"))] + [
            (u.code, ("– " * max(u.depth - 1, 0)) + u.name) for u in units_for_select().only("code", "name", "depth")
        ]

    def clean(self):
        """A first-complaint code only makes sense on a complaint, and must look like a receipt's code."""
        data = super().clean()
        previous = (data.get("previous_tracking_code") or "").strip()
        if previous:
            if data.get("type") and data["type"] != ItemType.KHIEU_NAI:
                self.add_error("previous_tracking_code",
                               _("A first-complaint code applies only to a complaint; leave this field empty."))
            elif not re.fullmatch(r"MB\d{2}-[0-9A-Z]{8}", normalise_code(previous)):
                self.add_error("previous_tracking_code",
                               _("Enter the code as printed on the receipt of your first complaint, e.g. MB26-7K3F9QXA."))
        return data

    def type_options(self) -> list[dict]:
        """The kinds of item as radio options, each with its explanation."""
        chosen = self["type"].value() or ""
        return [{"value": value, "label": label, "help": TYPE_HELP[value], "checked": value == chosen}
                for value, label in ItemType.choices]

    def to_input(self) -> SubmissionInput:
        """The submission as the intake service takes it (call after is_valid())."""
        d = {name: self.cleaned_data.get(name, "") for name in self.fields}
        return SubmissionInput(
            type=d["type"] or "", title=d["title"] or "", content=d["content"] or "", category=d["category"] or "",
            unit=d["unit"] or "", place=d["place"] or "",
            submitter=SubmitterInput(name=d["name"] or "", address=d["address"] or "", phone=(d["phone"] or "").strip(),
                                     email=(d["email"] or "").strip(), id_number=(d["id_number"] or "").strip()),
            confidential=bool(d["confidential"]), previous_tracking_code=(d["previous_tracking_code"] or "").strip(),
            language=(get_language() or "vi")[:2],
        )


class SecretInput(forms.TextInput):
    """A visible text input that never writes the secret back into the page."""

    def format_value(self, value):
        return None


class TrackForm(PortalForm):
    tracking_code = forms.CharField(
        label=_("Tracking code"), max_length=40, required=True,
        help_text=_("As printed on your receipt, e.g. MB26-7K3F9QXA. Lower case, spaces and missing dashes are fine."),
        error_messages={"required": _("Enter the tracking code from your receipt.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )
    secret = forms.CharField(
        label=_("Access secret"), max_length=60, required=True,
        help_text=_("The secret in groups of five characters shown once on your receipt (and sent by e-mail if you gave one)."),
        error_messages={"required": _("Enter the access secret from your receipt.")},
        widget=SecretInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )


class ReplyForm(PortalForm):
    body = forms.CharField(label=_("Your message"), required=False, strip=False,
                           widget=forms.Textarea(attrs={"rows": 6, "maxlength": "10000"}))


def read_uploads(files) -> tuple[list[CheckedUpload], list[str]]:
    """Check each uploaded file by its content; return the accepted ones and a message per refused one."""
    return read_marked_uploads([(f, False) for f in files])


def read_marked_uploads(files) -> tuple[list[CheckedUpload], list[str]]:
    """Like read_uploads, for (file, identifying) pairs: an accepted file keeps the sender's "shows who I am" mark."""
    accepted: list[CheckedUpload] = []
    problems: list[str] = []
    files = [(f, identifying) for f, identifying in files if f.name or f.size]
    if len(files) > settings.UPLOAD_MAX_FILES:
        return [], [str(_("You can attach at most %(n)d files.") % {"n": settings.UPLOAD_MAX_FILES})]
    for f, identifying in files:
        # Read one byte past the limit at most: enough for check_upload to refuse it, never the whole file.
        content = f.read(settings.UPLOAD_MAX_BYTES + 1)
        try:
            upload = check_upload(name=f.name or "", content=content)
        except DomainError as e:
            problems.append(str(e.message))
        else:
            accepted.append(dataclasses.replace(upload, identifying=True) if identifying else upload)
    return accepted, problems


def attachment_rows(form: SubmitForm) -> list[dict]:
    """One row per file the submit form can take, each with its "this file shows who I am" box.

    The box is ticked as the sender left it when the form comes back; on a fresh form, ticked for a denunciation
    (the page's script ticks or unticks the boxes nobody touched when the kind of item changes).
    """
    if form.is_bound:
        checked = [form.data.get(f"identifying_{n}") == "on" for n in range(1, settings.UPLOAD_MAX_FILES + 1)]
    else:
        checked = [form["type"].value() == ItemType.TO_CAO] * settings.UPLOAD_MAX_FILES
    return [{"n": n, "checked": c} for n, c in enumerate(checked, start=1)]


def marked_files(request) -> list[tuple]:
    """The files sent with the submit form, each with whether the sender marked it as showing who they are.

    The rows `attachment_<n>` / `identifying_<n>` come from the form; a multi-file `attachments` field (a page from
    before the rows existed, or another client) is taken as ordinary documents.
    """
    rows = sorted(int(m.group(1)) for m in map(ROW_FIELD.fullmatch, request.FILES) if m)
    marked = [(request.FILES[f"attachment_{n}"], request.POST.get(f"identifying_{n}") == "on") for n in rows]
    return [(f, False) for f in request.FILES.getlist("attachments")] + marked
