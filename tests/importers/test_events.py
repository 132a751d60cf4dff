"""An event page's schema.org Event data becomes `kind: event` and `event:` front matter."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from pipeline.content import load_content
from pipeline.importers.events import page_event
from pipeline.importers.html_markdown import parse_html
from pipeline.importers.page import import_page
from tests.conftest import ContentTree
from tests.importers.conftest import FIXTURES

PAGE = "https://example.org/events/a-seminar/"


def event_of(*items, title="A Seminar", body="") -> dict | None:
    scripts = "".join(
        f'<script type="application/ld+json">{json.dumps(item)}</script>' for item in items
    )
    html = f"<html><head>{scripts}</head><body><main><h1>{title}</h1>{body}</main></body></html>"
    return page_event(parse_html(html), PAGE, title)


def test_the_webinar_page_becomes_an_event_that_builds(content_tree: ContentTree):
    html = (FIXTURES / "sites" / "event-webinar.html").read_text(encoding="utf-8")
    url = "https://vcdnp.org/events/webinar-future-npt-review-process/"
    draft = import_page(
        html, source="event.html", page_url=url, site_name="VCDNP", today=date(2026, 11, 21)
    ).draft
    assert draft.kind == "event"
    assert draft.event == {
        "start": "2026-12-10T15:00:00+01:00",
        "end": "2026-12-10T16:30:00+01:00",
        "place": "Online",
        # The offer's address is the event's own page; the text's "Register here" is the form.
        "register": "https://vcdnp.org/register/npt-webinar/",
    }
    assert "kind: event  # the page's event data (schema.org Event) says so" in draft.render()
    draft.write(content_tree.root)
    (article,) = load_content(content_tree.root).articles
    assert article.is_notice and article.event is not None
    assert article.event.form == "https://vcdnp.org/register/npt-webinar/"


def test_a_place_its_address_and_the_registration_offer():
    found = event_of({
        "@context": "https://schema.org",
        "@graph": [{"@type": "WebPage", "name": "x"}, {
            "@type": "EducationEvent", "name": "A Seminar", "startDate": "2027-01-10",
            "endDate": "2027-01-11",
            "location": {"@type": "Place", "name": "Andromeda Tower",
                         "address": {"@type": "PostalAddress",
                                     "streetAddress": "Donau-City-Strasse 6",
                                     "addressLocality": "Vienna"}},
            "eventAttendanceMode": "https://schema.org/MixedEventAttendanceMode",
            "offers": [{"@type": "Offer", "url": "https://forms.example.org/seminar"}],
        }],
    })  # fmt: skip
    assert found == {
        "start": "2027-01-10",
        "end": "2027-01-11",
        "place": "Andromeda Tower, Donau-City-Strasse 6, Vienna",
        "register": "https://forms.example.org/seminar",
    }


@pytest.mark.parametrize(
    ("end", "kept"),
    [
        ("2027-01-10", False),  # a date alone after a start with a time: when does it end?
        ("2027-01-10T09:00:00+01:00", False),  # before the start
        ("2027-01-10T12:30:00Z", True),
        ("soon", False),
    ],
)
def test_an_end_the_build_could_not_read_is_left_out(end, kept):
    found = event_of({"@type": "Event", "name": "A Seminar",
                      "startDate": "2027-01-10T10:00:00+01:00", "endDate": end})  # fmt: skip
    assert found is not None and found["start"] == "2027-01-10T10:00:00+01:00"
    assert ("end" in found) == kept


def test_events_a_page_only_lists_are_not_its_own():
    sidebar = {"@type": "Event", "name": "Another Event", "startDate": "2027-01-10",
               "url": "https://example.org/events/another/"}  # fmt: skip
    assert event_of(sidebar) is None
    own = {"@type": "Event", "name": "Not the headline", "startDate": "2027-01-10", "url": PAGE}
    assert event_of(sidebar, own) == {"start": "2027-01-10"}
    assert event_of({"@type": "Event", "name": "A Seminar"}) is None  # no start
    assert (
        event_of({"@type": "NewsArticle", "name": "A Seminar", "startDate": "2027-01-10"}) is None
    )
    assert (
        page_event(parse_html('<script type="application/ld+json">{oops</script>'), PAGE, "x")
        is None
    )


def test_a_commentary_page_stays_a_commentary():
    html = (FIXTURES / "sites" / "thinktank-commentary.html").read_text(encoding="utf-8")
    draft = import_page(
        html,
        source="p.html",
        page_url="https://example.org/x/",
        site_name="C",
        today=date(2026, 3, 1),
    ).draft
    assert draft.kind is None and draft.event == {}


def _job_page(posting: dict, title: str = "Research Associate, Nuclear Security") -> str:
    return (
        f'<html><head><title>{title}</title><script type="application/ld+json">'
        f"{json.dumps(posting)}</script></head><body><main><h1>{title}</h1>"
        "<p>The Centre seeks a research associate for its nuclear security programme, to start in "
        "spring. The post is full time and based in Vienna, with some travel to Central Asia.</p>"
        '<p><a href="https://jobs.example.org/apply/123">Apply now</a></p></main></body></html>'
    )


def test_a_vacancy_page_becomes_a_job_with_its_deadline_and_form(content_tree: ContentTree):
    posting = {"@context": "https://schema.org/", "@type": "JobPosting",
               "title": "Research Associate, Nuclear Security", "datePosted": "2026-11-02",
               "validThrough": "2026-12-15T23:59:00+01:00", "url": PAGE}  # fmt: skip
    draft = import_page(
        _job_page(posting), source="job.html", page_url=PAGE, site_name="C",
        today=date(2026, 11, 3),
    ).draft  # fmt: skip
    assert draft.kind == "job" and draft.event == {}
    # The posting's url is the page itself: the text's "Apply now" link is the form.
    assert draft.call == {
        "deadline": "2026-12-15T23:59:00+01:00",
        "apply": "https://jobs.example.org/apply/123",
    }
    draft.write(content_tree.root)
    (article,) = load_content(content_tree.root).articles
    assert article.call is not None and article.call.form == "https://jobs.example.org/apply/123"
    # Without a deadline there is no call to announce; another page's posting is not this one.
    del posting["validThrough"]
    assert import_page(_job_page(posting), source="j", page_url=PAGE, site_name="C",
                       today=date(2026, 11, 3)).draft.kind is None  # fmt: skip
    other = {**posting, "validThrough": "2026-12-15", "title": "Another Job",
             "url": "https://example.org/jobs/other/"}  # fmt: skip
    assert import_page(_job_page(other), source="j", page_url=PAGE, site_name="C",
                       today=date(2026, 11, 3)).draft.call == {}  # fmt: skip


@pytest.mark.parametrize(
    "start", ["2026-W50-4", "2026-12-10T15+01:00", "20261210T150000Z", "1850-12-10", "soon"]
)
def test_a_start_the_build_would_not_read_is_no_event(start):
    assert event_of({"@type": "Event", "name": "A Seminar", "startDate": start}) is None


def test_what_the_importer_writes_the_build_reads(content_tree: ContentTree):
    """Values the page gives that the build would refuse are left out, so an import never
    writes front matter that stops the build."""
    item = {
        "@type": "Event", "name": "A Seminar", "startDate": "2027-01-10T15:00:00+01:00",
        "endDate": "2027-01-10T17:00:00",  # no offset where the start has one: left out
        "offers": {"url": "https://forms.example.org/a seminar"},  # a space: no URL
    }  # fmt: skip
    assert event_of(item) == {"start": "2027-01-10T15:00:00+01:00"}
    html = (
        f'<html><head><title>A Seminar</title><script type="application/ld+json">'
        f"{json.dumps(item)}</script></head><body><main><h1>A Seminar</h1>"
        "<p>The Centre hosts a seminar on safeguards in Vienna with speakers from the IAEA and "
        "the Board of Governors, followed by a discussion with the audience in the hall.</p>"
        "</main></body></html>"
    )
    draft = import_page(html, source="e.html", page_url=PAGE, site_name="C",
                        today=date(2026, 11, 20)).draft  # fmt: skip
    draft.write(content_tree.root)
    (article,) = load_content(content_tree.root).articles
    assert article.event is not None and article.event.end is None


def test_a_time_without_offset_is_kept_and_named_in_a_review_note():
    review: list[str] = []
    item = {"@type": "Event", "name": "A Seminar", "startDate": "2027-01-10T15:00"}
    html = f'<script type="application/ld+json">{json.dumps(item)}</script><h1>A Seminar</h1>'
    assert page_event(parse_html(html), PAGE, "A Seminar", review) == {"start": "2027-01-10T15:00"}
    assert len(review) == 1 and "without a UTC offset" in review[0]


@pytest.mark.parametrize(
    ("status", "register", "note"),
    [
        ("https://schema.org/EventCancelled", False, "cancelled"),
        ("EventPostponed", False, "postponed"),
        ("https://schema.org/EventRescheduled", True, "rescheduled"),
        ("https://schema.org/EventScheduled", True, None),
    ],
)
def test_a_cancelled_event_is_flagged_and_gets_no_registration_link(status, register, note):
    review: list[str] = []
    item = {
        "@type": "Event",
        "name": "A Seminar",
        "startDate": "2027-01-10",
        "eventStatus": status,
        "offers": {"url": "https://forms.example.org/seminar"},
    }
    html = f'<script type="application/ld+json">{json.dumps(item)}</script><h1>A Seminar</h1>'
    found = page_event(parse_html(html), PAGE, "A Seminar", review)
    assert found is not None and ("register" in found) == register
    assert [note in n for n in review] == ([True] if note else [])


def test_events_in_a_main_entity_with_entities_and_prefixed_types():
    page = {"@type": "WebPage", "mainEntity": {
        "@type": "schema:Event", "name": "Arms Control &#8211; What Next?",
        "startDate": "2027-01-10"}}  # fmt: skip
    assert event_of(page, title="Arms Control – What Next?") == {"start": "2027-01-10"}


def test_deeply_nested_json_is_no_event_and_no_crash():
    deep = "[" * 100_000 + "]" * 100_000
    html = f'<script type="application/ld+json">{deep}</script><h1>x</h1>'
    assert page_event(parse_html(html), PAGE, "x") is None


@pytest.mark.parametrize(
    "link",
    [
        '<p><a href="https://news.example.org/signup">Sign up for our newsletter</a></p>',
        '<aside><a href="https://forms.example.org/other">Register</a></aside>',
        '<footer><a href="https://forms.example.org/other">Register</a></footer>',
        '<p><a href="https://example.org/terms">Terms and conditions of registration</a></p>',
    ],
)
def test_links_that_are_no_registration_form(link):
    found = event_of({"@type": "Event", "name": "A Seminar", "startDate": "2027-01-10"},
                     body=link)  # fmt: skip
    assert found == {"start": "2027-01-10"}


def test_an_event_page_without_event_data_gives_its_fields(content_tree: ContentTree):
    html = (FIXTURES / "sites" / "event-no-jsonld.html").read_text(encoding="utf-8")
    url = "https://www.apsforum.org/events/2027/roundtable-future-of-nuclear-arms-control-asia"
    draft = import_page(html, source="e.html", page_url=url, site_name="C",
                        today=date(2026, 12, 1)).draft  # fmt: skip
    assert draft.kind == "event"
    assert draft.event == {
        "start": "2027-01-20T14:00+08:00",  # "14:00 – 16:30 SGT (UTC+8)"
        "end": "2027-01-20T16:30+08:00",
        "place": "Asia-Pacific Security Forum, 30 Orchard Road, Singapore, and online",
        "register": "https://www.eventbrite.sg/e/future-of-nuclear-arms-control-in-asia-tickets-98765432101",
    }
    assert any(n.startswith("event: read from the page's text") for n in draft.review)
    draft.write(content_tree.root)
    (article,) = load_content(content_tree.root).articles
    assert article.event is not None and article.event.form is not None
    # a page outside the site's events, with a "Date:" line, stays a commentary, unless its
    # headline announces an event ("Roundtable: …")
    elsewhere = re.sub(r"/events/2027/", "/analysis/2027/", html)
    announced = import_page(elsewhere, source="e.html", page_url="https://www.apsforum.org/analysis/x/",
                            site_name="C", today=date(2026, 12, 1)).draft  # fmt: skip
    assert announced.kind == "event" and announced.event["start"] == "2027-01-20T14:00+08:00"
    plain = elsewhere.replace("Roundtable: The Future", "The Future")
    other = import_page(plain, source="e.html", page_url="https://www.apsforum.org/analysis/x/",
                        site_name="C", today=date(2026, 12, 1)).draft  # fmt: skip
    assert other.kind is None and other.event == {}


@pytest.mark.parametrize(
    ("text", "times"),
    [("10:00 AM – 11:30 AM EDT", ("2026-04-16T10:00-04:00", "2026-04-16T11:30-04:00")),
     ("10 – 11:30 am ET", ("2026-04-16T10:00-04:00", "2026-04-16T11:30-04:00")),
     ("2:00 p.m. EST", ("2026-04-16T14:00-04:00", None)),  # New York's offset on the day
     ("14.00–15.30 Uhr MEZ", ("2026-04-16T14:00+02:00", "2026-04-16T15:30+02:00")),
     ("14h00 - 16h00 (UTC+1)", ("2026-04-16T14:00+01:00", "2026-04-16T16:00+01:00")),
     ("22:00 – 01:00 JST", ("2026-04-16T22:00+09:00", "2026-04-17T01:00+09:00")),
     ("From 9:30 to 11:00 GMT", ("2026-04-16T09:30+00:00", "2026-04-16T11:00+00:00")),
     ("14:00 – 15:30", None), ("10:00-12:00 CST", None), ("2026 EDT", None),
     ("13:00 IST", None)],
)  # fmt: skip
def test_an_events_time_is_read_with_its_zone_on_its_day(text, times):
    from datetime import date

    from pipeline.importers.event_times import clock_times

    assert clock_times(date(2026, 4, 16), text) == times


def test_a_drupal_event_pages_labelled_fields_and_marked_times(content_tree: ContentTree):
    """Drupal's event fields: a `field__label` ("Date", "Venue") over its value, the date
    marked with `<time datetime>`; a listed other event's date is none of them."""
    html = (FIXTURES / "drupal10-event.html").read_text(encoding="utf-8")
    url = ("https://www.baltic-security-forum.eu/events/verification-after-new-start-what-can-"
           "replace-inspections")  # fmt: skip
    draft = import_page(html, source="e.html", page_url=url, site_name="C",
                        today=date(2026, 12, 1)).draft  # fmt: skip
    assert draft.kind == "event"
    assert draft.event == {
        "start": "2027-01-21T12:00:00+00:00", "end": "2027-01-21T13:30:00+00:00",
        "place": "Latvian National Library, Conference Hall 2, Mūkusalas iela 3, Riga",
        "register": "https://forms.baltic-security-forum.eu/register/verification-after-new-start",
    }  # fmt: skip
    draft.write(content_tree.root)
    (article,) = load_content(content_tree.root).articles
    assert article.event is not None and article.event.form is not None


