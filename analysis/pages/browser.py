"""Open report pages in headless Chromium as a reader would, and say what is broken.

``check_pages(folder)`` opens ``index.html`` and every page it links to, and returns the
problems found on each: a console error, a broken image, a link to a file that does not
exist (or to a missing ``#anchor``), a page wider than the window, or text running out of a
table cell. It saves a full-page screenshot of each page into ``<folder>/_screenshots/``.
Needs selenium (the ``dev`` extra) and Debian's ``chromium`` and ``chromium-driver`` packages
(``.ci/run`` installs them); ``browser_available()`` says whether they are there.

``python -m analysis.pages.browser reports/`` runs it on a report folder and prints the
problems (exit status 1 when there are any).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

#: The browser and its driver, found on the PATH (Debian's packages put them in /usr/bin).
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "chromedriver"
#: The window the pages are checked in (a laptop screen).
WINDOW = (1280, 900)
#: Flags for a headless Chromium on a machine without network or display (as root in CI).
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-extensions")

# what a page's own script can tell: images that did not load, links, width, overflowing cells
_PAGE_SCRIPT = """
const cells = [...document.querySelectorAll('td, th')].filter(
    el => el.scrollWidth > el.clientWidth + 2 && getComputedStyle(el).overflowX !== 'auto');
return {
  images: [...document.images].filter(i => !(i.complete && i.naturalWidth > 0))
            .map(i => (i.getAttribute('src') || '').slice(0, 120)),
  links: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')),
  ids: [...document.querySelectorAll('[id], a[name]')].map(e => e.id || e.getAttribute('name')),
  pageWidth: document.documentElement.scrollWidth,
  window: window.innerWidth,
  overflowing: cells.slice(0, 5).map(el => el.textContent.trim().slice(0, 80)),
  nOverflowing: cells.length,
};
"""


@dataclass
class PageCheck:
    """What the browser found on one page: ``problems`` (empty when it is fine) and where its
    screenshot is."""

    page: str
    problems: list[str] = field(default_factory=list)
    screenshot: Path | None = None
    links: list[str] = field(default_factory=list)


def browser_available() -> str | None:
    """None when the check can run here, else what is missing (for a skip message)."""
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not Path(p).is_file()]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("the Python package selenium (pip install -e '.[dev]')")
    return ", ".join(missing) + " not installed" if missing else None


def start_browser():
    """A headless Chromium driven through chromium-driver, with the browser console logged."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in FLAGS:
        opts.add_argument(flag)
    opts.add_argument(f"--window-size={WINDOW[0]},{WINDOW[1]}")
    opts.add_argument(f"--user-data-dir={tempfile.mkdtemp(prefix='mf-chromium-')}")
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)


def _link_problem(page: Path, href: str, ids: set[str]) -> str | None:
    """Why the link ``href`` of ``page`` is broken, or None. Web addresses are not fetched (the
    check runs offline); ``javascript:`` links count as broken."""
    parts = urlsplit(href)
    if parts.scheme in ("http", "https", "mailto"):
        return None
    if parts.scheme and parts.scheme != "file":
        return f"link to {href!r}: not a page or a file"
    if not parts.path:
        return None if not parts.fragment or parts.fragment in ids else f"link to missing anchor #{parts.fragment}"
    target = (page.parent / unquote(parts.path)) if parts.scheme != "file" else Path(unquote(parts.path))
    return None if target.exists() else f"broken link: {href}"


def check_page(driver, page: Path, *, shots: Path | None = None) -> PageCheck:
    """Open ``page`` (an HTML file) and check it; with ``shots``, save its full-page screenshot
    there as ``<page name>.png``."""
    driver.get(page.resolve().as_uri())
    found = driver.execute_script(_PAGE_SCRIPT)
    result = PageCheck(page.name, links=found["links"])
    for entry in driver.get_log("browser"):
        if entry.get("level") == "SEVERE":
            result.problems.append(f"console error: {entry.get('message', '')[:300]}")
    result.problems += [f"broken image: {src}" for src in found["images"]]
    ids = set(found["ids"])
    result.problems += [p for p in (_link_problem(page, h, ids) for h in found["links"]) if p]
    if found["pageWidth"] > found["window"]:
        result.problems.append(f"page wider than the window: {found['pageWidth']} px > {found['window']} px")
    if found["nOverflowing"]:
        result.problems.append(f"text overflows {found['nOverflowing']} table cell(s), e.g. {found['overflowing']}")
    if shots is not None:
        shots.mkdir(parents=True, exist_ok=True)
        result.screenshot = shots / f"{page.stem}.png"
        _full_page_screenshot(driver, result.screenshot)
    return result


def _full_page_screenshot(driver, target: Path, *, max_height: int = 6000) -> None:
    """The whole page (up to ``max_height`` pixels) as a PNG, through the DevTools protocol."""
    import base64

    height = min(int(driver.execute_script("return document.documentElement.scrollHeight")), max_height)
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": WINDOW[0], "height": height, "scale": 1}})
    target.write_bytes(base64.b64decode(shot["data"]))


def check_pages(folder: str | Path, *, screenshots: bool = True) -> list[PageCheck]:
    """Check ``<folder>/index.html`` and every HTML page of ``folder`` it links to; screenshots
    go to ``<folder>/_screenshots/``. Returns one ``PageCheck`` per page, the index first."""
    folder = Path(folder)
    index = folder / "index.html"
    if not index.exists():
        raise FileNotFoundError(f"{index}: no index page to check (run make report first)")
    shots = folder / "_screenshots" if screenshots else None
    driver = start_browser()
    try:
        results = [check_page(driver, index, shots=shots)]
        pages = sorted({urlsplit(h).path for h in results[0].links
                        if urlsplit(h).path.endswith(".html") and not urlsplit(h).scheme})
        for name in pages:
            if (folder / name).exists():
                results.append(check_page(driver, folder / name, shots=shots))
    finally:
        driver.quit()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", default="reports", help="report folder (default: reports)")
    parser.add_argument("--readme-shot", default=None,
                        help="also copy the index screenshot, cut to the window's height, to this PNG")
    args = parser.parse_args(argv)
    missing = browser_available()
    if missing:
        print(f"cannot run the browser check: {missing}", file=sys.stderr)
        return 2
    results = check_pages(args.folder)
    for r in results:
        print(f"{r.page}: {'ok' if not r.problems else '; '.join(r.problems)}")
    if args.readme_shot and results[0].screenshot:
        _readme_shot(results[0].screenshot, Path(args.readme_shot))
        print(f"written: {args.readme_shot}")
    return 1 if any(r.problems for r in results) else 0


def _readme_shot(shot: Path, target: Path, *, width: int = 800) -> None:
    """The top of the index screenshot (one window high), shrunk to ``width`` pixels, as a small
    PNG for the README."""
    from PIL import Image

    img = Image.open(shot)
    img = img.crop((0, 0, img.width, min(img.height, WINDOW[1])))
    img = img.resize((width, round(img.height * width / img.width)), Image.LANCZOS)
    target.parent.mkdir(parents=True, exist_ok=True)
    img.convert("P", palette=Image.ADAPTIVE, colors=128).save(target, optimize=True)


if __name__ == "__main__":
    raise SystemExit(main())
