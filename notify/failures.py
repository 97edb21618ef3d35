"""Why a mail could not be sent, in Danish, and whether trying again later may help.

SMTP says it in its reply codes: 4xx is temporary ("try again later"), 5xx permanent. A server
that cannot be reached, a connection that breaks and a failed login are temporary too: the
mail is fine, the server or its settings are not, and they may be mended. A mail that cannot
be rendered is permanent: trying again renders it the same way.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass


@dataclass(frozen=True)
class Failure:
    temporary: bool
    reason: str  # Danish, for the administrator's page "Sendte mails"
    # The connection cannot be used for the next message (it broke or never opened).
    connection_lost: bool = False


def _reply(code: int | None, text: bytes | str | None) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    text = " ".join((text or "").split())
    return f"{code} {text}".strip() if code else text


def _by_code(code: int | None, text: bytes | str | None, refused: str) -> Failure:
    reply = _reply(code, text)
    if code is not None and 500 <= code < 600:
        return Failure(False, f"{refused} ({reply}).")
    # 421: the server closes the connection (and smtplib with it).
    return Failure(True, f"{refused} midlertidigt ({reply}).", connection_lost=code == 421)


def explain(error: BaseException) -> Failure:
    """What went wrong when opening the connection or sending one message over it."""
    # smtplib's exceptions are OSErrors too: they are looked at first.
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, text = next(iter(error.recipients.values()), (None, b""))
        return _by_code(code, text, "Mailserveren afviste modtageren")
    if isinstance(error, smtplib.SMTPSenderRefused):
        return _by_code(error.smtp_code, error.smtp_error, "Mailserveren afviste afsenderen")
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return Failure(
            True,
            "Kursen kunne ikke logge ind på mailserveren "
            f"({_reply(error.smtp_code, error.smtp_error)}). Tjek brugernavn og adgangskode "
            "(EMAIL_HOST_USER og EMAIL_HOST_PASSWORD).",
            connection_lost=True,
        )
    if isinstance(error, smtplib.SMTPConnectError | smtplib.SMTPHeloError):
        failure = _by_code(error.smtp_code, error.smtp_error, "Mailserveren afviste forbindelsen")
        # Refused at the greeting: the server's state, not this mail's; tried again later.
        return Failure(True, failure.reason, connection_lost=True)
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return Failure(True, "Mailserveren afbrød forbindelsen.", connection_lost=True)
    if isinstance(error, smtplib.SMTPResponseException):  # e.g. the message itself refused
        return _by_code(error.smtp_code, error.smtp_error, "Mailserveren afviste mailen")
    if isinstance(error, smtplib.SMTPException):
        return Failure(True, f"Fejl i forbindelsen til mailserveren: {error}.", True)
    if isinstance(error, ConnectionRefusedError):
        return Failure(True, "Mailserveren kunne ikke nås: forbindelsen blev afvist.", True)
    if isinstance(error, TimeoutError):
        return Failure(True, "Mailserveren svarede ikke i tide.", True)
    if isinstance(error, ssl.SSLError):
        return Failure(
            True, f"Den sikre forbindelse til mailserveren kunne ikke oprettes: {error}.", True
        )
    if isinstance(error, OSError):
        return Failure(
            True, f"Mailserveren kunne ikke nås: {error.strerror or error}.", connection_lost=True
        )
    # The exception's own words, shortened: a template error can run long.
    detail = " ".join(str(error).split())[:300]
    return Failure(False, f"Mailen kunne ikke dannes: {type(error).__name__}: {detail}.")
