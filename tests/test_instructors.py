"""The instructors' page (/instructors) and the link previews of every page.

The page's links are checked against the lesson pages themselves: the ids in
each registered lesson layout, imported in-process, not the code that made
the links."""

import re
import struct
from html.parser import HTMLParser
from pathlib import Path

import dash
import pytest
import requests
from dash.development.base_component import Component
from pagekit import LESSONS, serious_violations
from playwright.sync_api import expect

from gotchas.content.lessons import LessonError
from gotchas.content.workshops import WORKSHOPS_FILE, load_workshops

ROOT = Path(__file__).resolve().parent.parent
# The short forms a lesson page resolves itself (assets/50-lesson-page.js).
ALIASES = {"broken": "example-broken", "fixed": "example-fixed"}


def ids_in(component):
    found = set()
    stack = [component]
    while stack:
        item = stack.pop()
        if isinstance(item, list | tuple):
            stack.extend(item)
        elif isinstance(item, Component):
            if isinstance(getattr(item, "id", None), str):
                found.add(item.id)
            stack.append(getattr(item, "children", None))
    return found


def section_ids(component):
    """Ids of the lesson's own headings (h2/h3 with a link anchor), as the page has them."""
    found, stack = [], [component]
    while stack:
        item = stack.pop()
        if isinstance(item, list | tuple):
            stack.extend(reversed(item))
        elif isinstance(item, Component):
            children = getattr(item, "children", None)
            children = children if isinstance(children, list) else []
            if isinstance(item, dash.html.H2 | dash.html.H3) and any(
                isinstance(c, dash.html.A) and "heading-anchor" in (c.className or "")
                for c in children
            ):
                found.append(item.id)
            stack.append(getattr(item, "children", None))
    return found


