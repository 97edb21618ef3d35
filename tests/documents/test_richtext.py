"""Section text: what a secretary types or pastes becomes paragraphs, bullets and tables,
and never markup of its own."""

from danish.richtext import BulletList, Paragraph, Table, clean_input, parse, to_html


def test_paragraphs_bullets_and_tables_are_recognised():
    text = (
        "Rul december: ØK d. 5/12 2023\n\n"
        "- Gennemgang af beslutningsprotokol for\n"
        "  - Børne- og Ungdomsudvalgsmøde d. 16. november\n"
        "- Kommende politiske møder\n\n"
        "| Tid | Punkt |\n|---|---|\n| 11.00 | Udmøntningsplan 2024-2027 |"
    )
    assert parse(text) == [
        Paragraph(["Rul december: ØK d. 5/12 2023"]),
        BulletList([(0, "Gennemgang af beslutningsprotokol for"),
                    (1, "Børne- og Ungdomsudvalgsmøde d. 16. november"),
                    (0, "Kommende politiske møder")]),
        Table(["Tid", "Punkt"], [["11.00", "Udmøntningsplan 2024-2027"]]),
    ]  # fmt: skip


def test_html_output_escapes_everything_typed():
    html = to_html('Se <b>dette</b> & "hint"\n\n- <script>alert(1)</script>')
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.startswith("<p>Se &lt;b&gt;dette&lt;/b&gt; &amp; &quot;hint&quot;</p>")


def test_pasted_html_is_sanitised_into_plain_formatting():
    pasted = (
        '<p style="color:red">Første <strong>afsnit</strong></p>'
        "<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>"
        "<table><tr><td>11.00</td><td><p>Oplæg</p><p>Drøftelse</p></td></tr></table>"
        '<script>alert("x")</script><img src=x onerror="alert(1)">'
    )
    assert clean_input(pasted) == (
        "Første afsnit\n\n- a\n  - b\n- c\n\n| 11.00 | Oplæg Drøftelse |"
    )


def test_control_characters_from_word_are_dropped():
    assert clean_input("Tekst\x0b med\x07 støj\r\n") == "Tekst med støj"
