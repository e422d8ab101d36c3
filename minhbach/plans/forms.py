"""Forms of the plan pages: import (upload, metadata, task table), reports, reviews, urges, review documents."""
from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from minhbach.plans.models import ProgressStatus, ReviewKind, TimingKind

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"]
CADENCE_LABELS = [("monthly", _("Monthly")), ("quarterly", _("Quarterly")), ("semiannual", _("Every 6 months")),
                  ("yearly", _("Yearly"))]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class UnitMultipleField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class TaskChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.plan.number or obj.plan.title[:40]} — {obj.path}: {obj.text[:70]}"


class ImportUploadForm(forms.Form):
    file = forms.FileField(label=_("Plan document (.txt in UTF-8 or .docx)"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".txt,.docx,text/plain,"
                                                                            "application/vnd.openxmlformats-officedocument."
                                                                            "wordprocessingml.document"}))
    issuing_unit = UnitChoiceField(queryset=None, label=_("Issuing unit"),
                                   help_text=_("The unit whose plan this is; its agencies are matched to this province."))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuing_unit"].queryset = units


class PlanMetaForm(forms.Form):
    number = forms.CharField(label=_("Number and symbol"), max_length=100, required=False)
    doc_type = forms.CharField(label=_("Document type"), max_length=60)
    issuing_body = forms.CharField(label=_("Issuing body (as printed)"), max_length=255, required=False)
    issue_date = forms.DateField(label=_("Issue date"), required=False, input_formats=DATE_FORMATS, widget=DateInput())
    title = forms.CharField(label=_("Title"), widget=forms.Textarea(attrs={"rows": 2}))
    implements = forms.CharField(label=_("Implements (document symbols, separated by ;)"), required=False, max_length=500)
    period_start = forms.DateField(label=_("Plan period from"), required=False, input_formats=DATE_FORMATS, widget=DateInput())
    period_end = forms.DateField(label=_("Plan period until"), required=False, input_formats=DATE_FORMATS, widget=DateInput())
    cadences = forms.MultipleChoiceField(label=_("Periodic reports"), choices=CADENCE_LABELS, required=False,
                                         widget=forms.CheckboxSelectMultiple)
    report_day = forms.IntegerField(label=_("Report due on day (of the last month of the period)"), required=False,
                                    min_value=1, max_value=28,
                                    help_text=_("Leave empty for the default day."))
    yearly_due = forms.CharField(label=_("Yearly report due (day/month, e.g. 15/11)"), required=False, max_length=5)
    reports_to = UnitChoiceField(queryset=None, label=_("Reports go to"), required=False)
    parent_task = TaskChoiceField(queryset=None, label=_("This plan implements the task"), required=False,
                                  help_text=_("For a unit's own plan implementing a task of a higher plan."))

    def __init__(self, *args, units=None, parent_tasks=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reports_to"].queryset = units
        self.fields["parent_task"].queryset = parent_tasks

    def clean_yearly_due(self):
        value = self.cleaned_data["yearly_due"].strip()
        if not value:
            return ""
        m = re.fullmatch(r"(\d{1,2})\s*/\s*(\d{1,2})", value)
        try:
            if not m:
                raise ValueError
            day, month = int(m.group(1)), int(m.group(2))
            dt.date(2024, month, day)
        except ValueError:
            raise ValidationError(_("Write a day and a month, e.g. 15/11.")) from None
        return f"{month:02d}-{day:02d}"

    def clean(self):
        data = super().clean()
        a, b = data.get("period_start"), data.get("period_end")
        if a and b and b < a:
            self.add_error("period_end", _("The end of the plan period is before its start."))
        return data


class TaskRowForm(forms.Form):
    src = forms.IntegerField(required=False, widget=forms.HiddenInput)
    path = forms.CharField(label=_("No."), max_length=36, required=False, widget=forms.TextInput(attrs={"size": 7}))
    text = forms.CharField(label=_("Task"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    lead = UnitMultipleField(queryset=None, label=_("Lead units"), required=False,
                             widget=forms.SelectMultiple(attrs={"size": 5}))
    coordinate = UnitMultipleField(queryset=None, label=_("Coordinating units"), required=False,
                                   widget=forms.SelectMultiple(attrs={"size": 4}))
    timing_text = forms.CharField(label=_("Timing as written"), max_length=255, required=False)
    timing_kind = forms.ChoiceField(label=_("Timing kind"), choices=TimingKind.choices)
    due_date = forms.DateField(label=_("Due date"), required=False, input_formats=DATE_FORMATS, widget=DateInput())

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = units
        self.fields["coordinate"].queryset = units

    def clean(self):
        data = super().clean()
        kind, due = data.get("timing_kind"), data.get("due_date")
        if data.get("text", "").strip() and kind in (TimingKind.DEADLINE, TimingKind.WINDOW) and not due:
            self.add_error("due_date", _("A deadline or a period needs its due date."))
        return data


class BaseTaskRowFormSet(forms.BaseFormSet):
    def __init__(self, *args, units=None, **kwargs):
        self.units = units
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "units": self.units}

    @property
    def empty_form(self):
        form = self.form(auto_id=self.auto_id, prefix=self.add_prefix("__prefix__"), empty_permitted=True,
                         use_required_attribute=False, units=self.units, renderer=self.renderer)
        self.add_fields(form, None)
        return form


TaskRowFormSet = forms.formset_factory(TaskRowForm, formset=BaseTaskRowFormSet, extra=1, can_delete=True, max_num=400)


class ReportForm(forms.Form):
    status = forms.ChoiceField(label=_("State of implementation"), choices=ProgressStatus.choices, widget=forms.RadioSelect)
    text = forms.CharField(label=_("What has been done, results, difficulties and proposals"), widget=forms.Textarea,
                           max_length=20000)
    attachment = forms.FileField(label=_("Attach the signed report (optional)"), required=False)

    def __init__(self, *args, tasks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.task_fields = []
        for task in tasks:
            s = f"task_{task.pk}_status"
            t = f"task_{task.pk}_text"
            self.fields[s] = forms.ChoiceField(label=_("State"), required=False,
                                               choices=[("", "—")] + list(ProgressStatus.choices))
            self.fields[t] = forms.CharField(label=_("Result"), required=False, max_length=4000,
                                             widget=forms.Textarea(attrs={"rows": 2}))
            self.task_fields.append((task, self[s], self[t]))

    def figures(self) -> dict:
        """Per-task lines of a plan-wide report, as stored in ProgressReport.figures."""
        lines = {}
        for task, s, t in self.task_fields:
            status = self.cleaned_data.get(s.name) or ""
            text = (self.cleaned_data.get(t.name) or "").strip()
            if status or text:
                lines[str(task.pk)] = {"status": status, "text": text}
        return {"tasks": lines} if lines else {}


class ReviewDecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect,
                                 choices=[("accept", _("Accept the report")), ("return", _("Return it for completion"))])
    comment = forms.CharField(label=_("Comment (required when returning)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not (data.get("comment") or "").strip():
            self.add_error("comment", _("Say what must be completed when returning a report."))
        return data


class UrgeForm(forms.Form):
    unit = UnitChoiceField(queryset=None, label=_("Unit"))
    task = forms.ModelChoiceField(queryset=None, label=_("Task (optional)"), required=False)
    text = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)

    def __init__(self, *args, units=None, tasks=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["task"].queryset = tasks
        self.fields["task"].label_from_instance = lambda t: f"{t.path}: {t.text[:80]}"


class ReviewGenerateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of review"), choices=ReviewKind.choices, widget=forms.RadioSelect,
                             initial=ReviewKind.SO_KET)
    period = forms.CharField(label=_("Period"), required=False, max_length=60,
                             help_text=_("E.g. 2026, Quý I/2026, 6 tháng đầu năm 2026, Tháng 3/2026, or "
                                         "01/01/2026 - 30/06/2026. Empty: from the start of the plan until today."))
