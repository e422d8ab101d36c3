"""Back-office forms: one per action on an item, and the staff intake form."""
from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from minhbach.cases.models import Case, Category, Channel, ItemType, LetterClass, LetterKind
from minhbach.cases.receipts import normalise_code
from minhbach.core.errors import DomainError
from minhbach.core.uploads import CheckedUpload, check_upload
from minhbach.orgs.models import OrgUnit, Role

# Channels a clerk keys in; web and API items arrive by themselves.
STAFF_CHANNELS = [(v, label) for v, label in Channel.choices if v not in (Channel.WEB, Channel.API)]
MAX_SPLIT_PARTS = 5


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Several files at once; each is checked by content in the form's `clean_attachments`."""

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        return [f for f in files if f]


def check_files(files) -> list[CheckedUpload]:
    """Check uploaded files (count, size, type by content); raise ValidationError with every problem."""
    if len(files) > settings.UPLOAD_MAX_FILES:
        raise forms.ValidationError(_("Attach at most %(n)d files.") % {"n": settings.UPLOAD_MAX_FILES})
    checked, problems = [], []
    for f in files:
        # Read at most one byte past the limit: a huge upload is refused without loading it whole.
        content = f.read(settings.UPLOAD_MAX_BYTES + 1)
        try:
            checked.append(check_upload(name=f.name or "", content=content))
        except DomainError as exc:
            problems.append(str(exc.message))
    if problems:
        raise forms.ValidationError(problems)
    return checked


def _reason_field(label=None, required=True, help_text=""):
    return forms.CharField(label=label or gettext_lazy("Reason"), required=required, max_length=5000, help_text=help_text,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages={"required": gettext_lazy("Give the reason.")})


class ActionForm(forms.Form):
    """Base of the action forms; field ids are prefixed by the action so many forms can share a page."""

    def __init__(self, *args, action: str = "", case=None, user=None, **kwargs):
        kwargs.setdefault("auto_id", f"id_{action}_%s")
        self.action = action
        self.case = case
        self.user = user
        super().__init__(*args, **kwargs)


class ConfirmForm(ActionForm):
    """An action with nothing to fill in (accept, resume, sign off, close)."""


class ReasonForm(ActionForm):
    reason = _reason_field()


class RefuseForm(ActionForm):
    reason = _reason_field(gettext_lazy("Reasons for not accepting"),
                           help_text=gettext_lazy("They are written into the refusal notice and shown to the sender."))


