"""Every lesson page works as a lesson: steps beside the pair, frames that fit their
app, Dash's message readable, links to every section and example, prev/next,
tabs on a phone, axe-core clean, and reachable by keyboard."""

import re

import pytest
from lessonkit import SITE_ERRORS_SCRIPT, site_errors
from pagekit import (
    FRAMES,
    LESSONS,
    SAMPLE,
    SLUGS,
    box,
    pair_frames,
    serious_violations,
    settled_frames,
)
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
BY_SLUG = {lesson.slug: lesson for lesson in LESSONS}
# The Dash message each lesson is about, and the click that makes the broken example say it.
MESSAGES = {
    "duplicate-outputs": (None, "Duplicate callback outputs: In the callback for output(s):"),
    "layout-validation": (None, "ID not found in layout: Attempting to connect a callback"),
    "missing-inputs": (None, "A nonexistent object was used in an `Input` of a Dash callback."),
    "callback-signatures": ("Say hello", "SchemaTypeValidationError: Schema: [<Output"),
}


def visit(page, site, slug, width, height=800, hash=""):
    page.set_viewport_size({"width": width, "height": height})
    page.add_init_script(SITE_ERRORS_SCRIPT)
    page.goto(f"{site}/lessons/{slug}{hash}")
    expect(page.locator("#main h1")).to_be_visible()
    return page


def scrolled_to_top(page, selector):
    """The page scrolls smoothly: wait until the target has arrived near the top."""
    page.wait_for_function(
        "sel => Math.abs(document.querySelector(sel).getBoundingClientRect().top) < 40",
        arg=selector,
        timeout=10_000,
    )


def document_height(frame_element):
    frame = frame_element.element_handle().content_frame()
    return frame.evaluate("document.documentElement.getBoundingClientRect().height")


def newest_line(page, role):
    timeline = page.locator(f"#example-{role} .sb-timeline")
    expect(timeline.locator("li, p").first).to_be_attached()
    return timeline.locator(":scope > ol > li, :scope > p").last


@pytest.mark.parametrize("slug", SLUGS)
def test_one_screen_holds_the_steps_and_the_pair_axe_passes_and_every_frame_fits(page, site, slug):
    visit(page, site, slug, 1280)
    settled_frames(page, f"#pair {FRAMES}")
    page.wait_for_timeout(600)  # the sandbox draws when the page is idle
    page.locator("#pair").evaluate("el => el.scrollIntoView({block: 'start'})")
    parts = {"steps": page.locator(".try-it")}
    for role, frame in zip(("broken", "fixed"), pair_frames(page), strict=True):
        parts[f"{role} frame"] = frame
        parts[f"{role} newest run"] = newest_line(page, role)
    for name, part in parts.items():
        # Not hidden by a scrolled box either: what a learner sees on one screen.
        ratio = 0.9 if name.endswith("run") else 0.99
        expect(part, f"{name} on one 1280x800 screen").to_be_in_viewport(ratio=ratio)
    # The comparison sits right under the pair, the lesson text right after it.
    order = page.evaluate(
        """() => ['#pair-cards', '.sb-compare-box', '.lesson-body'].map(
               sel => document.querySelector(sel).getBoundingClientRect().toJSON())"""
    )
    cards, compare, text = order
    assert cards["bottom"] <= compare["top"] <= cards["bottom"] + 40
    assert compare["bottom"] <= text["top"]
    assert site_errors(page) == []
    # The same page, as loaded, for axe (the phone test checks it at 390 px).
    assert page.evaluate("document.documentElement.lang") == "en"
    assert serious_violations(page) == []
    # Every frame of the page, brought into view, fits its app.
    settled_frames(page)
    for frame_element in page.locator(FRAMES).all():
        document = document_height(frame_element)
        height = frame_element.evaluate("el => el.clientHeight")
        assert abs(height - max(60, document)) <= 4, frame_element.get_attribute("data-src")


def test_a_frame_grows_when_dash_opens_its_message(page, site):
    visit(page, site, "duplicate-outputs", 1280)
    settled_frames(page, f"#pair {FRAMES}")
    frame_element = page.locator(f"#example-broken {FRAMES}")
    before = frame_element.evaluate("el => el.clientHeight")
    frame_element.content_frame.locator(".dash-fe-error-item").click()
    expect(frame_element.content_frame.get_by_text("is already in use")).to_be_visible()
    settled_frames(page, f"#pair {FRAMES}")
    after = frame_element.evaluate("el => el.clientHeight")
    document = document_height(frame_element)
    assert after > before + 40 and abs(after - document) <= 4


