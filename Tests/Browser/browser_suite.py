"""The real-browser suite of the fellowship service (docs/service.md, "The browser suite").

Starts `fellowship serve` on a free loopback port over a fresh store, then drives Debian's
chromium through chromedriver and walks, as people would:

- the secretariat's whole job on the bundled SG20 sample: sign in, create the meeting from
  meeting.json, upload countries.csv, a bad applications file (every problem on the page,
  line for line what the command line prints), the good applications.csv and policy.json,
  the policy form (a bad value, then a good one), start the run (and a second start while it
  runs), see it finish, filter and sort the decisions, open an explanation in French and in
  Chinese, decline an award and see the follow-up run, download the CSV and check its rows
  and the other downloads, sign out and find the old cookie refused;
- a reviewer, who sees every reading page and no write control, and whose forged POSTs get
  403;
- an applicant, who sees only its own explanation.

Every page is checked with axe-core 4 (WCAG 2.0, 2.1 and 2.2, levels A and AA; zero
violations) and saved as a full-page screenshot. The suite prints what it did and its
timings; it exits non-zero at the first failed check, after saving a screenshot.
"""

import argparse
import base64
import csv
import http.client
import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
MEETING = ROOT / "Data/meetings/sg20-2020-07.json"
COUNTRIES = ROOT / "Data/countries.csv"
APPLICATIONS = ROOT / "Data/samples/sg20-2020-07/applications.csv"
POLICY = ROOT / "Data/policies/default.json"
MEETING_ID = "SG20-2020-07"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def is_detached(element):
    """Whether `element` has left the page (the next page replaced it).

    Selenium's `staleness_of` expects a stale-element error; chromium sometimes answers a
    question about a node of the page being replaced with "Node with given id does not belong
    to the document" instead, which says the same thing.
    """
    try:
        element.is_enabled()
        return False
    except StaleElementReferenceException:
        return True
    except WebDriverException as error:
        if "does not belong to the document" in str(error):
            return True
        raise


class SuiteFailure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise SuiteFailure(message)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Service_:
    """`fellowship serve` on a fresh store, with one token per role."""

    def __init__(self, binary, workdir):
        self.binary = binary
        self.db = str(workdir / "fellowship.sqlite")
        self.tokens = {
            "secretariat": self.token("secretariat"),
            "reviewer": self.token("reviewer"),
            "applicant": self.token("applicant", "A-0001"),
        }
        self.port = free_port()
        self.log = open(workdir / "serve.log", "wb")
        self.process = subprocess.Popen(
            [binary, "serve", "--db", self.db, "--host", "127.0.0.1", "--port", str(self.port)],
            stdout=self.log, stderr=subprocess.STDOUT)
        self.base = f"http://127.0.0.1:{self.port}"
        for _ in range(600):
            try:
                if self.request("GET", "/health")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise SuiteFailure("the service did not start")

    def token(self, role, applicant=None):
        command = [self.binary, "token", "create", "--role", role, "--db", self.db]
        if applicant:
            # An applicant token names its meeting and its application (issue #11).
            command += ["--meeting", MEETING_ID, "--applicant", applicant]
        return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()

    def request(self, method, path, headers=None, body=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        data = response.read()
        connection.close()
        return response.status, dict(response.getheaders()), data

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=120)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


