"""Accessibility: axe-core finds no serious or critical violation on the default, diff, WebGL and camps pages (wide and
on a phone, with details, search results, the filters panel and an invalid date showing); every control is
labelled, reachable and operable by keyboard, with a visible focus."""
import pytest

import relgraph

SEVERE = {"serious", "critical"}


def severe(violations) -> list:
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:5]) for v in violations if v["impact"] in SEVERE]


def busy(page, viewport):
    """The page with most of its parts showing: details, search results, an invalid date, the filters."""
    page.evaluate("window.relgraph.api.select('r021')" if "r021" in page.data["relations"]["id"] else
                  "window.relgraph.api.select(window.relgraph.api.visible().relations[0])")
    if viewport[0] < 700:
        page.click("#toggle-legend")
    page.fill("#search", "tal")
    page.fill("#as-of", "2024-13")
    page.keyboard.press("Enter")


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    ds = relgraph.load()
    return {"default": ds.to_html(), "webgl": ds.to_html(renderer="webgl"), "camps": ds.to_html(color_by="camp"),
            "diff": relgraph.diff(ds.snapshot("2024-11-25"), ds.snapshot("2025-07-31")).to_html()}


@pytest.mark.parametrize("viewport", [(1440, 900), (390, 844)])
@pytest.mark.parametrize("name", ["default", "diff", "webgl", "camps"])
def test_no_serious_or_critical_violation(open_page, axe, pages, name, viewport):
    page = open_page(pages[name], viewport=viewport)
    assert severe(axe(page)) == []
    busy(page, viewport)
    assert severe(axe(page)) == []


def tabbable(page) -> list[str]:
    """Every element that Tab should reach (enabled, shown, not taken out of the order), each given a name."""
    return page.evaluate("""[...document.querySelectorAll('button, input, a[href], [tabindex="0"]')]
        .filter(e => !e.disabled && e.tabIndex >= 0 && e.offsetParent !== null &&
                     getComputedStyle(e).visibility !== 'hidden')
        .map((e, n) => e.dataset.walk = e.dataset.walk || 'e' + n)""")


def focus_walk(page, limit=600) -> list[dict]:
    """Tab through the page until focus comes round again: each element reached (by the name tabbable() gave
    it), with its focus style."""
    tabbable(page)
    seen, keys = [], set()
    for _ in range(limit):
        page.keyboard.press("Tab")
        here = page.evaluate("""(() => { const e = document.activeElement, s = getComputedStyle(e);
            return {key: e === document.body ? null : e.dataset.walk || e.id || e.outerHTML.slice(0, 80),
                    graph: e.getAttribute('role') === 'application',
                    outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1,
                    shadow: s.boxShadow !== 'none'}; })()""")
        if here["key"] is None:  # out of the page: the next Tab comes back in at the top
            continue
        if here["key"] in keys:
            break
        keys.add(here["key"])
        seen.append(here)
    return seen


@pytest.mark.parametrize("renderer", ["vis", "webgl"])
@pytest.mark.parametrize("viewport", [(1440, 900), (390, 844)])
def test_every_control_is_reachable_by_keyboard_with_a_visible_focus(open_page, viewport, renderer):
    page = open_page(relgraph.load(), viewport=viewport, renderer=renderer)
    if viewport[0] < 700:
        page.click("#toggle-legend")
    walk = focus_walk(page)
    reached = [w["key"] for w in walk]
    assert set(tabbable(page)) <= set(reached)
    assert any(w["graph"] for w in walk)  # the canvas takes focus: arrow keys pan it
    assert [w["key"] for w in walk if not (w["outline"] or w["shadow"])] == []


def test_controls_work_from_the_keyboard(open_page):
    page = open_page(relgraph.load(), viewport=(390, 844))
    page.focus("#toggle-legend")
    page.keyboard.press("Enter")
    assert page.locator("#controls").is_visible()
    page.focus('#filter-types input[value="attack"]')
    page.keyboard.press("Space")
    assert page.evaluate("window.relgraph.api.state()")["filters"]["types"]["attack"] is False
    page.keyboard.press("Escape")
    assert page.locator("#controls").is_hidden()
    assert page.evaluate("document.activeElement.id") == "toggle-legend"  # focus goes back where it came from
    page.focus("#date-slider")
    page.keyboard.press("End")
    assert page.evaluate("window.relgraph.api.state()")["asOf"] == page.data["dates"][-1]
    page.focus("[role=application]")
    before = page.evaluate("window.relgraph.api.drawn().entities.pakistan")
    page.keyboard.down("ArrowLeft")
    page.wait_for_function("x => window.relgraph.api.drawn().entities.pakistan.x !== x", arg=before["x"])
    page.keyboard.up("ArrowLeft")


@pytest.mark.parametrize("viewport", [(1440, 900), (390, 844)])
def test_the_table_view_has_no_serious_or_critical_violation(open_page, axe, pages, viewport):
    page = open_page(pages["default"], viewport=viewport)
    page.click("#tab-table")
    page.evaluate("window.relgraph.api.select('r021')")
    assert severe(axe(page)) == []
    walk = [w["key"] for w in focus_walk(page)]
    assert set(tabbable(page)) <= set(walk)
