"""The form of "Mine mails": one checkbox per registered kind of mail."""

from __future__ import annotations

from typing import Any

from django import forms

from notify.preferences import kinds


class MailPreferencesForm(forms.Form):
    """Checked: the user is mailed about it. Built from the kinds the apps registered."""

    def __init__(self, *args: Any, initial_choices: dict[str, bool], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in kinds():
            self.fields[self.field_name(kind.kind)] = forms.BooleanField(
                label=str(kind.label),
                help_text=str(kind.description),
                required=False,
                initial=initial_choices.get(kind.kind, True),
            )

    @staticmethod
    def field_name(kind: str) -> str:
        return "kind_" + kind.replace(".", "__")

    def choices(self) -> dict[str, bool]:
        return {k.kind: bool(self.cleaned_data.get(self.field_name(k.kind))) for k in kinds()}


class SentMailFilterForm(forms.Form):
    """ "Sendte mails" filtered by state and kind; an unknown value is a Danish error."""

    tilstand = forms.ChoiceField(label="Tilstand", required=False)
    slags = forms.ChoiceField(label="Slags mail", required=False)

    def __init__(self, *args: Any, kind_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        from notify.models import Delivery

        super().__init__(*args, **kwargs)
        state, kind = self.fields["tilstand"], self.fields["slags"]
        assert isinstance(state, forms.ChoiceField) and isinstance(kind, forms.ChoiceField)
        state.choices = [("", "Alle"), *Delivery.State.choices]
        kind.choices = [("", "Alle"), *kind_choices]
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = "Vælg en af mulighederne på listen."
