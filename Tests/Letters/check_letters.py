"""Opens every decision letter in headless chromium and checks it (Tests/Letters/README.md).

Usage: check_letters.py LETTERS_DIR ARTEFACTS_DIR

LETTERS_DIR holds <run>/<lang>/<id>.html and all.html, as written by `fellowship letters`.
Exits 1 listing every problem found; screenshots and printed PDFs go to ARTEFACTS_DIR.
"""
import base64
import pathlib
import re
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.print_page_options import PrintOptions

# A4 at 96 CSS px per inch: 210 mm = 793.7 px. The text column is 170 mm.
A4_WIDTH_PX = 794
COLUMN_MM = 170

# Every element of the letter must stay inside the article's box (the A4 text column) and
# the page must not scroll sideways; returns the offending elements.
OVERFLOW_SCRIPT = """
const article = document.querySelector('article.letter');
const box = article.getBoundingClientRect();
const bad = [];
for (const el of article.querySelectorAll('*')) {
  const r = el.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) continue;
  if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') {
    bad.push(el.tagName + ': ' + (el.textContent || '').slice(0, 60));
  }
}
if (document.documentElement.scrollWidth > document.documentElement.clientWidth + 1) bad.push('the page scrolls sideways');
const mm = box.width * 25.4 / 96;
return {bad: bad, widthMM: mm,
        lang: article.getAttribute('lang'), dir: article.getAttribute('dir'),
        htmlLang: document.documentElement.getAttribute('lang'),
        borderLeft: parseFloat(getComputedStyle(article.querySelector('.letterhead')).borderLeftWidth),
        borderRight: parseFloat(getComputedStyle(article.querySelector('.letterhead')).borderRightWidth),
        text: article.innerText};
"""

FONT_SCRIPT = """
return [document.fonts.check('16px "Noto Sans Arabic"', 'منحة'),
        document.fonts.check('16px "Noto Sans CJK SC"', '与会补贴'),
        document.fonts.check('16px "Noto Sans"', 'стипендия')];
"""


def driver():
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--window-size={A4_WIDTH_PX},1123", "--force-device-scale-factor=1", "--lang=en"):
        options.add_argument(argument)
    options.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", data))


def main() -> int:
    letters_dir = pathlib.Path(sys.argv[1]).resolve()
    artefacts = pathlib.Path(sys.argv[2]).resolve()
    artefacts.mkdir(parents=True, exist_ok=True)
    problems = []
    checked = 0
    browser = driver()
    try:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        fonts_checked = False
        for folder in sorted(p for p in letters_dir.glob("*/*") if p.is_dir()):
            run, lang = folder.parent.name, folder.name
            letters = sorted(p for p in folder.glob("*.html") if p.name != "all.html")
            if not letters:
                problems.append(f"{folder}: no letters")
            for path in letters:
                browser.get(path.as_uri())
                browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
                facts = browser.execute_script(OVERFLOW_SCRIPT)
                name = f"{run}/{lang}/{path.name}"
                checked += 1
                if facts["bad"]:
                    problems.append(f"{name}: text overflows the printed column: {facts['bad'][:3]}")
                if abs(facts["widthMM"] - COLUMN_MM) > 1:
                    problems.append(f"{name}: the text column is {facts['widthMM']:.1f} mm, not {COLUMN_MM} mm")
                expected_lang = facts["lang"]
                if lang != "own" and expected_lang != lang:
                    problems.append(f"{name}: lang is {expected_lang!r}, not {lang!r}")
                if facts["htmlLang"] != expected_lang:
                    problems.append(f"{name}: <html lang> {facts['htmlLang']!r} differs from the letter's {expected_lang!r}")
                rtl = expected_lang == "ar"
                if facts["dir"] != ("rtl" if rtl else "ltr"):
                    problems.append(f"{name}: dir is {facts['dir']!r}")
                mirrored = facts["borderRight"] > 0 and facts["borderLeft"] == 0
                plain = facts["borderLeft"] > 0 and facts["borderRight"] == 0
                if rtl and not mirrored or not rtl and not plain:
                    problems.append(f"{name}: the layout is not {'mirrored' if rtl else 'left to right'}")
                if "{" in facts["text"] or "}" in facts["text"]:
                    problems.append(f"{name}: a placeholder is left in the text")
                other_ids = set(re.findall(r"L-\d{4}", facts["text"])) - {path.stem}
                if other_ids:
                    problems.append(f"{name}: names other applications {sorted(other_ids)}")
                if not fonts_checked:
                    found = browser.execute_script(FONT_SCRIPT)
                    if not all(found):
                        problems.append(f"fonts for Arabic, CJK, Cyrillic available to chromium: {found}")
                    fonts_checked = True
                shot = artefacts / run / lang / (path.stem + ".png")
                shot.parent.mkdir(parents=True, exist_ok=True)
                height = browser.execute_script("return document.documentElement.scrollHeight")
                browser.set_window_size(A4_WIDTH_PX, max(1123, int(height) + 40))
                browser.save_screenshot(str(shot))
                browser.set_window_size(A4_WIDTH_PX, 1123)
            everything = folder / "all.html"
            browser.get(everything.as_uri())
            options = PrintOptions()
            options.page_width = 21.0
            options.page_height = 29.7
            pdf = base64.b64decode(browser.print_page(options))
            (artefacts / run / lang).mkdir(parents=True, exist_ok=True)
            (artefacts / run / lang / "all.pdf").write_bytes(pdf)
            pages = pdf_pages(pdf)
            if pages < len(letters):
                problems.append(f"{run}/{lang}/all.html prints on {pages} pages for {len(letters)} letters (page breaks)")
    finally:
        browser.quit()
    for problem in problems:
        print("letters: " + problem, file=sys.stderr)
    print(f"letters: {checked} letters checked in chromium, {len(problems)} problems; artefacts in {artefacts}")
    return 1 if problems or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