@pytest.mark.parametrize("slug", SAMPLE)
def test_headings_anchors_contents_and_neighbours(page, site, slug):
    visit(page, site, slug, 1280)
    headings = page.locator(".lesson h2, .lesson h3").all()
    anchors = []
    for heading in headings:
        if heading.evaluate("el => !!el.closest('.example-card')"):
            continue  # a card's own small headings (Timeline) are not sections
        anchor = heading.get_attribute("id")
        assert anchor, heading.inner_text()
        expect(heading.locator("a.heading-anchor")).to_have_attribute("href", f"#{anchor}")
        anchors.append(anchor)
    assert len(anchors) == len(set(anchors))
    expect(page.locator("nav.toc")).to_be_hidden()  # no room for it at 1280
    page.set_viewport_size({"width": 1440, "height": 900})
    toc = page.get_by_role("navigation", name="On this page")
    expect(toc).to_be_visible()
    listed = [a.get_attribute("href") for a in toc.get_by_role("link").all()]
    sections = [f"#{a}" for a in anchors if page.locator(f"h2#{a}").count()]
    assert listed == sections and listed[0] == "#try-it"
    toc.get_by_role("link").last.click()
    expect(page.locator(listed[-1])).to_be_in_viewport()

    lesson = BY_SLUG[slug]
    index = LESSONS.index(lesson)
    nav = page.get_by_role("navigation", name="Previous and next lesson")
    expected = []
    if index:
        expected.append(("prev", LESSONS[index - 1]))
    if index + 1 < len(LESSONS):
        expected.append(("next", LESSONS[index + 1]))
    links = nav.get_by_role("link")
    expect(links).to_have_count(len(expected))
    for link, (rel, neighbour) in zip(links.all(), expected, strict=True):
        assert link.get_attribute("rel") == rel
        assert link.get_attribute("href") == neighbour.url
        expect(link).to_contain_text(neighbour.title)


@pytest.mark.parametrize("slug", SAMPLE)
def test_links_to_an_example_or_a_section_land_on_it(page, site, slug):
    visit(page, site, slug, 1280, hash="#fixed")
    fixed = page.locator("#example-fixed")
    expect(fixed).to_have_class(re.compile(r"\bis-target\b"))
    scrolled_to_top(page, "#example-fixed")  # after Dash rendered the page

    extra = [e.name for e in BY_SLUG[slug].examples if e.name not in ("broken", "fixed")]
    if extra:
        page.evaluate(f"window.location.hash = '#example-{extra[-1]}'")
        card = page.locator(f"#example-{extra[-1]}")
        expect(card).to_have_class(re.compile(r"\bis-target\b"))
        expect(card).to_be_in_viewport()
    section = page.locator(".lesson-body h2").last.get_attribute("id")
    page.evaluate(f"window.location.hash = '#{section}'")
    scrolled_to_top(page, f"#{section}")


@pytest.mark.parametrize("slug", sorted(MESSAGES))
def test_dash_s_message_is_readable_beside_the_frame(page, site, slug):
    click, message = MESSAGES[slug]
    visit(page, site, slug, 1024, 768)
    settled_frames(page, f"#pair {FRAMES}")
    broken = page.locator(f"#example-broken {FRAMES}").content_frame
    if click:
        broken.get_by_role("button", name=click).click()
    says = page.locator("#example-broken .sb-says")
    for width in (1024, 1280, 1440):
        page.set_viewport_size({"width": width, "height": 800})
        settled_frames(page, f"#pair {FRAMES}")
        expect(says).to_contain_text(message)
        says.scroll_into_view_if_needed()
        # Sub-pixel layout can leave a fraction of a pixel outside.
        expect(says).to_be_in_viewport(ratio=0.99)
        clipped = says.evaluate(
            """el => [...el.querySelectorAll('.sb-says-text')].some(
                   t => t.scrollWidth > t.clientWidth + 1 || t.scrollHeight > t.clientHeight + 1)"""
        )
        assert not clipped, width
        # Nothing Dash draws covers a control of the app.
        covered = broken.locator("#_dash-app-content").evaluate(
            """app => [...app.querySelectorAll('button, input, label, a')]
                .filter(el => el.getClientRects().length)
                .filter(el => {
                    const r = el.getBoundingClientRect();
                    const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
                    return hit && !el.contains(hit) && !hit.contains(el);
                }).map(el => el.outerHTML.slice(0, 80))"""
        )
        assert covered == [], width


