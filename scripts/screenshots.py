"""Take full-page screenshots of the main pages of a running Lantu, to look at them as a user would.

Usage: python scripts/screenshots.py BASE_URL OUTDIR [USERNAME] [PASSWORD]
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGES = {
    "dashboard": "/",
    "plans": "/plans/",
    "tree": "/plans/fyp15/",
    "actions": "/plans/model-prefecture-2024/",
    "indicators": "/indicators/",
    "projects": "/projects/",
    "projects-mulei": "/projects/?county=mulei",
}


def main() -> None:
    base, outdir = sys.argv[1].rstrip("/"), Path(sys.argv[2])
    username = sys.argv[3] if len(sys.argv) > 3 else "planner"
    password = sys.argv[4] if len(sys.argv) > 4 else "lantu-demo"
    outdir.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900}, locale="zh-CN")
        page.goto(f"{base}/accounts/login/")
        page.screenshot(path=outdir / "login.png")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("section.login button[type=submit]")
        page.wait_for_load_state("networkidle")
        for name, path in [*PAGES.items(), *[(f"extra-{i}", p) for i, p in enumerate(sys.argv[5:])]]:
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(600)
            page.screenshot(path=outdir / f"{username}-{name}.png", full_page=True)
        browser.close()


if __name__ == "__main__":
    main()
