"""The page's images, in headless Chromium: Download SVG and Download PNG of the current view, and printing."""
import io
import re
import xml.etree.ElementTree as ET

import pytest
from PIL import Image

import relgraph
from pagehelpers import ids

SVG_NS = "{http://www.w3.org/2000/svg}"


def downloaded(page, button: str):
    with page.expect_download() as info:
        page.click(button)
    return info.value.suggested_filename, open(info.value.path(), "rb").read()


def svg_texts(data: bytes) -> list[str]:
    root = ET.fromstring(data)
    return [" ".join(t.strip() for t in el.itertext()) for el in root.iter(SVG_NS + "text")]


@pytest.mark.parametrize("renderer", ["vis", "webgl"])
def test_download_svg_and_png_of_the_current_view(open_page, tiny, renderer):
    page = open_page(tiny, renderer=renderer)
    page.fill("#as-of", "2025-07-31")
    page.locator('#filter-types input[value="recognition"]').uncheck()
    snap = tiny.snapshot("2025-07-31")
    shown = ids(snap.entities)
    names = dict(zip(tiny.entities["id"], tiny.entities["name"]))
    name, svg = downloaded(page, "#download-svg")
    assert name == "tiny-2025-07-31.svg"
    lines = svg_texts(svg)
    assert lines[:2] == ["tiny", f"as of 2025-07-31: {len(shown)} entities, {len(snap.relations) - 1} relations"]
    assert {names[e] for e in shown} <= set(lines) and names["usa"] not in lines
    assert "recognises \u2192 (1)" not in lines and "Relation types" in lines  # the legend of what is shown
    assert any(line.startswith("Sources: ") for line in lines) and lines[-1] == "Drawn by relgraph from tiny."
    root = ET.fromstring(svg)
    name, png = downloaded(page, "#download-png")
    assert name == "tiny-2025-07-31.png"
    image = Image.open(io.BytesIO(png))
    image.load()
    assert image.size == (round(2 * float(root.get("width"))), round(2 * float(root.get("height"))))
    assert image.info["Title"] == "tiny"
    assert all(names[e] in image.info["Description"] for e in shown)
    assert image.getpixel((10, 10))[:3] == (255, 255, 255)  # drawn, on white
    assert len(image.convert("RGB").getcolors(maxcolors=1 << 20)) > 20
    assert page.problems == []


def test_the_svg_download_holds_hostile_text_as_text(open_page, tiny):
    from pagehelpers import PAYLOADS, variant
    ent = tiny.entities.assign(name=tiny.entities["name"].where(tiny.entities["id"] != "pak", PAYLOADS[1]))
    page = open_page(variant(tiny, entities=ent), title=PAYLOADS[0])
    name, svg = downloaded(page, "#download-svg")
    assert PAYLOADS[1] in svg_texts(svg) and svg_texts(svg)[0] == PAYLOADS[0]
    root = ET.fromstring(svg)
    assert not [el for el in root.iter() if el.tag.endswith(("script", "img", "image", "foreignObject"))]
    assert not [k for el in root.iter() for k in el.attrib if k.startswith("on")]


def test_printing_gives_the_graph_its_legend_and_sources_on_one_page(open_page):
    page = open_page(relgraph.load())
    page.fill("#as-of", "2024-11-25")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    assert page.locator("#print-view svg").is_visible()
    assert page.locator("#toolbar").is_hidden() and page.locator("#graph").is_hidden()
    sources = page.locator("#print-sources li").all_inner_texts()
    assert "Regional diplomacy on Afghanistan, terrorism and the Taliban (column)" in sources
    assert "Relation types" in page.locator("#print-view svg").text_content()
    pdf = page.pdf()
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
