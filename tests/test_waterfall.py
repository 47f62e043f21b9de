"""The picture of the firing: the sandbox's waterfall of callback runs (assets/73-waterfall.js).

plotly.js loads only when a learner opens the picture; then one bar per run of the last
interaction, in the timeline's order, with the timeline's statuses, and a chain's links one
after another."""

import re

import pytest
from lessonkit import example, expect_log_count, log_entries, open_lesson, site_errors
from pagekit import serious_violations
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
KEY = "chained-callbacks/broken"
PLOTLY = re.compile(
    r"/_dash-component-suites/plotly/package_data/plotly\.v[0-9_]+m[0-9]+\.min\.js$"
)
CSP_SCRIPT = """
document.addEventListener("securitypolicyviolation", function (e) {
  (window.top.__csp = window.top.__csp || []).push([location.pathname, e.effectiveDirective]);
});
"""
# The last interaction as the timeline lists it: the rows after its last group row.
TIMELINE = """key => {
  const rows = [...document.querySelectorAll(`.sb-timeline[data-example="${key}"] .sb-log > li`)];
  const groups = rows.filter(r => r.classList.contains('fire-group'));
  const last = rows.slice(rows.indexOf(groups[groups.length - 1]) + 1);
  return {group: groups[groups.length - 1].textContent, runs: last
    .filter(r => r.classList.contains('fire-entry'))
    .map(r => [Number(r.querySelector('.fire-seq').textContent), r.dataset.callback,
               r.querySelector('.fire-status .badge').textContent])};
}"""
# The last interaction as the picture draws it: its header row, and the bars below it, top down.
PICTURE = """key => {
  const plot = document.querySelector(`.sb-picture-plot[data-example="${key}"]`);
  const rows = plot.layout.yaxis.categoryarray;
  const head = rows.filter(r => r.startsWith('<b>')).pop();
  const bars = [];
  plot.data.filter(t => t.type === 'bar').forEach(t => t.y.forEach((row, i) => bars.push({
    row: row, seq: t.customdata[i][0], status: t.name, label: t.text[i],
    start: t.customdata[i][2], end: t.customdata[i][3], drawn: [t.base[i], t.base[i] + t.x[i]]})));
  const action = plot.data.filter(t => t.name === 'your action')[0];
  return {head: head, action: action.x[action.y.indexOf(head)],
          bars: rows.slice(rows.indexOf(head) + 1).map(row => bars.find(b => b.row === row))};
}"""

DRAWN = """key => document.querySelector(`.sb-picture-plot[data-example="${key}"]`).data
  .filter(t => t.type === 'bar').flatMap(t => t.text)"""


def picture(page):
    return page.evaluate(PICTURE, KEY)


def expect_picture_of_last_interaction(page):
    timeline = page.evaluate(TIMELINE, KEY)
    shown = picture(page)
    assert timeline["group"].startswith(re.sub("<.*?>", "", shown["head"]) + ": ")
    bars = shown["bars"]
    assert [[b["seq"], b["row"].split(" ", 1)[1], b["status"]] for b in bars] == timeline["runs"]
    # The status is written on each bar, not told by its colour alone.
    assert [b["label"] for b in bars] == [b["status"] for b in bars]
    # A bar spans its run (a quick one is drawn wider than it took, to stay visible).
    for bar in bars:
        assert bar["drawn"][0] == bar["start"] and bar["drawn"][1] >= bar["end"], bar
    # Each link's request leaves after the action, and after the link before it answered.
    assert shown["action"] <= bars[0]["start"], shown
    for before, after in zip(bars, bars[1:], strict=False):
        assert before["start"] < before["end"] <= after["start"] < after["end"], shown
    return bars


def test_the_picture_loads_plotly_on_demand_and_draws_the_timeline(page, site):
    plotly_requests = []
    page.on("request", lambda r: "plotly" in r.url and plotly_requests.append(r.url))
    page.add_init_script(CSP_SCRIPT)
    open_lesson(page, site, "chained-callbacks")
    frame = example(page, KEY)
    tickets = frame.get_by_role("textbox", name="Tickets")
    expect_log_count(page, KEY, 3)
    tickets.fill("five")
    expect_log_count(page, KEY, 5)
    log_entries(page, KEY)  # settled: nothing more comes
    assert plotly_requests == []

    details = page.locator(f'.sb-picture[data-example="{KEY}"]')
    with page.expect_response(PLOTLY) as answer:
        details.locator("summary").click()
    assert answer.value.status == 200
    assert "max-age=31536000" in answer.value.headers["cache-control"]
    plot = details.locator(".sb-picture-plot")
    expect(plot.locator(".bars .point")).not_to_have_count(0)
    bars = expect_picture_of_last_interaction(page)
    assert [b["status"] for b in bars] == ["updated", "prevented"]
    # What is drawn: a bar for every run shown, each with its status written on it.
    drawn = page.evaluate(DRAWN, KEY)
    expect(plot.locator(".bars .point")).to_have_count(len(drawn))
    assert sorted(plot.locator(".bars .bartext").all_text_contents()) == sorted(drawn)
    key = details.locator(".sb-picture-key li")
    expect(key).to_have_text(["updated", "prevented", "your action"])
    expect(plot).to_have_attribute("aria-label", re.compile(f": {len(drawn)} callback runs;"))

    # Open, it follows the record: a new interaction is drawn as it arrives.
    tickets.fill("6")
    expect_log_count(page, KEY, 8)
    page.wait_for_function(
        """([key, rows]) => document.querySelector(`.sb-picture-plot[data-example="${key}"]`)
                              .layout.yaxis.categoryarray.slice(-3).join() === rows""",
        arg=[KEY, "#6 read_count,#7 compute_price,#8 check_budget"],
    )
    bars = expect_picture_of_last_interaction(page)
    assert [b["status"] for b in bars] == ["updated"] * 3
    assert plotly_requests == [answer.value.url]

    assert serious_violations(page) == []
    assert site_errors(page) == []
    assert page.evaluate("window.__csp || []") == []
