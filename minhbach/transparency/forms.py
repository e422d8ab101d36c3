"""Staff forms for publishing: documents, reception schedules, disclosures, urgings, corrections."""
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from minhbach.transparency.models import DisclosureKind, PublicationKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PublicationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=PublicationKind.choices)
    unit = forms.ChoiceField(label=_("Issuing unit"))
    title = forms.CharField(label=_("Title"), max_length=255)
    number = forms.CharField(label=_("Number and symbol"), max_length=64, required=False)
    issued_on = forms.DateField(label=_("Issued on"), widget=DATE)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 4}), required=False,
                              help_text=_("Published with the document: no names of senders, no contact data."))
    posted_from = forms.DateField(label=_("Online from"), widget=DATE, required=False,
                                  help_text=_("Empty: from the day of issue (or today, if later)."))
    posted_until = forms.DateField(label=_("Online until"), widget=DATE, required=False,
                                   help_text=_("Empty: the default period — 15 consecutive days for a complaint decision "
                                               "(rule C5), 30 days otherwise."))
    document = forms.FileField(label=_("Document"), help_text=_("PDF, Word or an image; checked by its content."))
    no_denouncer_confirmed = forms.BooleanField(
        label=_("The document and the summary do not identify the denouncer"), required=False,
        help_text=_("Required for a denunciation conclusion (rule D4)."))

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.code, u.name) for u in units]


class ScheduleForm(forms.Form):
    days = forms.CharField(label=_("Days"), max_length=150, help_text=_("e.g. “Every Thursday” or “The 15th of each month”."))
    hours = forms.CharField(label=_("Hours"), max_length=100, required=False)
    place = forms.CharField(label=_("Place"), max_length=255, required=False)
    person = forms.ChoiceField(label=_("Who receives"), required=False)
    rule_code = forms.ChoiceField(label=_("Rule"), required=False, choices=[
        ("", "—"), ("T1", _("T1: head of the provincial People's Committee, at least 1 day a month")),
        ("T2", _("T2: commune chair, at least 1 day a week")),
        ("T3", _("T3: head of another agency, at least 1 day a month"))])
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", "—")] + [(str(p.pk), p.display_name) for p in people]


class DisclosureForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=DisclosureKind.choices)
    person = forms.ChoiceField(label=_("Official"))
    title = forms.CharField(label=_("Title"), max_length=255)
    window_start = forms.DateField(label=_("Disclosed from"), widget=DATE, required=False)
    window_end = forms.DateField(label=_("Disclosed until"), widget=DATE, required=False,
                                 help_text=_("Empty: 15 days (rule K3)."))
    document = forms.FileField(label=_("Document"))

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [(str(p.pk), p.display_name) for p in people]


class UrgeForm(forms.Form):
    text = forms.CharField(label=_("What the agency is urged to do"), widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Shown publicly on the agency's figures; notified to its leaders."))


class CorrectionForm(forms.Form):
    field = forms.ChoiceField(label=_("What to correct"), choices=[("summary", _("Summary")),
                                                                   ("result_summary", _("Result"))])
    value = forms.CharField(label=_("Corrected text"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    reason = forms.CharField(label=_("Reason (published)"), max_length=500)
