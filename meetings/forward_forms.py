"""Forms for the forward plan ("punkter til kommende møder") and the agenda template (the
standing items), edited by the body's secretary in Kursen's own pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.forms import RichTextField
from meetings.models import PlannedTopic, StandingItem
from organisation.concurrency import fingerprint


class _Fingerprinted(forms.ModelForm):
    """Carries a fingerprint of the row as opened; the service refuses a stale one."""

    edit_fingerprint = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["edit_fingerprint"] = fingerprint(self.instance)


class PlannedTopicForm(_Fingerprinted):
    class Meta:
        model = PlannedTopic
        fields = ["title", "description", "planned_for"]
        widgets = {
            "planned_for": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "title": {
                "required": _("Skriv emnet."),
                "max_length": _("Emnet må højst være %(limit_value)d tegn."),
            },
            "planned_for": {"invalid": _("Skriv datoen som dd-mm-åååå, f.eks. 22-11-2025.")},
        }


class StandingItemForm(_Fingerprinted):
    case_presentation = RichTextField(label=_("Sagsfremstilling"))
    financial_consequences = RichTextField(label=_("Økonomiske konsekvenser"))
    recommendation = RichTextField(label=_("Indstilling"))

    class Meta:
        model = StandingItem
        fields = ["title", "kind", "case_presentation", "financial_consequences", "recommendation"]
        error_messages = {
            "title": {
                "required": _("Skriv punktets titel."),
                "max_length": _("Titlen må højst være %(limit_value)d tegn."),
            },
            "kind": {"invalid_choice": _("Vælg en af de viste slags indhold.")},
        }


class MoveForm(forms.Form):
    direction = forms.ChoiceField(
        choices=[("op", _("Op")), ("ned", _("Ned"))],
        error_messages={
            "required": _("Vælg op eller ned."),
            "invalid_choice": _("Vælg op eller ned."),
        },
    )