class Browser:
    """Chromium through chromedriver, with axe and screenshots for every page."""

    def __init__(self, screenshots, downloads, axe_source):
        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium")
        for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000",
                         "--lang=en-GB", "--force-device-scale-factor=1"]:
            options.add_argument(argument)
        options.add_experimental_option("prefs", {
            "download.default_directory": str(downloads), "download.prompt_for_download": False,
        })
        self.driver = webdriver.Chrome(options=options, service=Service(executable_path=shutil.which("chromedriver")))
        self.driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
        self.screenshots = screenshots
        self.downloads = downloads
        self.axe_source = axe_source
        self.count = 0
        self.pages = []
        self.violations = []

    def open(self, base, path):
        self.driver.get(base + path)

    @property
    def text(self):
        return self.driver.find_element(By.TAG_NAME, "body").text

    def shoot(self, name, description):
        """Checks the page with axe, then saves it whole."""
        self.count += 1
        driver = self.driver
        results = self.axe()
        # The whole page, not only the window (Chrome's DevTools protocol).
        size = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
        shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 12000), "scale": 1}})
        path = self.screenshots / f"{self.count:02d}-{name}.png"
        path.write_bytes(base64.b64decode(shot["data"]))
        self.pages.append((path.name, driver.title, description, len(results)))
        for violation in results:
            self.violations.append((path.name, violation["id"], violation["impact"], violation["help"],
                                    [node["target"] for node in violation["nodes"]][:5]))
        print(f"  page {path.name}: {driver.title!r}, axe violations: {len(results)}", flush=True)

    def axe(self):
        driver = self.driver
        driver.execute_script(self.axe_source)
        return driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
            ".then(r => done(r.violations)).catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));",
            AXE_TAGS)

    def follow(self, action):
        """Does `action` (a click or a submit) and waits for the next page to load."""
        old = self.driver.find_element(By.TAG_NAME, "html")
        action()
        WebDriverWait(self.driver, 120).until(lambda _: is_detached(old))
        WebDriverWait(self.driver, 120).until(lambda d: d.execute_script("return document.readyState") == "complete")

    def submit(self, form_selector, button_text=None):
        form = self.driver.find_element(By.CSS_SELECTOR, form_selector)
        buttons = form.find_elements(By.CSS_SELECTOR, "button[type=submit]")
        button = next(b for b in buttons if button_text is None or button_text in b.text)
        self.follow(button.click)

    def cookie(self, name):
        cookie = self.driver.get_cookie(name)
        return cookie and cookie["value"]

    def quit(self):
        self.driver.quit()


def cli_problems(binary, bad_file):
    """What `fellowship allocate` prints for the bad applications file (its problem lines)."""
    work = bad_file.parent
    result = subprocess.run(
        [binary, "allocate", "--meeting", str(MEETING), "--applications", bad_file.name, "--policy", str(POLICY),
         "--countries", str(COUNTRIES)], cwd=work, capture_output=True, text=True)
    check(result.returncode == 65, f"the command line should refuse the bad file with 65, got {result.returncode}")
    return [line for line in result.stderr.splitlines() if line.startswith(bad_file.name + ":")]


