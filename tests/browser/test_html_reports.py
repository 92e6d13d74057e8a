"""The HTML reports of `rateline compare` and `rateline review` in headless Chromium: the
charts render (SVG present and sized), the console has no errors, nothing is fetched from
a network, the print layout keeps the charts, and a full-page screenshot is saved.

Needs Debian's chromium, chromium-driver and python3-selenium (scripts/build.sh). Without
them the tests are SKIPPED, except under CI=true where that is a failure.

    /usr/bin/python3 tests/browser/test_html_reports.py REPORT.html SHOT.png   # a screenshot (docs/)
"""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")


def browser_missing():
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "python3-selenium"
    if not CHROMIUM:
        return "chromium"
    if not DRIVER:
        return "chromium-driver"
    return None


def open_browser(width=1100, height=1400):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", f"--window-size={width},{height}",
                "--hide-scrollbars"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(DRIVER), options=options)


def full_page_screenshot(driver, png):
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1100, max(800, int(height) + 40))
    Path(png).parent.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(png))


@pytest.fixture(scope="module")
def driver():
    missing = browser_missing()
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"headless chromium is not installed ({missing} missing) and CI=true")
        pytest.skip(f"headless chromium is not installed ({missing} missing)")
    d = open_browser()
    yield d
    d.quit()


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    cli = os.environ.get("RATELINE_CLI", str(ROOT / "build" / "rateline"))
    data = Path(os.environ.get("COMPARE_DATA", ROOT / "build" / "compare-data"))
    out = tmp_path_factory.mktemp("reports")
    compare = subprocess.run([cli, "compare", "tariffs/willmar-residential.tariff", "tests/compare/willmar-residential-proposed.tariff",
                              "--accounts", data / "pop/accounts.csv", "--usage", data / "pop/usage.csv", "--from", "2024-01-01",
                              "--to", "2025-01-01", "--tariffs", "tariffs", "--revenue-target", "+3.5%", "--html", out / "compare.html"],
                             cwd=ROOT, capture_output=True, text=True)
    assert (out / "compare.html").exists(), compare.stderr
    review = subprocess.run([cli, "review", "--accounts", data / "review_accounts.csv", "--history", data / "history.csv", "--bills",
                             data / "bills.csv", "--config", data / "review.conf", "--out", out / "flags.csv", "--html", out / "review.html"],
                            cwd=ROOT, capture_output=True, text=True)
    assert review.returncode == 0, review.stderr
    # report name -> the charts it must draw (class of the svg, how many marks at least)
    return {"compare": (out / "compare.html", [("bars", 3), ("bars", 2), ("scatter", 10)]),
            "review": (out / "review.html", [("bars", 1), ("bars", 1)])}


@pytest.mark.parametrize("name", ["compare", "review"])
def test_report_renders(driver, reports, name):
    from selenium.webdriver.common.by import By

    html, charts = reports[name]
    text = html.read_text()
    # Self-contained: the only URL is the SVG namespace; no script, link or remote image.
    assert set(re.findall(r"https?://[^\s\"'<>]+", text)) <= {"http://www.w3.org/2000/svg"}
    assert "<script" not in text and "<link" not in text and "<img" not in text
    driver.get_log("browser")   # drop what an earlier page left
    driver.get(html.as_uri())
    svgs = driver.find_elements(By.CSS_SELECTOR, "svg.chart")
    assert [s.get_attribute("class").split()[1] for s in svgs] == [kind for kind, _ in charts]
    for svg, (kind, marks) in zip(svgs, charts):
        assert svg.size["width"] >= 300 and svg.size["height"] >= 150, svg.size
        shapes = svg.find_elements(By.CSS_SELECTOR, "rect.bar" if kind == "bars" else "circle.point")
        assert len(shapes) >= marks
        sized = [s for s in shapes if s.size["width"] > 0 and s.size["height"] > 0]
        assert len(sized) == len(shapes)
    errors = [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
    assert errors == []
    # Printed: the print style sheet keeps every chart on the page, sized.
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    printed = driver.find_elements(By.CSS_SELECTOR, "svg.chart")
    assert all(s.is_displayed() and s.size["width"] > 0 for s in printed)
    pdf = driver.execute_cdp_cmd("Page.printToPDF", {"printBackground": False})
    assert len(pdf["data"]) > 1000
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    shots = Path(os.environ.get("SCREENSHOT_DIR", ROOT / "build" / "browser-screenshots"))
    full_page_screenshot(driver, shots / f"{name}.png")
    assert (shots / f"{name}.png").stat().st_size > 10000


if __name__ == "__main__":
    if len(sys.argv) != 3 or browser_missing():
        sys.exit(__doc__)
    d = open_browser()
    try:
        d.get(Path(sys.argv[1]).resolve().as_uri())
        full_page_screenshot(d, sys.argv[2])
    finally:
        d.quit()