_MEC_TEXT = "".join(
    f"<p>Paragraph {n}: three years after the last declared stockpile was destroyed, the "
    "Convention faces a different task: verifying that no new weapons are made.</p>"
    for n in range(3)
)


def _calendar_page(published: str) -> str:
    """A Modern Events Calendar page: each field a heading over a `<dl>`, no event data."""
    return f"""<!DOCTYPE html><html lang="en"><head><title>The CWC at 30</title>
    <link rel="canonical" href="https://cesf.example.org/events/cwc-at-30/">
    <meta property="article:published_time" content="{published}T09:00:00+00:00"></head><body>
    <section class="mec-container"><div class="col-md-8"><h1>The CWC at 30</h1>{_MEC_TEXT}</div>
    <div class="col-md-4"><div class="mec-single-event-date"><h3 class="mec-date">Date</h3>
      <dl><dd><abbr><span itemprop="startDate">Jan 27 2027</span></abbr></dd></dl></div>
    <div class="mec-single-event-time"><h3 class="mec-time">Time</h3><i></i>
      <dl><dd><abbr>3:00 pm - 4:30 pm CET</abbr></dd></dl></div>
    <div class="mec-single-event-location"><h3 class="mec-location">Location</h3>
      <dl><dd class="author fn org">Palais Niederösterreich</dd>
      <dd class="location"><address>Herrengasse 13, 1010 Vienna, Austria</address></dd></dl></div>
    <div class="widget"><h4>Upcoming events</h4><ul><li><a href="/e/2">The Black Sea</a></li></ul>
    </div></div></section></body></html>"""


def test_a_calendar_plugins_fields_under_their_headings_make_the_event() -> None:
    draft = import_page(_calendar_page("2026-11-20"), source="e.html", page_url=None,
                        site_name="CESF", today=date(2026, 12, 1)).draft  # fmt: skip
    assert draft.kind == "event"
    assert draft.event == {
        "start": "2027-01-27T15:00+01:00",
        "end": "2027-01-27T16:30+01:00",
        "place": "Palais Niederösterreich, Herrengasse 13, 1010 Vienna, Austria",
    }
    assert draft.authors == []  # the venue's hCard names no author


def test_an_event_over_before_the_page_was_published_is_a_report_of_it() -> None:
    draft = import_page(_calendar_page("2027-02-03"), source="e.html", page_url=None,
                        site_name="CESF", today=date(2027, 2, 5)).draft  # fmt: skip
    assert (draft.kind, draft.event) == (None, {})
    assert any("before its publication (2027-02-03): a report of it" in n for n in draft.review)
    assert not any(n.startswith("event: read from the page") for n in draft.review)
