"""Inline display in notebooks: the iframe, its escaping, and the HTML summaries."""
from dataclasses import replace
from html.parser import HTMLParser

import pandas as pd
import pytest
from click.testing import CliRunner

import relgraph
from helpers import ENTITIES, make_dataset, page_json
from relgraph.cli import main
from relgraph.notebook import DEFAULT_HEIGHT

HOSTILE = '<img src=x onerror=alert(1)> "quoted" & \'single\''


class Tags(HTMLParser):
    """Every start tag of a fragment, with its attributes unescaped as a browser would."""

    def __init__(self, markup):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


class Cells(HTMLParser):
    """The rows of an HTML table as lists of cell texts (header row first)."""

    def __init__(self, markup):
        super().__init__(convert_charrefs=True)
        self.rows, self._cell = [], None
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = ""

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.rows[-1].append(self._cell)
            self._cell = None


def only_iframe(markup):
    tags = Tags(markup).tags
    assert [t for t, _ in tags] == ["iframe"]
    return tags[0][1]


@pytest.fixture
def hostile(tmp_path):
    data = make_dataset(tmp_path, entities__csv=ENTITIES.replace("Tehrik-i-Taliban Pakistan",
                                                                 '"' + HOSTILE.replace('"', '""') + '"'))
    return relgraph.load(data)


def test_srcdoc_is_the_rendered_page(hostile):
    attrs = only_iframe(hostile.show()._repr_html_())
    assert attrs["srcdoc"] == hostile.to_html()
    assert attrs["sandbox"] == "allow-scripts allow-popups allow-popups-to-escape-sandbox allow-downloads"


def test_srcdoc_escapes_every_quote_and_bracket(hostile):
    markup = hostile.show()._repr_html_()
    raw = markup.split('srcdoc="', 1)[1].split('" sandbox=', 1)[0]
    # Nothing in the attribute can end it or open a tag; the browser unescapes it back to the page.
    assert "<" not in raw and '"' not in raw and len(raw) > len(hostile.to_html())


@pytest.mark.parametrize("args, options", [
    (["--title", "Mine <b>&</b>", "--no-physics"], {"title": "Mine <b>&</b>", "physics": False}),
    (["--as-of", "2024-11-25", "--relation", "attack", "--relation", "sanctuary", "--kind", "armed_group"],
     {"as_of": "2024-11-25", "relation": ["attack", "sanctuary"], "kind": ["armed_group"]}),
    (["--focus", "ttp", "--depth", "2"], {"focus": "ttp", "depth": 2}),
])
def test_page_is_what_relgraph_render_writes(tmp_path, args, options):
    out = tmp_path / "page.html"
    r = CliRunner().invoke(main, ["render", "-o", str(out), *args])
    assert r.exit_code == 0, r.output
    view = relgraph.show(**options)
    assert only_iframe(view._repr_html_())["srcdoc"].encode("utf-8") == out.read_bytes()


def test_focus_shows_only_the_ego_network(tiny):
    assert relgraph.show(tiny, focus="usa").page == tiny.ego("usa").to_html(focus="usa")
    assert page_json(tiny.show(focus="usa").page)["entities"]["id"] == ["usa"]
    with pytest.raises(relgraph.OptionError, match=r"Dataset.show\(\): focus: unknown entity 'ussa'; did you mean"):
        tiny.show(focus="ussa")


def test_show_accepts_a_dataset_a_folder_or_nothing(tmp_path):
    data = make_dataset(tmp_path)
    assert relgraph.show(data).page == relgraph.show(relgraph.load(data)).page == relgraph.load(data).to_html()
    assert relgraph.show().page == relgraph.load().to_html()
    with pytest.raises(TypeError, match=r"relgraph.show\(\): expected a Dataset, a dataset folder"):
        relgraph.show(123)


def test_show_writes_nothing_and_prints_nothing(tmp_path, monkeypatch, capsys):
    data = make_dataset(tmp_path / "in")
    monkeypatch.chdir(tmp_path)
    before = sorted(tmp_path.rglob("*"))
    relgraph.load(data).show()._repr_html_()
    assert sorted(tmp_path.rglob("*")) == before
    assert capsys.readouterr() == ("", "")


def test_height_default_and_option(tiny):
    ds = tiny
    assert f"height:{DEFAULT_HEIGHT}px" in only_iframe(ds.show()._repr_html_())["style"]
    assert "height:350px" in only_iframe(ds.show(height=350)._repr_html_())["style"]
    for bad in (0, -5, "600px", True, 1.5):
        with pytest.raises(ValueError, match="height"):
            ds.show(height=bad)


def test_iframe_title_is_the_page_title_escaped(hostile):
    assert only_iframe(hostile.show(title=HOSTILE)._repr_html_())["title"] == HOSTILE
    assert only_iframe(hostile.show()._repr_html_())["title"] == hostile.name


