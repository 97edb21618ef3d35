"""Forms for the forward plan ("punkter til kommende møder") and the agenda template (the
standing items), edited by the body's secretary in Kursen's own pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from meetings.forms import RichTextField
from meetings.models import PlannedTopic, StandingItem

VERSION_ERRORS = {
    "required": _("Siden mangler punktets version. Genindlæs siden og prøv igen."),
    "invalid": _("Siden mangler punktets version. Genindlæs siden og prøv igen."),
    "min_value": _("Siden mangler punktets version. Genindlæs siden og prøv igen."),
    "max_value": _("Siden mangler punktets version. Genindlæs siden og prøv igen."),
}


def version_field() -> forms.IntegerField:
    return forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        max_value=2**31 - 1,
        error_messages=VERSION_ERRORS,
    )


class _Versioned(forms.ModelForm):
    """Carries the version of the row as the user opened it; the service refuses an older one
    (meetings.services.MeetingConflict), and conflict_with shows what was saved instead."""

    version = version_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        else:
            self.fields["version"].required = False

    def _field_names(self) -> list[str]:
        return list(self._meta.fields or ())

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self._field_names()}

    def conflict_with(self, current: Any) -> dict[str, Any]:
        """What the other person saved, beside what this user tried to save, field by field.
        The form then carries the current version, so saving again is a deliberate choice."""
        saved = type(self)(instance=current)
        rows = []
        for name in self._field_names():
            field = self.fields[name]
            mine = _shown(field, self.cleaned_data.get(name))
            theirs = _shown(field, getattr(current, name))
            if mine != theirs:
                rows.append({"label": field.label, "mine": mine or "–", "theirs": theirs or "–"})
        data = QueryDict(mutable=True)
        data.update(self.data)
        data["version"] = str(current.version)
        self.data = data
        last = current.history.select_related("history_user").first()
        return {"rows": rows, "current": current, "last": last, "saved": saved}


def _shown(field: forms.Field, value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        choices: Any = field.choices
        return str(dict(choices).get(value, value))
    if hasattr(value, "strftime"):
        return value.strftime("%d-%m-%Y")
    return str(value).strip()


class PlannedTopicForm(_Versioned):
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


class StandingItemForm(_Versioned):
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
    version = version_field()
    direction = forms.ChoiceField(
        choices=[("op", _("Op")), ("ned", _("Ned"))],
        error_messages={
            "required": _("Vælg op eller ned."),
            "invalid_choice": _("Vælg op eller ned."),
        },
    )


class DeleteForm(forms.Form):
    version = version_field()
