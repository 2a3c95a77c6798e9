"""The leaders' pages in the browser: the project map and the dashboard printed on one A4 page."""

import io

import pdfplumber
from playwright.sync_api import expect

from lantu.projects.models import Project

# A4 less the 10 mm margins of print.css, in CSS pixels (96 per inch): 190 mm × 277 mm.
A4_WIDTH, A4_HEIGHT = 718, 1047


def test_the_map_draws_the_counties_and_a_click_on_a_point_opens_its_project(page_as, live_server):
    page = page_as("leader")
    page.goto(f"{live_server.url}/projects/map/")
    expect(page.locator("#project-map[data-chart-ready]")).to_have_count(1)
    first = page.evaluate(
        """() => {
          const chart = echarts.getInstanceByDom(document.getElementById('project-map'));
          const option = chart.getOption();
          const points = option.series.flatMap((series, i) => series.data.map((p) => {
            const [x, y] = chart.convertToPixel({seriesIndex: i}, p.value);
            return {key: p.key, x, y};
          }));
          // The point farthest from its nearest neighbour: a click there hits it alone.
          const apart = (p) => Math.min(
            ...points.filter((q) => q !== p).map((q) => Math.hypot(p.x - q.x, p.y - q.y)));
          const best = points.reduce((a, b) => (apart(a) >= apart(b) ? a : b));
          const regions = echarts.getMap(option.geo[0].map).geoJSON.features.length;
          return {...best, regions};
        }"""
    )
    assert first["regions"] == 7  # the prefecture's seven counties and cities
    box = page.locator("#project-map").bounding_box()
    page.mouse.click(box["x"] + first["x"], box["y"] + first["y"])
    page.wait_for_url(f"{live_server.url}/projects/{first['key']}/")
    page.wait_for_load_state("networkidle")
    assert Project.objects.get(pk=first["key"]).name in page.inner_text("h1")


def test_the_map_filters_and_fits_a_phone(page_as, live_server):
    page = page_as("planner")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/projects/map/")
    page.select_option("#id_county", "mulei")
    page.click("#map-filters button[type=submit]")
    page.wait_for_url("**/projects/map/?**county=mulei**")
    expect(page.locator("#project-map[data-chart-ready]")).to_have_count(1)
    codes = page.locator("#map-projects tbody tr").evaluate_all("rows => rows.map(r => r.dataset.project)")
    assert codes and set(codes) <= set(
        Project.objects.filter(county__code="mulei").values_list("code", flat=True)
    )
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_printed_dashboard_is_one_a4_page_with_no_chart_cut_off(page_as, live_server):
    page = page_as("leader")
    expect(page.locator("#county-chart[data-chart-ready]")).to_have_count(1)
    page.emulate_media(media="print")
    page.set_viewport_size({"width": A4_WIDTH, "height": A4_HEIGHT})
    page.wait_for_function(
        "() => { const c = document.querySelector('#county-chart canvas');"
        " return c && Math.abs(c.clientWidth - c.parentElement.parentElement.clientWidth) < 2; }"
    )
    size = page.evaluate(
        "() => ({height: document.documentElement.scrollHeight, width: document.documentElement.scrollWidth})"
    )
    assert size["height"] <= A4_HEIGHT and size["width"] <= A4_WIDTH
    charts = page.evaluate(
        """() => Array.from(document.querySelectorAll('[data-chart]')).filter(e => e.offsetParent).map(e => {
             const canvas = e.querySelector('canvas').getBoundingClientRect();
             const box = e.getBoundingClientRect();
             return {id: e.id, inside: canvas.right <= box.right + 1 && canvas.bottom <= box.bottom + 1
                                       && box.right <= window.innerWidth};
           })"""
    )
    assert charts and all(chart["inside"] for chart in charts), charts
    assert page.locator("#county-ranking").is_visible() and page.locator(".topbar").is_hidden()
    with pdfplumber.open(io.BytesIO(page.pdf(format="A4", print_background=True))) as pdf:
        assert len(pdf.pages) == 1
        text = pdf.pages[0].extract_text()
    assert "县市综合排名" in text