def test_dataset_html_counts_and_escapes(tiny):
    ds = replace(tiny, name=HOSTILE)
    markup = ds._repr_html_()
    assert "<img" not in markup and "&lt;img src=x onerror=alert(1)&gt;" in markup
    text = markup.replace("&amp;", "&")
    assert "entities: 6 (state 3, armed_group 1, government 1, political_movement 1)" in text
    assert "relations: 7 (7 types)" in text
    assert "by status: reported 5, alleged 2" in text
    assert "dates: 2003-02-14 to 2025-07-03" in text
    rows = Cells(markup).rows
    assert rows[0] == ["id", "source", "relation", "target", "start", "end", "status", "claimed_by"]
    assert [r[0] for r in rows[1:]] == ["r1", "r2", "r3", "r4", "r5"]  # the first five


def test_validation_error_html_lists_every_problem_escaped(tiny):
    ent = tiny.entities.copy()
    ent.loc[0, "kind"] = HOSTILE
    rel = tiny.relations.copy()
    rel.loc[0, "source"] = "nobody"
    rel.loc[1, "start"] = "2024-13"
    with pytest.raises(relgraph.ValidationError) as info:
        relgraph.from_frames(ent, rel, tiny.relation_types, tiny.sources, texts=tiny.texts)
    err = info.value
    markup = err._repr_html_()
    assert "<img" not in markup
    assert f"{len(err.issues)} problem" in markup
    codes = pd.Series([i.code for i in err.issues]).value_counts()
    for code, n in codes.items():
        assert f"{code} {n}" in markup
    rows = Cells(markup).rows
    assert rows[0] == ["file", "row", "column", "value", "code", "message"]
    assert [(r[1], r[2], r[4]) for r in rows[1:]] == \
        [("" if i.row is None else str(i.row), i.column or "", i.code) for i in err.issues]
    assert HOSTILE in [r[3] for r in rows[1:]]


def test_two_inline_pages_in_one_notebook_do_not_interfere(browser, tmp_path):
    big, small = relgraph.load(), relgraph.load(make_dataset(tmp_path))
    notebook = ("<!DOCTYPE html><html><body>"
                + big.show(title="First graph", height=400)._repr_html_()
                + small.show(title="Second graph", height=300)._repr_html_()
                + "</body></html>")
    page = browser.new_page()
    errors, requests = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.set_content(notebook)
        frames = [f for f in page.frames if f is not page.main_frame]
        assert len(frames) == 2
        for frame in frames:
            frame.wait_for_function("window.relgraph !== undefined")
        by_title = {f.evaluate("document.title"): f for f in frames}
        first, second = by_title["First graph"], by_title["Second graph"]
        drawn = "Object.keys(window.relgraph.api.drawn().entities).length"
        assert first.evaluate(drawn) == len(big.entities)
        assert second.evaluate(drawn) == len(small.entities)
        # Each page has its own opaque origin: the notebook cannot reach in, nor can the pages reach each other.
        assert [f.evaluate("window.origin") for f in frames] == ["null", "null"]
        assert page.evaluate("[...document.querySelectorAll('iframe')].map(f => f.contentDocument)") == [None, None]
        details = first.evaluate("document.getElementById('details').textContent")
        second.evaluate("window.relgraph.api.select('ttp')")
        assert "Tehrik-i-Taliban Pakistan" in second.evaluate("document.getElementById('details').textContent")
        assert first.evaluate("document.getElementById('details').textContent") == details
        heights = page.evaluate("[...document.querySelectorAll('iframe')].map(f => f.getBoundingClientRect().height)")
        assert heights == [400, 300]
        assert errors == []
        assert [u for u in requests if not u.startswith(("data:", "about:"))] == []
    finally:
        page.close()


def test_source_links_open_outside_the_inline_page(browser, tmp_path):
    ds = relgraph.load(make_dataset(tmp_path))
    context = browser.new_context()
    # No network: whatever the new tab asks for gets a local stand-in.
    context.route("**/*", lambda route: route.fulfill(body="stand-in", content_type="text/plain"))
    page = context.new_page()
    try:
        page.set_content(ds.show()._repr_html_())
        frame = page.frames[1]
        frame.wait_for_function("window.relgraph !== undefined")
        frame.evaluate("window.relgraph.api.select('r4')")
        with page.expect_popup() as popup:
            frame.locator("#details a", has_text="An article").click()
        tab = popup.value
        tab.wait_for_load_state()
        # An ordinary tab of the source's own origin, not a sandboxed one.
        assert (tab.url, tab.evaluate("window.origin")) == ("https://example.org/article", "https://example.org")
    finally:
        context.close()
