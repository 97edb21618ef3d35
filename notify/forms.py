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