def make_bad_applications(directory):
    """The sample's applications with three mistakes on lines 3, 5 and 8."""
    lines = APPLICATIONS.read_text(encoding="utf-8").splitlines(keepends=True)
    header = lines[0].rstrip("\r\n").split(",")
    def edit(line_number, column, value):
        fields = next(csv.reader([lines[line_number - 1]]))
        fields[header.index(column)] = value
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerow(fields)
        lines[line_number - 1] = out.getvalue()
    edit(3, "country", "XYZ")
    edit(5, "gender", "sometimes")
    edit(8, "ticket_cost", "12.345")
    path = directory / "bad-applications.csv"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def wait_for(predicate, timeout, what, interval=0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise SuiteFailure(f"timed out after {timeout} s waiting for {what}")


def sign_in(browser, service, role):
    browser.open(service.base, "/login")
    field = browser.driver.find_element(By.ID, "token")
    field.send_keys(service.tokens[role])
    browser.submit("form.stacked", "Sign in")


def secretariat_job(browser, service, binary, workdir, figures):
    driver = browser.driver
    base = service.base

    print("secretariat: sign in", flush=True)
    browser.open(base, "/login")
    # Keyboard: the first Tab reaches the skip link, which then shows; Enter follows it.
    driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    active = driver.switch_to.active_element
    check(active.get_attribute("class") == "skip" and active.location["x"] >= 0, "the first Tab shows the skip link")
    outline = driver.execute_script("return getComputedStyle(arguments[0]).outlineStyle", active)
    check(outline not in ("none", ""), f"the focused link has a visible outline, got {outline}")
    browser.shoot("sign-in", "The sign-in form: one labelled password field for the access token, a hint, a Sign in button.")
    # A wrong token first: refused on the page.
    driver.find_element(By.ID, "token").send_keys("fs_" + "0" * 64)
    browser.submit("form.stacked", "Sign in")
    check("That token is not valid" in browser.text, "a wrong token should be refused on the sign-in page")
    driver.find_element(By.ID, "token").send_keys(service.tokens["secretariat"])
    browser.submit("form.stacked", "Sign in")
    check(driver.current_url.endswith("/runs"), f"signing in should lead to the runs page, got {driver.current_url}")
    session = browser.cookie("fellowship_session")
    check(session and len(session) == 64 and session != service.tokens["secretariat"], "the cookie holds a session id, not the token")
    cookie = driver.get_cookie("fellowship_session")
    check(cookie["httpOnly"] and cookie.get("sameSite") == "Strict", f"the session cookie should be HttpOnly and SameSite=Strict: {cookie}")
    browser.shoot("runs-empty", "The runs page before any run: the navigation (Meetings, Runs, Audit, Sign out) and a pointer to the meetings.")

    print("secretariat: create the meeting from meeting.json", flush=True)
    browser.open(base, "/meetings")
    browser.shoot("meetings-empty", "The meetings page with no meeting yet: the form to create one from a meeting.json file, and the form with one labelled field per member.")
    driver.find_element(By.ID, "meeting_file").send_keys(str(MEETING))
    browser.submit("form[enctype='multipart/form-data']")
    check(driver.current_url.endswith(f"/meetings/{MEETING_ID}"), f"creating the meeting should open its page, got {driver.current_url}")
    check("not uploaded yet" in browser.text, "a new meeting has no files yet")
    browser.shoot("meeting-new", "The new meeting's page: its facts, a files table with nothing uploaded yet, three file upload forms, the policy form with the published defaults.")

    def upload(kind, path):
        driver.find_element(By.ID, f"file-{kind}").send_keys(str(path))
        browser.follow(driver.find_element(By.ID, f"file-{kind}").find_element(By.XPATH, "./ancestor::form").submit)

    print("secretariat: upload the countries, a bad applications file, the good files", flush=True)
    upload("countries", COUNTRIES)
    check("countries.csv was stored" in browser.text, "countries.csv should be stored")
    bad = make_bad_applications(workdir)
    upload("applications", bad)
    shown = [item.text for item in driver.find_elements(By.CSS_SELECTOR, ".problem-box ul.problems li")]
    expected = cli_problems(binary, bad)
    check(len(expected) >= 3, f"the command line should list at least three problems, got {expected}")
    check(shown == expected, f"the page should list exactly the command line's problems:\npage: {shown}\ncli:  {expected}")
    check("bad-applications.csv was not stored" in browser.text, "the bad file should be refused")
    check("applications" in browser.text and "not uploaded yet" in browser.text, "nothing should be stored for the bad file")
    browser.shoot("upload-problems", "A refused applications file: a red box titled 'bad-applications.csv was not stored' listing every problem as FILE:LINE: column: problem, the applications row still 'not uploaded yet'.")
    figures["bad file problems"] = shown
    upload("applications", APPLICATIONS)
    check("applications.csv was stored" in browser.text, "applications.csv should be stored")
    upload("policy", POLICY)
    check("default.json was stored as the meeting's policy" in browser.text, "policy.json (default.json) should be stored")
    rows = driver.find_elements(By.CSS_SELECTOR, "table tbody tr")
    check(all("not uploaded yet" not in row.text for row in rows[:3]), "all three files should be listed as uploaded")
    check(re.search(r"[0-9a-f]{64}", browser.text), "each upload should show its SHA-256")

    print("secretariat: the policy form", flush=True)
    gender = driver.find_element(By.ID, "p-gender")
    gender.clear()
    gender.send_keys("1.5")
    browser.follow(driver.find_element(By.ID, "p-gender").find_element(By.XPATH, "./ancestor::form").submit)
    policy_problems = [item.text for item in driver.find_elements(By.CSS_SELECTOR, ".problem-box ul.problems li")]
    check(any("gender_target" in line for line in policy_problems), f"a gender target of 1.5 should be refused: {policy_problems}")
    browser.shoot("policy-problem", "The policy form refused: the red box names the gender_target field and the range it must be in; the form keeps what was typed.")
    gender = driver.find_element(By.ID, "p-gender")
    gender.clear()
    gender.send_keys("0.5")
    browser.follow(driver.find_element(By.ID, "p-gender").find_element(By.XPATH, "./ancestor::form").submit)
    check("The policy from the form was stored" in browser.text, "the corrected policy should be stored")

    print("secretariat: start the run", flush=True)
    pressed = time.monotonic()
    browser.follow(driver.find_element(By.ID, "run-budget").find_element(By.XPATH, "./ancestor::form").submit)
    check("/status" in driver.current_url, f"starting a run should open its status page, got {driver.current_url}")
    status_url = driver.current_url
    run_id = status_url.rstrip("/").split("/")[-2]
    def phase_with_count():
        try:
            text = browser.text
        except Exception:
            return False
        return "margin" in text.lower() and "done" in text or "Stored." in text
    wait_for(phase_with_count, 600, "the margins phase", interval=0.25)
    if "Being decided" in browser.text:
        browser.shoot("run-progress", "The status page of the run being decided: the phase (solving, or the margins with a progress bar and 'n of m done'), seconds since start, and a link to stop the automatic reload.")
        # A second start while it runs.
        browser.open(base, f"/meetings/{MEETING_ID}")
        browser.follow(driver.find_element(By.ID, "run-budget").find_element(By.XPATH, "./ancestor::form").submit)
        if "No run was started" in browser.text:
            check("in progress" in browser.text, "a second start should say a run is in progress")
            browser.shoot("second-start", "A second start while the run is decided: 'No run was started' and the run in progress named.")
            figures["second start"] = "refused while the first run was being decided"
        else:
            figures["second start"] = "the first run was stored before the second start; not checked"
        driver.get(status_url)

    def stored():
        try:
            text = browser.text
        except Exception:  # the page is being reloaded (Refresh header)
            return False
        if "Stored." in text:
            return True
        check("The run failed" not in text, "the run failed: " + text[:500])
        return False
    # The page reloads itself (Refresh header) until the run is stored.
    wait_for(stored, 1800, "the run to be stored", interval=1)
    seen = time.monotonic() - pressed
    match = re.search(r"[Ss]tored ([0-9.]+) s after start was pressed", browser.text)
    check(match, "the status page should say how long after the start the run was stored")
    figures["start to stored (page)"] = f"{match.group(1)} s"
    figures["start to stored (seen by the suite)"] = f"{seen:.1f} s"
    browser.shoot("run-stored", "The status page once stored: 'Stored.', awards and money spent, how many seconds after start the decisions were stored, the margins stored so far (a progress bar while they are computed after the decisions), links to the decisions, the CSV, decisions.json and the waitlist.")
    check(driver.find_element(By.LINK_TEXT, "Decisions as CSV for spreadsheets"), "the run's page links the decisions CSV")

    print("secretariat: the decisions, filtered and sorted", flush=True)
    browser.follow(driver.find_element(By.LINK_TEXT, "The decisions").click)
    check(len(driver.find_elements(By.CSS_SELECTOR, ".charts svg")) == 4, "the summary has four charts")
    for phrase in ["of the budget of", "target", "went to women", "countries with an eligible application"]:
        check(phrase in browser.text, f"the summary should say '{phrase}' in text")
    check("طارق حمدان" in browser.text, "the secretariat sees applicants' names (A-0006's, in Arabic script)")
    browser.shoot("decisions", "The decisions page for the secretariat: four small bar charts (money against the budget, awards by region against targets, women's share against the target, countries covered) each with its numbers in sentences, downloads, filters, and the sortable table with names (Latin and Arabic script), outcomes and reasons in words and a Decline link per award.")
    Select(driver.find_element(By.ID, "outcome")).select_by_value("awarded")
    Select(driver.find_element(By.ID, "region")).select_by_value("AFR")
    browser.follow(driver.find_element(By.CSS_SELECTOR, "form.filters").submit)
    outcomes = [row.find_elements(By.TAG_NAME, "td")[3].text for row in driver.find_elements(By.CSS_SELECTOR, "#decisions tbody tr")]
    regions = [row.find_elements(By.TAG_NAME, "td")[2].text for row in driver.find_elements(By.CSS_SELECTOR, "#decisions tbody tr")]
    check(outcomes and set(outcomes) == {"Awarded"}, f"the filter should leave only awards: {set(outcomes)}")
    check(set(regions) == {"Africa"}, f"the filter should leave only Africa: {set(regions)}")
    browser.follow(driver.find_element(By.PARTIAL_LINK_TEXT, "Score").click)
    browser.follow(driver.find_element(By.PARTIAL_LINK_TEXT, "Score").click)
    scores = [float(row.find_elements(By.TAG_NAME, "td")[6].text) for row in driver.find_elements(By.CSS_SELECTOR, "#decisions tbody tr")]
    check(scores == sorted(scores, reverse=True), f"sorting by score, down, should order the scores: {scores}")
    check(len(scores) == len(outcomes), "the sort should keep the filters")
    browser.shoot("decisions-filtered", "The decisions filtered to awards in Africa, sorted by score downwards (the Score heading marked as sorted).")
    figures["filtered rows"] = len(scores)

    print("secretariat: explanations in French and Chinese", flush=True)
    browser.open(base, f"/runs/{run_id}/applications/A-0001?lang=fr")
    check(driver.find_element(By.CSS_SELECTOR, "p.paragraph[lang=fr]"), "the French paragraph carries lang=fr")
    browser.shoot("explanation-fr", "The explanation of A-0001 with its paragraph in French, the facts (outcome, score term by term, margin) and the language choice.")
    Select(driver.find_element(By.ID, "lang")).select_by_value("zh")
    browser.follow(driver.find_element(By.ID, "lang").find_element(By.XPATH, "./ancestor::form").submit)
    paragraph = driver.find_element(By.CSS_SELECTOR, "p.paragraph[lang=zh]").text
    check(re.search("[\u4e00-\u9fff]", paragraph), "the Chinese paragraph should be in Chinese characters")
    browser.shoot("explanation-zh", "The same explanation with its paragraph in Chinese (CJK characters rendered).")

    print("secretariat: decline an award", flush=True)
    browser.open(base, f"/runs/{run_id}?outcome=awarded")
    link = driver.find_elements(By.PARTIAL_LINK_TEXT, "Decline")[0]
    declined = link.get_attribute("href").split("/applications/")[1].split("/")[0]
    browser.follow(link.click)
    check("What will happen" in browser.text and "follow-up run" in browser.text, "the confirmation says what will happen")
    browser.shoot("decline-confirm", "The decline confirmation: who and what award, what will happen (award declined, money freed, follow-up run keeping every other award, audit events), a red confirm button and a Cancel link.")
    browser.follow(driver.find_element(By.CSS_SELECTOR, "button.danger").click)
    check("/follow-up" in driver.current_url, f"the decline should lead to the follow-up run, got {driver.current_url}")
    check(declined in browser.text and "Who received the freed money" in browser.text, "the follow-up page names the decline and the new awards")
    kinds = [row.find_elements(By.TAG_NAME, "td")[1].text for row in driver.find_elements(By.CSS_SELECTOR, "table")[-1].find_elements(By.CSS_SELECTOR, "tbody tr")]
    check("decline" in kinds and "run_committed" in kinds, f"the audit events written should be listed: {kinds}")
    browser.shoot("follow-up", "The follow-up run: the declined award, the money freed, a table of who received it, and the audit events written (decline, run_started, inputs, solver_result, run_committed; the per-application ones folded).")
    follow_up = driver.current_url.rstrip("/").split("/")[-2]

    print("secretariat: downloads", flush=True)
    browser.open(base, f"/runs/{follow_up}")
    for name in os.listdir(browser.downloads):
        os.remove(browser.downloads / name)
    driver.find_element(By.LINK_TEXT, "Decisions as CSV for spreadsheets").click()
    path = wait_for(lambda: next((browser.downloads / n for n in os.listdir(browser.downloads)
                                  if n.endswith(".csv") and not n.endswith(".crdownload")), None), 60, "the CSV download")
    raw = path.read_bytes()
    check(raw.startswith(b"\xef\xbb\xbf"), "the CSV starts with a UTF-8 byte-order mark")
    table = list(csv.DictReader(io.StringIO(raw[3:].decode("utf-8"))))
    applications = list(csv.DictReader(io.StringIO(APPLICATIONS.read_text(encoding="utf-8"))))
    check([row["application"] for row in table] == [row["id"] for row in applications], "one CSV row per application, in input order")
    check([row["name"] for row in table] == [row["name"] for row in applications], "the secretariat's CSV carries the names")
    by_id = {row["application"]: row for row in table}
    check(by_id[declined]["outcome"] == "declined", "the declined award is marked in the follow-up's CSV")
    check(all(row["cost"] for row in table if row["outcome"] == "awarded"), "every award has its cost")
    check(any(row["reasons"].startswith("Conditions not met: ") for row in table), "reasons are in words")
    figures["CSV rows"] = len(table)
    statuses = {}
    session = browser.cookie("fellowship_session")
    for path_ in [f"/runs/{follow_up}/decisions.json", f"/runs/{follow_up}/waitlist.csv",
                  f"/meetings/{MEETING_ID}/scenarios.csv?budgets=40000,60000",
                  f"/meetings/{MEETING_ID}/scenarios.svg?budgets=40000,60000"]:
        status, headers, body = service.request("GET", path_, {"Cookie": f"fellowship_session={session}"})
        statuses[path_] = status
        check(status == 200 and "attachment" in headers.get("Content-Disposition", ""), f"{path_} should download: {status}")
        if path_.endswith(".json"):
            check(json.loads(body)["run"]["id"] == follow_up if "run" in json.loads(body) else True, "decisions.json is the run's")
        if ".svg" in path_:
            check(body.startswith(b"<svg") or b"<svg" in body[:200], "the chart is SVG")
    browser.open(base, f"/meetings/{MEETING_ID}/scenarios?budgets=40000%2C60000")
    check(driver.find_element(By.LINK_TEXT, "the table as CSV"), "the scenario page links its CSV")
    browser.shoot("scenarios", "The scenario page at 40,000 and 60,000: the form, download links (CSV, SVG), the chart and the table of every point.")

    print("secretariat: the other reading pages", flush=True)
    browser.open(base, f"/runs/{follow_up}/waitlist")
    browser.shoot("waitlist", "The waitlist of the follow-up run: position, application, score, margin and reasons.")
    browser.open(base, "/runs")
    browser.shoot("runs", "The runs page: both runs, newest first, with their awards, spending, state (current or superseded) and links to the waitlist, CSV and scenarios.")
    browser.open(base, "/audit")
    check("intact" in browser.text.lower(), "the audit chain should be intact")
    browser.shoot("audit", "The audit page: the chain is intact, with its event count, runs and head hash.")
    browser.open(base, f"/meetings/{MEETING_ID}")
    browser.shoot("meeting-ready", "The meeting page with all three files uploaded (name, size, SHA-256, when), the run button, both runs listed and the policy form.")

    print("secretariat: sign out; the old cookie is refused", flush=True)
    old = browser.cookie("fellowship_session")
    browser.follow(driver.find_element(By.XPATH, "//button[normalize-space()='Sign out']").click)
    check(driver.current_url.endswith("/login"), "signing out leads to the sign-in page")
    check(browser.cookie("fellowship_session") in (None, ""), "signing out clears the cookie")
    status, _, _ = service.request("GET", "/runs", {"Cookie": f"fellowship_session={old}"})
    check(status == 401, f"the old session cookie should be refused after signing out, got {status}")
    driver.add_cookie({"name": "fellowship_session", "value": old, "path": "/"})
    browser.open(base, "/runs")
    check("401" in driver.title or "Sign in with an access token" in browser.text, "the browser with the old cookie is asked to sign in")
    browser.shoot("signed-out", "After signing out, the old session cookie put back by hand: '401 Unauthorized' and a link to sign in.")
    driver.delete_all_cookies()
    return run_id, follow_up


def reviewer_visit(browser, service, run_id, follow_up, figures):
    driver = browser.driver
    base = service.base
    print("reviewer: every reading page, no write control", flush=True)
    sign_in(browser, service, "reviewer")
    for path, name, description in [
        ("/meetings", "reviewer-meetings", "The meetings page for a reviewer: the list only, no create forms."),
        (f"/meetings/{MEETING_ID}", "reviewer-meeting", "A meeting page for a reviewer: facts, files and runs; no upload, policy or run controls."),
        (f"/runs/{follow_up}", "reviewer-decisions", "The decisions page for a reviewer: charts and table without names and without Decline links."),
    ]:
        browser.open(base, path)
        forms = driver.find_elements(By.CSS_SELECTOR, "form[method=post]")
        actions = [form.get_attribute("action") for form in forms]
        check(all("/logout" in action for action in actions), f"{path}: a reviewer should see no write control, found {actions}")
        check(not driver.find_elements(By.CSS_SELECTOR, "input[type=file]"), f"{path}: no upload field for a reviewer")
        check(not driver.find_elements(By.PARTIAL_LINK_TEXT, "Decline"), f"{path}: no decline link for a reviewer")
        browser.shoot(name, description)
    check("طارق حمدان" not in browser.text and "Mariyam Latheef" not in browser.text, "a reviewer never sees names")
    status, _, body = service.request("GET", f"/runs/{follow_up}/decisions.csv",
                                      {"Cookie": f"fellowship_session={browser.cookie('fellowship_session')}"})
    check(status == 200 and b"Mariyam" not in body and not body[3:].decode().startswith("application,name"), "a reviewer's CSV has no names")
    browser.open(base, f"/runs/{follow_up}/applications/A-0001/decline")
    check("403" in driver.title, "the decline confirmation is refused to a reviewer")

    print("reviewer: forged POSTs get 403", flush=True)
    session = browser.cookie("fellowship_session")
    csrf = re.search(r"/logout\?csrf=([0-9a-f]{64})", driver.page_source).group(1)
    cookie = {"Cookie": f"fellowship_session={session}", "Content-Type": "application/x-www-form-urlencoded"}
    origin = {"Origin": service.base}
    forged = {
        "start a run, with the session's CSRF token": ("POST", f"/meetings/{MEETING_ID}/runs?csrf={csrf}", {**cookie, **origin}, b""),
        "decline, with the session's CSRF token": ("POST", f"/runs/{follow_up}/applications/A-0001/decline?csrf={csrf}", {**cookie, **origin}, b""),
        "store a policy, without a CSRF token": ("POST", f"/meetings/{MEETING_ID}/policy", {**cookie, **origin}, b"budget=1"),
        "create a meeting, from another site": ("POST", f"/meetings?csrf={csrf}", {**cookie, "Origin": "http://evil.example"}, b"id=X"),
        "upload, with a wrong CSRF token": ("POST", f"/meetings/{MEETING_ID}/uploads/policy?csrf={'0' * 64}", {**cookie, **origin}, b""),
    }
    results = {}
    for label, (method, path, headers, body) in forged.items():
        status, _, _ = service.request(method, path, headers, body)
        results[label] = status
        check(status == 403, f"reviewer's forged POST ({label}) should get 403, got {status}")
    status, _, _ = service.request("POST", f"/api/v1/meetings/{MEETING_ID}/runs", cookie, b"{}")
    check(status == 401, f"the JSON API should refuse the session cookie, got {status}")
    figures["reviewer's forged POSTs"] = results
    # The reviewer's forged decline did nothing: still two runs.
    browser.open(base, "/runs")
    check(len(driver.find_elements(By.CSS_SELECTOR, "table tbody tr")) == 2, "forged POSTs changed nothing")
    browser.follow(driver.find_element(By.XPATH, "//button[normalize-space()='Sign out']").click)
    driver.delete_all_cookies()


def applicant_visit(browser, service, follow_up):
    driver = browser.driver
    print("applicant: its own explanation only", flush=True)
    sign_in(browser, service, "applicant")
    check("Your application A-0001" in browser.text, "the applicant's home lists its decisions")
    browser.shoot("applicant-home", "The applicant's home: its application A-0001 and the runs that decided it, with links to the explanation.")
    browser.open(service.base, f"/runs/{follow_up}/applications/A-0001")
    browser.shoot("applicant-explanation", "The applicant's own explanation (in English), with the language choice and no navigation to other pages.")
    browser.open(service.base, f"/runs/{follow_up}")
    check("403" in driver.title, "an applicant may not read the decisions")
    browser.open(service.base, f"/runs/{follow_up}/applications/A-0002")
    check("403" in driver.title, "an applicant may not read another explanation")
    browser.follow(driver.find_element(By.XPATH, "//button[normalize-space()='Sign out']").click)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bin", required=True)
    parser.add_argument("--screenshots", required=True)
    arguments = parser.parse_args()
    started = time.monotonic()
    screenshots = Path(arguments.screenshots).resolve()
    shutil.rmtree(screenshots, ignore_errors=True)
    screenshots.mkdir(parents=True)
    import axe_playwright_python
    axe_source = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
    version = re.search(r"axe v([0-9.]+)", axe_source[:200]).group(1)
    workdir = Path(tempfile.mkdtemp(prefix="fellowship-browser-"))
    downloads = workdir / "downloads"
    downloads.mkdir()
    figures = {}
    service = Service_(arguments.bin, workdir)
    browser = None
    try:
        browser = Browser(screenshots, downloads, axe_source)
        print(f"browser suite: {browser.driver.capabilities.get('browserVersion')} with axe-core {version}, service on {service.base}", flush=True)
        run_id, follow_up = secretariat_job(browser, service, arguments.bin, workdir, figures)
        reviewer_visit(browser, service, run_id, follow_up, figures)
        applicant_visit(browser, service, follow_up)
        check(not browser.violations, "axe found WCAG 2.0-2.2 A/AA violations:\n" + "\n".join(
            f"  {page}: {rule} ({impact}): {text} {targets}" for page, rule, impact, text, targets in browser.violations))
    except Exception:
        if browser:
            try:
                browser.driver.save_screenshot(str(screenshots / "failure.png"))
                print("browser suite: failed on " + browser.driver.current_url + "; screenshot failure.png", file=sys.stderr)
            except Exception:
                pass
        raise
    finally:
        if browser:
            browser.quit()
        service.stop()
        (screenshots / "serve.log").write_bytes((workdir / "serve.log").read_bytes())
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"browser suite: passed; {browser.count} pages checked with axe-core {version}, 0 violations; "
          f"screenshots in {screenshots}")
    for name, title, description, _ in browser.pages:
        print(f"  {name}: {description}")
    for key, value in figures.items():
        print(f"  {key}: {value}")
    print(f"browser suite: {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main()
