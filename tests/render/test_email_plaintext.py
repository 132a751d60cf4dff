"""The plain-text part written from Markdown tokens: structure survives, links become references."""

from __future__ import annotations

from pipeline.render.email.plaintext import markdown_to_text, wrap

BASE = "https://example.org/a/"


def text_of(markdown: str) -> str:
    return markdown_to_text(markdown, BASE).text


def test_paragraphs_are_wrapped_at_72_columns_without_breaking_urls():
    long_url = "https://example.org/" + "x" * 90
    result = text_of(("word " * 40).strip() + f" {long_url} end.\n\nSecond.\n")
    lines = result.splitlines()
    assert all(len(line) <= 72 for line in lines if "https://" not in line)
    assert long_url in lines
    assert result.endswith("end.\n\nSecond.")


def test_links_are_numbered_once_per_url_and_resolved_against_the_article():
    result = markdown_to_text(
        "See [one](/one/), [two](https://b.org/) and [one again](/one/).\n", BASE
    )
    assert result.text == "See one [1], two [2] and one again [1]."
    assert result.links == ("https://example.org/one/", "https://b.org/")


def test_a_link_whose_text_is_its_url_is_shown_inline():
    result = markdown_to_text("At <https://b.org/x> or <editors@example.org>.\n", BASE)
    assert result.text == "At https://b.org/x or editors@example.org."
    assert result.links == ()


def test_link_tracking_applies_to_references():
    result = markdown_to_text("[x](/x)\n", BASE, link=lambda url: url + "?utm=1")
    assert result.links == ("https://example.org/x?utm=1",)


def test_a_reference_number_stays_with_its_word():
    result = text_of(("word " * 13) + "and [a link at the end of the line](https://b.org/).\n")
    assert "line [1]." in result


def test_lists_quotes_headings_code_tables_and_images():
    markdown = """\
## A heading

- one
- two
  - nested

3. three
4. four

> quoted
>
> > deeper

```
code  keeps   spacing
```

---

| a | b |
|---|---|
| 1 | 2 |

![A map of the region](/map.png)

<div>raw <b>html</b> &amp; more</div>
"""
    assert text_of(markdown) == (
        "A heading\n"
        "---------\n"
        "\n"
        "- one\n"
        "- two\n"
        "  - nested\n"
        "\n"
        "3. three\n"
        "4. four\n"
        "\n"
        "> quoted\n"
        ">\n"
        "> > deeper\n"
        "\n"
        "    code  keeps   spacing\n"
        "\n"
        "* * *\n"
        "\n"
        "a | b\n"
        "1 | 2\n"
        "\n"
        "[Image: A map of the region]\n"
        "\n"
        "raw html & more"
    )


def test_emphasis_and_breaks():
    assert text_of("*Em* and **strong** and `code`,  \nnext line.\n") == (
        "_Em_ and *strong* and code,\nnext line."
    )


def test_loose_list_items_are_separated_by_blank_lines():
    assert text_of("- a\n\n  more of a\n\n- b\n") == "- a\n\n  more of a\n\n- b"


def test_wrap_keeps_a_hanging_prefix():
    assert wrap("alpha beta gamma delta", width=20, prefix="  ", first_prefix="- ") == (
        "- alpha beta gamma\n  delta"
    )


def test_footnotes_are_superscript_numbers_and_notes_after_a_rule():
    result = markdown_to_text(
        "Stocks fell.[^a] See [the table](/t/).^[An inline note.]\n\n"
        "[^a]: IPFM, [report](https://ipfm.org/r/).\n",
        BASE,
    )
    assert result.text == (
        "Stocks fell.¹ See the table [1].²\n\n* * *\n\n¹ IPFM, report [2].\n\n² An inline note."
    )
    assert result.links == ("https://example.org/t/", "https://ipfm.org/r/")
