"""Upload a document, then check and correct what was read before it is stored."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

ACCESS_CHOICES = [("open", _("Åben")), ("closed", _("Lukket"))]
DOCUMENT_TYPES = [
    ("dagsorden", _("Dagsorden")),
    ("beslutningsprotokol", _("Beslutningsprotokol")),
    ("referat", _("Referat")),
    ("sag", _("Enkelt sag (uddrag)")),
]


class UploadForm(forms.Form):
    document = forms.FileField(
        label=_("Dagsorden eller referat"),
        help_text=_(
            "PDF, HTML eller tekst, som kommunen har udgivet det, eller mødesystemets egen "
            "udgivelse: FirstAgendas JSON eller SBSYS' zip-arkiv. Intet gemmes i Kursen, før du "
            "har set det læste igennem."
        ),  # fmt: skip
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.html,.htm,.txt,.json,.zip"}),
    )


def _text(label, value, *, required=False, max_length=300, **attrs):
    return forms.CharField(label=label, initial=value or "", required=required,
                           max_length=max_length, widget=forms.TextInput(attrs=attrs))  # fmt: skip


def _date(label, value):
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    return forms.DateField(label=label, required=False, initial=value, widget=widget)


def _time(label, value):
    widget = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    return forms.TimeField(label=label, required=False, initial=value, widget=widget)


def _number(label, value):
    return forms.IntegerField(label=label, required=False, min_value=1, max_value=999,
                              initial=value)  # fmt: skip


def _access(value):
    return forms.ChoiceField(label=_("Åben eller lukket"), choices=ACCESS_CHOICES,
                             initial=value or "open")  # fmt: skip


def _joined(lines) -> str:
    return "\n".join(lines or [])


def _area(label, value, rows=4):
    return forms.CharField(label=label, initial=value or "", required=False,
                           widget=forms.Textarea(attrs={"rows": rows}), strip=True)  # fmt: skip


class ReviewForm(forms.Form):
    """Every field the reader read, editable, in the document's structure. `parsed()` gives
    the corrected reading back in the schema's shape."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, reading: dict, version: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.reading = reading
        self.fields["version"].initial = version
        meeting = reading.get("meeting") or {}
        f = self.fields
        f["document_type"] = forms.ChoiceField(
            label=_("Dokumenttype"), choices=DOCUMENT_TYPES,
            initial=reading.get("document_type") or "sag",
        )  # fmt: skip
        f["body"] = _text(_("Udvalg"), reading.get("body"), max_length=120)
        f["date"] = _date(_("Mødedato"), meeting.get("date"))
        f["start"] = _time(_("Start kl."), meeting.get("start"))
        f["end"] = _time(_("Slut kl."), meeting.get("end"))
        f["place"] = _text(_("Sted"), meeting.get("place"), max_length=200)
        f["members"] = _area(_("Medlemmer (én pr. linje)"), _joined(meeting.get("members")))
        f["absent"] = _area(_("Fraværende (én pr. linje)"), _joined(meeting.get("absent")), 2)
        for i, item in enumerate(reading.get("items") or []):
            p = f"item-{i}"
            f[f"{p}-skip"] = forms.BooleanField(label=_("Spring punktet over"), required=False)
            f[f"{p}-number"] = _number(_("Nr."), item.get("number"))
            f[f"{p}-title"] = _text(_("Titel"), item.get("title"), **{"class": "wide"})
            f[f"{p}-case_number"] = _text(_("Sagsnummer"), item.get("case_number"), max_length=40)
            f[f"{p}-subject_code"] = _text(_("KLE-nummer"), item.get("subject_code"), max_length=40)
            f[f"{p}-access"] = _access(item.get("access"))
            f[f"{p}-routing"] = _text(_("Sagsgang"), ", ".join(item.get("routing") or []))
            for j, section in enumerate(item.get("sections") or []):
                q = f"{p}-section-{j}"
                f[f"{q}-heading"] = _text(_("Overskrift"), section["heading"], required=True)
                f[f"{q}-text"] = _area(_("Tekst"), section["text"], rows=6)
            for k, decision in enumerate(item.get("decisions") or []):
                q = f"{p}-decision-{k}"
                f[f"{q}-body"] = _text(_("Udvalg"), decision["body"], required=True, max_length=120)
                f[f"{q}-date"] = _date(_("Dato"), decision.get("date"))
                f[f"{q}-text"] = _area(_("Beslutning"), decision["text"], rows=3)
                f[f"{q}-absent"] = _area(
                    _("Deltog ikke / afbud (én pr. linje)"), _joined(decision.get("absent")), 2
                )
            for a, attachment in enumerate(item.get("attachments") or []):
                q = f"{p}-attachment-{a}"
                f[f"{q}-number"] = _number(_("Nr."), attachment.get("number"))
                f[f"{q}-title"] = _text(_("Titel"), attachment.get("title"), **{"class": "wide"})
                f[f"{q}-access"] = _access(attachment.get("access"))
                f[f"{q}-document_number"] = _text(
                    _("Dokumentnr."), attachment.get("document_number"), max_length=40
                )

    def items(self) -> list[dict]:
        """The item fields grouped for the template: [{fields, sections, decisions, ...}]."""
        groups = []
        for i, item in enumerate(self.reading.get("items") or []):
            p = f"item-{i}"
            confidence = item.get("confidence")
            groups.append({
                "index": i + 1,
                "anchor": f"punkt-{i + 1}",
                "label": item.get("title") or item.get("case_number") or _("Uden titel"),
                # How sure the reader was (absent once a person has corrected the reading).
                "confidence": confidence,
                "uncertain": confidence is not None and confidence < 1,
                "percent": round(100 * confidence) if confidence is not None else None,
                "doubts": self._doubts(item),
                "skip": self[f"{p}-skip"],
                "fields": [self[f"{p}-{name}"] for name in
                           ("number", "title", "case_number", "subject_code", "access", "routing")],
                "sections": [(self[f"{p}-section-{j}-heading"], self[f"{p}-section-{j}-text"])
                             for j in range(len(item.get("sections") or []))],
                "decisions": [[self[f"{p}-decision-{k}-{n}"] for n in ("body", "date", "text",
                                                                       "absent")]
                              for k in range(len(item.get("decisions") or []))],
                "attachments": [[self[f"{p}-attachment-{a}-{n}"] for n in ("number", "title",
                                                                           "access",
                                                                           "document_number")]
                                for a in range(len(item.get("attachments") or []))],
            })  # fmt: skip
        return groups

    def uncertain_items(self) -> list[dict]:
        """The items the reader was unsure of, least sure first: where the review starts."""
        groups = [group for group in self.items() if group["uncertain"]]
        return sorted(groups, key=lambda group: (group["confidence"], group["index"]))

    def _doubts(self, item: dict) -> list[str]:
        """The reading's warnings about this item ("Punkt 2: …")."""
        if item.get("number") is None:
            return []
        prefix = f"Punkt {item['number']}:"
        return [w for w in self.reading.get("warnings") or [] if w.startswith(prefix)]

    def parsed(self) -> dict:
        """The corrected reading, in the schema's shape; call after is_valid()."""
        data = self.cleaned_data
        reading = self.reading
        items = []
        for i, item in enumerate(reading.get("items") or []):
            p = f"item-{i}"
            if data[f"{p}-skip"]:
                continue
            items.append({
                "number": data[f"{p}-number"],
                "title": data[f"{p}-title"] or None,
                "case_number": data[f"{p}-case_number"] or None,
                "subject_code": data[f"{p}-subject_code"] or None,
                "access": data[f"{p}-access"],
                "routing": [r.strip() for r in data[f"{p}-routing"].split(",") if r.strip()],
                "sections": [{"heading": data[f"{p}-section-{j}-heading"],
                              "text": data[f"{p}-section-{j}-text"]}
                             for j in range(len(item.get("sections") or []))],
                "decisions": [{"body": data[f"{p}-decision-{k}-body"],
                               "date": _iso(data[f"{p}-decision-{k}-date"]),
                               "text": data[f"{p}-decision-{k}-text"],
                               "absent": _lines(data[f"{p}-decision-{k}-absent"])}
                              for k in range(len(item.get("decisions") or []))],
                "attachments": [{"number": data[f"{p}-attachment-{a}-number"],
                                 "title": data[f"{p}-attachment-{a}-title"] or None,
                                 "access": data[f"{p}-attachment-{a}-access"],
                                 "document_number": data[f"{p}-attachment-{a}-document_number"]
                                 or None}
                                for a in range(len(item.get("attachments") or []))],
            })  # fmt: skip
        return {
            "source": reading.get("source") or "",
            "document_type": data["document_type"],
            "body": data["body"] or None,
            "meeting": {
                "date": _iso(data["date"]),
                "start": data["start"].strftime("%H:%M") if data["start"] else None,
                "end": data["end"].strftime("%H:%M") if data["end"] else None,
                "place": data["place"] or None,
                "members": _lines(data["members"]),
                "absent": _lines(data["absent"]),
            },
            "items": items,
            "warnings": list(reading.get("warnings") or []),
        }


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]