def test_the_sidebar_keeps_titles_on_one_line(page, site):
    visit(page, site, SLUGS[0], 1280)
    links = page.locator(".site-sidebar .nav-link")
    expect(links.first).to_be_visible()
    wrapped = [
        link.inner_text()
        for link in links.all()
        if len(link.inner_text()) <= 36 and box(link)["height"] > 30
    ]
    assert wrapped == []


@pytest.mark.parametrize("slug", SAMPLE)
def test_on_a_phone_the_pair_is_two_tabs_and_the_menu_closes(page, site, slug):
    visit(page, site, slug, 390, 844)
    tabs = page.get_by_role("tablist", name="Show the broken or the fixed example")
    expect(tabs).to_be_visible()
    broken, fixed = page.locator("#example-broken"), page.locator("#example-fixed")
    expect(broken).to_be_visible()
    expect(fixed).to_be_hidden()
    tabs.get_by_role("tab", name="Fixed").click()
    expect(fixed).to_be_visible()
    expect(broken).to_be_hidden()
    expect(tabs.get_by_role("tab", name="Fixed")).to_have_attribute("aria-selected", "true")
    tabs.get_by_role("tab", name="Fixed").press("ArrowLeft")
    expect(broken).to_be_visible()
    # The text never points at a place the phone does not have.
    text = page.locator(".lesson").inner_text()
    assert not re.search(r"\b(on the left|on the right|side by side)\b", text, re.IGNORECASE)
    assert serious_violations(page) == []

    page.get_by_role("button", name="Toggle navigation").click()
    menu = page.locator("#navbar-lessons")
    expect(menu).to_be_visible()
    other = next(lesson for lesson in LESSONS if lesson.slug != slug)
    menu.get_by_role("link", name=other.title).click()
    expect(page).to_have_url(re.compile(re.escape(other.url) + "$"))
    expect(page.locator("#main h1")).to_have_text(other.title)
    expect(menu).to_be_hidden()


# Lesson pages are checked by the one-screen (1280 px) and phone (390 px) tests.
@pytest.mark.parametrize("path", ["/", "/no-such-page"])
def test_axe_finds_nothing_serious(page, site, path):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site + path)
    expect(page.locator("#main h1")).to_be_visible()
    assert page.evaluate("document.documentElement.lang") == "en"
    assert serious_violations(page) == []
    page.set_viewport_size({"width": 390, "height": 844})
    assert serious_violations(page) == []


def test_home_says_where_to_start(page, site):
    page.goto(site + "/")
    start = page.get_by_role("link", name=re.compile("^Start here"))
    expect(start).to_have_attribute("href", LESSONS[0].url)


FOCUS = """() => {
  let el = document.activeElement, where = 'page';
  while (el && el.tagName === 'IFRAME' && el.contentDocument) {
    where = el.getAttribute('data-src');
    el = el.contentDocument.activeElement;
  }
  if (!el) return null;
  const style = el.ownerDocument.defaultView.getComputedStyle(el);
  const visible = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
    || style.boxShadow !== 'none';
  return {where, tag: el.tagName, text: (el.innerText || el.value || el.getAttribute('aria-label')
    || '').trim().slice(0, 40), cls: String(el.className), rel: el.getAttribute('rel'), visible};
}"""


@pytest.mark.parametrize("slug", SAMPLE)
def test_the_keyboard_reaches_examples_sandbox_and_neighbours(page, site, slug):
    visit(page, site, slug, 1280)
    settled_frames(page, f"#pair {FRAMES}")
    lesson = BY_SLUG[slug]
    goals = {
        "broken app": lambda f: (
            f["where"] == lesson.example("broken").url and f["tag"] in ("BUTTON", "INPUT")
        ),
        "fixed app": lambda f: (
            f["where"] == lesson.example("fixed").url and f["tag"] in ("BUTTON", "INPUT")
        ),
        "sandbox": lambda f: f["where"] == "page" and f["text"] == "Clear",
        "neighbours": lambda f: f["where"] == "page" and f["rel"] in ("prev", "next"),
    }
    reached, invisible = {}, []
    page.locator("body").click(position={"x": 5, "y": 5})
    for _ in range(600):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS)
        if not focus:
            continue
        for goal, test in goals.items():
            if goal not in reached and test(focus):
                reached[goal] = focus
                if not focus["visible"]:
                    invisible.append(focus)
        if len(reached) == len(goals):
            break
    assert sorted(reached) == sorted(goals)
    assert invisible == []
