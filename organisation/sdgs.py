"""The UN's colours of the 17 Sustainable Development Goals, and a text colour for each that
reads on it (WCAG 2 contrast of at least 4.5:1), for the text badge shown wherever a goal is."""

from __future__ import annotations

# The goal's number -> its colour in the UN's communications guidelines.
COLOURS = {
    1: "#E5243B", 2: "#DDA63A", 3: "#4C9F38", 4: "#C5192D", 5: "#FF3A21", 6: "#26BDE2",
    7: "#FCC30B", 8: "#A21942", 9: "#FD6925", 10: "#DD1367", 11: "#FD9D24", 12: "#BF8B2E",
    13: "#3F7E44", 14: "#0A97D9", 15: "#56C02B", 16: "#00689D", 17: "#19486A",
}  # fmt: skip
WHITE, DARK = "#FFFFFF", "#111111"
MIN_CONTRAST = 4.5


def _luminance(colour: str) -> float:
    """Relative luminance (WCAG 2)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_colour(background: str) -> str:
    """White on the goal's colour where it reads, else near-black (which always does here)."""
    return WHITE if contrast(background, WHITE) >= MIN_CONTRAST else DARK


def colours(number: int) -> tuple[str, str]:
    """(background, text) of goal `number`'s badge."""
    background = COLOURS.get(number, "#595959")
    return background, text_colour(background)