@pytest.mark.browser
def test_the_page_has_both_plans_every_lesson_s_links_copy_and_axe_passes(page, site, site_app):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site + "/instructors")
    expect(page.locator("#main h1")).to_have_text("For instructors")

    for workshop in load_workshops(LESSONS):
        plan = page.locator(f"#{workshop.anchor}-plan")
        expect(page.locator(f"h2#{workshop.anchor}")).to_have_text(re.compile(workshop.title))
        expect(plan.locator(".plan-block")).to_have_count(len(workshop.blocks))
        hrefs = plan.locator("h3 a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        assert hrefs == [block.lesson.url for block in workshop.blocks if block.lesson]
        assert sum(block.minutes for block in workshop.blocks) == workshop.minutes
        expect(plan.locator(".plan-block").last.locator(".plan-when")).to_contain_text(
            f"{workshop.minutes // 60}:{workshop.minutes % 60:02d}"
        )

    registry = {entry["path"]: entry for entry in dash.page_registry.values()}
    blocks = page.eval_on_selector_all(
        ".lesson-links",
        """els => Object.fromEntries(els.map(el => [el.id,
               [...el.querySelectorAll('a')].map(a => a.getAttribute('href'))]))""",
    )
    assert sorted(blocks) == sorted(f"links-{lesson.slug}" for lesson in LESSONS)
    for lesson in LESSONS:
        hrefs = blocks[f"links-{lesson.slug}"]
        layout = registry[lesson.url]["layout"]
        ids = ids_in(layout)
        anchors = {href.split("#", 1)[1] for href in hrefs if "#" in href}
        assert {href.split("#")[0] for href in hrefs if "#" in href} == {lesson.url}
        missing = {a for a in anchors if ALIASES.get(a, a) not in ids}
        assert missing == set(), lesson.slug
        # Every section, the pair's short forms, every example card and full-screen page,
        # and the error decoder's page of each message the lesson explains.
        expected = {"try-it", *section_ids(layout), "broken", "fixed"}
        expected |= {f"example-{e.name}" for e in lesson.examples}
        if len(lesson.examples) > 2:
            expected.add("more-to-try")
        assert anchors == expected, lesson.slug
        decoder = {h for h in hrefs if h.startswith("/errors/")}
        assert decoder == {f"/errors/{error.id}" for error in lesson.errors}
        assert all(url in registry for url in decoder)
        full_screen = {h for h in hrefs if "#" not in h and h != lesson.url} - decoder
        assert full_screen == {e.page_url for e in lesson.examples}
        assert all(url in registry for url in full_screen)
    script = (ROOT / "assets" / "50-lesson-page.js").read_text(encoding="utf-8")
    assert 'ALIASES = {broken: "example-broken", fixed: "example-fixed"}' in script

    # Copy gives the whole address, as this browser reached the site.
    block = page.locator("#links-duplicate-outputs")
    block.locator("summary").click()
    button = block.get_by_role("button", name=re.compile(r"^Copy the link: broken\.py, card"))
    button.click()
    expect(button).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"{site}/lessons/duplicate-outputs#example-broken"

    # axe once, on a phone: the same page, and its wide parts there scroll sideways.
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert serious_violations(page) == []


class Metas(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and "content" in attrs:
            self.found[attrs.get("property") or attrs.get("name")] = attrs["content"]


def previews(url, **headers):
    answer = requests.get(url, headers=headers, timeout=30)
    assert answer.status_code == 200
    parser = Metas()
    parser.feed(answer.text)
    return parser.found


def jpeg_size(data):
    """(width, height) from a JPEG's start-of-frame segment."""
    position = 2
    while position < len(data):
        marker, length = struct.unpack(">HH", data[position : position + 4])
        if marker in (0xFFC0, 0xFFC1, 0xFFC2):
            height, width = struct.unpack(">HH", data[position + 5 : position + 9])
            return width, height
        position += 2 + length
    return None


def test_every_page_previews_with_its_title_summary_and_picture(site):
    pages = [(f"{x.title} · Callback Gotchas", x.summary, x.url, x.slug) for x in LESSONS]
    pages += [("Callback Gotchas", None, "/", "home")]
    pages += [("For instructors · Callback Gotchas", None, "/instructors", "instructors")]
    for title, summary, path, picture in pages:
        metas = previews(site + path)
        assert metas["og:title"] == metas["twitter:title"] == title
        assert metas["og:description"] == metas["twitter:description"] == metas["description"]
        assert metas["og:description"] == summary if summary else len(metas["description"]) > 40
        image = f"{site}/assets/og/{picture}.jpg"
        assert metas["og:image"] == metas["twitter:image"] == image
        assert metas["twitter:card"] == "summary_large_image"
        answer = requests.get(image, timeout=30)
        assert answer.status_code == 200
        assert answer.headers["Content-Type"] == "image/jpeg"
        assert jpeg_size(answer.content) == (1200, 630)
        assert len(answer.content) < 150_000

    # Behind a proxy the picture's address is the public one (PROXY_HOPS, ProxyFix).
    metas = previews(
        site + LESSONS[0].url,
        **{"X-Forwarded-Proto": "https", "X-Forwarded-Host": "gotchas.example.org"},
    )
    assert metas["og:image"] == f"https://gotchas.example.org/assets/og/{LESSONS[0].slug}.jpg"


def test_a_plan_names_real_lessons_and_adds_up(tmp_path):
    text = WORKSHOPS_FILE.read_text(encoding="utf-8")
    bad_slug = tmp_path / "slug.yaml"
    bad_slug.write_text(text.replace("lesson: which-input", "lesson: which-inputs"))
    with pytest.raises(LessonError, match=r"slug\.yaml: field '\[0\]\.blocks\[3\]'"):
        load_workshops(LESSONS, bad_slug)
    bad_sum = tmp_path / "sum.yaml"
    bad_sum.write_text(text.replace("minutes: 60\n", "minutes: 65\n", 1))
    with pytest.raises(LessonError, match="add up to 60, not 65"):
        load_workshops(LESSONS, bad_sum)
