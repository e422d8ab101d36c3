"""Vault forms: the denounced party of a denunciation."""
from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy

from minhbach.orgs.models import OrgUnit


class OfficialChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        units = ", ".join(sorted({m.unit.name for m in obj.memberships.all()}))
        return f"{obj.display_name} — {obj.position or ''} ({units})"


class DenouncedForm(forms.Form):
    denounced_unit = forms.ModelChoiceField(label=gettext_lazy("Denounced unit"), required=False, queryset=OrgUnit.objects.none(),
                                            empty_label=gettext_lazy("(none)"))
    denounced_person = OfficialChoiceField(label=gettext_lazy("Denounced official"), required=False,
                                           queryset=get_user_model().objects.none(), empty_label=gettext_lazy("(none)"))
    reason = forms.CharField(label=gettext_lazy("Note (optional)"), required=False, max_length=5000,
                             widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        root = case.unit.path[:5]
        self.fields["denounced_unit"].queryset = (OrgUnit.objects.filter(path__startswith=root)
                                                  .exclude(kind="front").order_by("path"))
        self.fields["denounced_person"].queryset = (
            get_user_model().objects.filter(memberships__unit__path__startswith=root, is_active=True)
            .exclude(memberships__unit__kind="front").distinct().order_by("full_name", "username")
            .prefetch_related("memberships__unit"))
        if not self.is_bound:
            self.initial.update(denounced_unit=case.denounced_unit_id, denounced_person=case.denounced_person_id)