class ClassifyForm(ActionForm):
    type = forms.ChoiceField(label=gettext_lazy("Type by content"), choices=ItemType.choices)
    letter_class = forms.ChoiceField(
        label=gettext_lazy("Classification (R1)"), required=False,
        choices=[("", gettext_lazy("Derive from the type"))] + list(LetterClass.choices),
        help_text=gettext_lazy("TT 05/2021/TT-TTCP art. 6: classify by content, not by the title the sender wrote."),
    )
    category = forms.ModelChoiceField(label=gettext_lazy("Category"), required=False, queryset=Category.objects.none(),
                                      empty_label=gettext_lazy("(keep as it is)"))
    complex = forms.BooleanField(label=gettext_lazy("Complex case"), required=False)
    verifiable_evidence = forms.BooleanField(
        label=gettext_lazy("Names the violator and gives specific, verifiable evidence"), required=False,
        help_text=gettext_lazy("R3: an anonymous complaint or denunciation is handled only with such evidence."),
    )
    reason = _reason_field(gettext_lazy("Note (optional)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.filter(active=True)
        if self.case is not None and not self.is_bound:
            self.initial.update(type=self.case.type, letter_class=self.case.letter_class,
                                category=self.case.category_id, complex=self.case.complex,
                                verifiable_evidence=self.case.verifiable_evidence)


class GuideForm(ActionForm):
    guided_to = forms.CharField(label=gettext_lazy("Competent body"), max_length=255,
                                error_messages={"required": gettext_lazy("Name the competent body.")})
    reason = _reason_field()


class ForwardForm(ActionForm):
    to_unit = forms.ModelChoiceField(label=gettext_lazy("Forward to"), queryset=OrgUnit.objects.none(), empty_label=gettext_lazy("Choose…"),
                                     error_messages={"required": gettext_lazy("Choose the unit."),
                                                     "invalid_choice": gettext_lazy("Choose the unit.")})
    reason = _reason_field(gettext_lazy("Reason (optional)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        qs = OrgUnit.objects.filter(active_to__isnull=True).exclude(kind="front").order_by("path")
        if self.case is not None:
            qs = qs.exclude(pk=self.case.unit_id)
        self.fields["to_unit"].queryset = qs


class SplitForm(ActionForm):
    reason = _reason_field(gettext_lazy("Note (optional)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(1, MAX_SPLIT_PARTS + 1):
            self.fields[f"part{i}_title"] = forms.CharField(label=gettext_lazy("Title"), required=False, max_length=255)
            self.fields[f"part{i}_content"] = forms.CharField(label=gettext_lazy("Content"), required=False,
                                                              widget=forms.Textarea(attrs={"rows": 3}))
            self.fields[f"part{i}_type"] = forms.ChoiceField(label=gettext_lazy("Type"), choices=ItemType.choices, required=False)
            if self.case is not None:
                self.fields[f"part{i}_type"].initial = self.case.type

    def parts(self):
        """The filled parts as dicts, each (bound field title, content, type) for the template."""
        return [
            {"n": i, "title": self[f"part{i}_title"], "content": self[f"part{i}_content"], "type": self[f"part{i}_type"]}
            for i in range(1, MAX_SPLIT_PARTS + 1)
        ]

    def clean(self):
        data = super().clean()
        parts = []
        for i in range(1, MAX_SPLIT_PARTS + 1):
            title = (data.get(f"part{i}_title") or "").strip()
            content = (data.get(f"part{i}_content") or "").strip()
            if title or content:
                if not (title and content):
                    self.add_error(f"part{i}_title" if not title else f"part{i}_content",
                                   _("Each part needs a title and content."))
                kind = data.get(f"part{i}_type") or (self.case.type if self.case is not None else ItemType.PHAN_ANH)
                parts.append({"title": title, "content": content, "type": kind})
        if len(parts) < 2 and not self.errors:
            raise forms.ValidationError(_("A split needs at least two parts, each with a title and content."))
        data["parts"] = parts
        return data


class MergeForm(ActionForm):
    into = forms.CharField(label=gettext_lazy("Tracking code of the item to merge into"), max_length=40,
                           error_messages={"required": gettext_lazy("Enter the tracking code.")})
    reason = _reason_field(gettext_lazy("Note (optional)"), required=False)


class AssignForm(ActionForm):
    assignee = forms.ModelChoiceField(label=gettext_lazy("Handler"), queryset=get_user_model().objects.none(), empty_label=gettext_lazy("Choose…"),
                                      error_messages={"required": gettext_lazy("Choose the handler."),
                                                      "invalid_choice": gettext_lazy("Choose the handler.")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        qs = get_user_model().objects.none()
        if self.case is not None:
            qs = get_user_model().objects.filter(
                is_active=True, memberships__role__in=[Role.HANDLER, Role.INSPECTOR, Role.LEADER],
                memberships__unit__path__startswith=self.case.unit.path,
            ).distinct().order_by("full_name", "username")
            if self.case.denounced_person_id:
                qs = qs.exclude(pk=self.case.denounced_person_id)
            if not self.is_bound and self.case.assignee_id:
                self.initial["assignee"] = self.case.assignee_id
        self.fields["assignee"].queryset = qs
        self.fields["assignee"].label_from_instance = lambda u: f"{u.display_name}" + (f" — {u.position}" if u.position else "")


class ResultForm(ActionForm):
    result = forms.CharField(label=gettext_lazy("Result / answer to the sender"), max_length=20000,
                             widget=forms.Textarea(attrs={"rows": 6}),
                             error_messages={"required": gettext_lazy("Write the result.")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.case is not None and not self.is_bound:
            self.initial["result"] = self.case.result


class NoteForm(ActionForm):
    body = forms.CharField(label=gettext_lazy("Internal note"), max_length=10000, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=gettext_lazy("Seen by staff only."), error_messages={"required": gettext_lazy("Write the note.")})


class MessageForm(ActionForm):
    body = forms.CharField(label=gettext_lazy("Message to the sender"), max_length=10000, widget=forms.Textarea(attrs={"rows": 4}),
                           help_text=gettext_lazy("The sender reads it when following the item; they are told by e-mail if they gave an address."),
                           error_messages={"required": gettext_lazy("Write the message.")})
    attachments = AttachmentsField(label=gettext_lazy("Documents (optional)"))

    def clean_attachments(self):
        return check_files(self.cleaned_data.get("attachments") or [])


class LetterForm(ActionForm):
    kind = forms.ChoiceField(label=gettext_lazy("Letter"), choices=LetterKind.choices)


ACTION_FORMS: dict[str, type[ActionForm]] = {
    "classify": ClassifyForm,
    "accept": ConfirmForm,
    "refuse": RefuseForm,
    "guide": GuideForm,
    "forward": ForwardForm,
    "split": SplitForm,
    "merge": MergeForm,
    "archive": ReasonForm,
    "assign": AssignForm,
    "request_supplement": ReasonForm,
    "resume": ConfirmForm,
    "extend": ReasonForm,
    "record_result": ResultForm,
    "sign_off": ConfirmForm,
    "send_back": ReasonForm,
    "close": ConfirmForm,
    "reopen": ReasonForm,
    "note": NoteForm,
    "message": MessageForm,
    "letter": LetterForm,
}


def action_form(action: str, *args, **kwargs) -> ActionForm:
    """The form of `action`, with ids unique to that action."""
    return ACTION_FORMS[action](*args, action=action, **kwargs)


class IntakeForm(forms.Form):
    """A paper letter, box slip, reception minute, e-mail, call or Front item keyed in by staff."""

    form_token = forms.CharField(widget=forms.HiddenInput, required=False)
    channel = forms.ChoiceField(label=gettext_lazy("Received through"), choices=STAFF_CHANNELS)
    type = forms.ChoiceField(label=gettext_lazy("Type"), choices=[("", gettext_lazy("Choose…"))] + list(ItemType.choices),
                             error_messages={"required": gettext_lazy("Choose the kind of item.")})
    unit = forms.ModelChoiceField(label=gettext_lazy("Handling unit"), queryset=OrgUnit.objects.none(), empty_label=gettext_lazy("Choose…"),
                                  error_messages={"required": gettext_lazy("Choose the unit."),
                                                  "invalid_choice": gettext_lazy("Choose one of your units.")})
    category = forms.ModelChoiceField(label=gettext_lazy("Category"), required=False, queryset=Category.objects.none(),
                                      empty_label=gettext_lazy("(none)"))
    title = forms.CharField(label=gettext_lazy("Title"), max_length=255, error_messages={"required": gettext_lazy("Enter a short title.")})
    content = forms.CharField(label=gettext_lazy("Content"), widget=forms.Textarea(attrs={"rows": 8}),
                              help_text=gettext_lazy("Copy the letter's content, or summarise the call or the reception."),
                              error_messages={"required": gettext_lazy("Describe the matter in at least 10 characters.")})
    place = forms.CharField(label=gettext_lazy("Place concerned (optional)"), required=False, max_length=255)
    submitter_name = forms.CharField(label=gettext_lazy("Sender's full name"), required=False, max_length=150,
                                     help_text=gettext_lazy("Leave empty for an anonymous letter: it is still recorded (R3)."))
    submitter_address = forms.CharField(label=gettext_lazy("Address"), required=False, max_length=255)
    submitter_phone = forms.CharField(label=gettext_lazy("Phone"), required=False, max_length=32)
    submitter_email = forms.CharField(label=gettext_lazy("E-mail"), required=False, max_length=254,
                                      help_text=gettext_lazy("If given, the receipt is also e-mailed to the sender."))
    submitter_id_number = forms.CharField(label=gettext_lazy("ID number"), required=False, max_length=32)
    organisation = forms.CharField(label=gettext_lazy("On behalf of (organisation)"), required=False, max_length=255)
    people_count = forms.IntegerField(label=gettext_lazy("Number of people"), min_value=1, max_value=100000, initial=1,
                                      error_messages={"required": gettext_lazy("Enter the number of people (1 or more)."),
                                                      "invalid": gettext_lazy("Enter the number of people (1 or more)."),
                                                      "min_value": gettext_lazy("Enter the number of people (1 or more).")})
    confidential = forms.BooleanField(label=gettext_lazy("The sender asks for confidentiality"), required=False)
    verifiable_evidence = forms.BooleanField(label=gettext_lazy("Names the violator and gives specific, verifiable evidence"),
                                             required=False)
    previous_tracking_code = forms.CharField(
        label=gettext_lazy("Tracking code of the first complaint (second-time complaint only)"), required=False, max_length=40,
    )
    attachments = AttachmentsField(label=gettext_lazy("Scanned letter and documents (optional)"))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        units = list(units or [])
        self.fields["unit"].queryset = OrgUnit.objects.filter(pk__in=[u.pk for u in units]).order_by("path")
        if len(units) == 1 and not self.is_bound:
            self.initial["unit"] = units[0].pk
        self.fields["category"].queryset = Category.objects.filter(active=True)
        self.fields["attachments"].help_text = _("PDF, image, Word, Excel, audio or video; at most %(n)d files.") % {
            "n": settings.UPLOAD_MAX_FILES}

    def clean_attachments(self):
        return check_files(self.cleaned_data.get("attachments") or [])

    def clean_previous_tracking_code(self):
        value = (self.cleaned_data.get("previous_tracking_code") or "").strip()
        if not value:
            return ""
        code = normalise_code(value)
        if self.data.get("type") != ItemType.KHIEU_NAI:
            raise forms.ValidationError(_("Only a complaint can refer to a first complaint."))
        if not Case.objects.filter(tracking_code=code, type=ItemType.KHIEU_NAI).exists():
            raise forms.ValidationError(_("No complaint has this tracking code."))
        return code
