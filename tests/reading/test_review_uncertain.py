"""The review page leads the secretary to the items the reader is unsure of, and says so when
it found no items at all."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

pytestmark = pytest.mark.django_db

MINUTES = """Referat

Socialudvalget

Mødedato: 3. marts 2026

1. Budget
Sagsnr.: 24/1234
Åben sag

Sagsfremstilling

Teksten.

Beslutning

Godkendt.

2. Salg af grund
Sagsnr.: 24/1235

Sagsfremstilling

Teksten.

Beslutning

Anbefales.
"""


def review(client, text: str, name: str = "referat.txt"):
    file = SimpleUploadedFile(name, text.encode(), content_type="text/plain")
    return client.get(client.post(reverse("reading:list"), {"document": file}).url)


def test_the_uncertain_items_are_listed_first_with_a_link_to_each(admin_client_):
    page = review(admin_client_, MINUTES).content.decode()

    assert "Punkter, Kursen er usikker på" in page
    assert 'href="#punkt-2"' in page and 'id="punkt-2"' in page
    assert 'href="#punkt-1"' not in page  # item 1 says "Åben sag": read without a doubt
    # Item 2 prints no closure: read closed, and the page says why.
    assert "læst som lukket, indtil en person siger andet" in page


def test_a_document_without_items_says_kursen_found_none(admin_client_):
    page = review(admin_client_, "Referat\n\nSocialudvalget\n\nMødedato: 3. marts 2026\n\n"
                  "Mødet blev aflyst.\n").content.decode()  # fmt: skip

    assert "Kursen fandt ingen punkter i dokumentet" in page
    assert "Punkt 1" not in page
