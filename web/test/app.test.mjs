// The offline app (target/web/clausediff.html, built by web/build.sh) in headless Chromium from
// Debian's packages, driven by playwright-core: opened from file://, it makes no request but its own,
// its policy blocks any, and it gives the command line's reports byte for byte — through the API,
// the file inputs, drag and drop and the paste boxes — with the library's message for bytes that
// are not text. Leaves a screenshot, target/web/clausediff.png, for a person to look at.
//
//   bash web/build.sh && cargo build && (cd web/test && npm ci && npm test)
//
// CLAUSEDIFF_BIN names the CLI to compare with (default target/debug/clausediff), CHROMIUM the
// browser (default /usr/bin/chromium).

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";

import { chromium } from "playwright-core";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const app = path.join(root, "target/web/clausediff.html");
const appUrl = pathToFileURL(app).href;
const bin = process.env.CLAUSEDIFF_BIN ?? path.join(root, "target/debug/clausediff");
const fixture = (name) => path.join(root, "fixtures", name);
const DRAFT = fixture("joint-statement/draft.txt");
const FINAL = fixture("joint-statement/final.txt");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "clausediff-web-test-"));

/** What `clausediff diff` writes for two drafts named by their file names (as the page names a
 * chosen file), run in a folder outside any repository, without a settings file. */
function cli(oldPath, newPath, args, { status = 1, oldName, newName } = {}) {
  const dir = fs.mkdtempSync(path.join(work, "cli-"));
  const names = [oldName ?? path.basename(oldPath), newName ?? path.basename(newPath)];
  fs.copyFileSync(oldPath, path.join(dir, names[0]));
  fs.copyFileSync(newPath, path.join(dir, names[1]));
  const run = spawnSync(bin, ["diff", ...names, "--no-config", ...args], { cwd: dir, encoding: "utf8" });
  assert.equal(run.error, undefined, `${bin} runs`);
  assert.equal(run.status, status, run.stderr);
  return { stdout: run.stdout, stderr: run.stderr };
}

let browser;

before(async () => {
  assert.ok(fs.existsSync(app), `${app} is built (bash web/build.sh)`);
  assert.ok(fs.existsSync(bin), `${bin} is built (cargo build)`);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
});

after(async () => {
  await browser?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

/** The app in a new context: every request it makes, every error it logs, ready to compare. */
async function open() {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  const requests = [];
  context.on("request", (request) => requests.push(request.url()));
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.goto(appUrl);
  await page.evaluate(() => window.clausediff.ready);
  return { context, page, requests, errors };
}

/** Compares the two drafts already chosen on the page and waits for the report or the error. */
async function compare(page) {
  await page.click("#compare");
  await page.waitForFunction(
    () => !document.querySelector("#compare").disabled &&
      (!document.querySelector("#report").hidden || !document.querySelector("#error").hidden),
  );
  const error = await page.locator("#error");
  return (await error.isVisible()) ? error.textContent() : null;
}

async function download(page, selector) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.click(selector)]);
  return { name: file.suggestedFilename(), text: fs.readFileSync(await file.path(), "utf8") };
}

/** The rows of the shown report's findings table: [severity, message], as drawn. */
async function shownFindings(page) {
  const frame = page.frameLocator("#report-frame");
  await frame.locator("table.findings").waitFor();
  return frame.locator("table.findings tr.finding").evaluateAll((rows) =>
    rows.map((row) => [row.className.split("sev-")[1], row.lastElementChild.textContent]),
  );
}

test("the page loads with its policy and makes no request but its own", async () => {
  const { page, requests, errors, context } = await open();
  const policy = Object.fromEntries(
    (await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content"))
      .split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources]));
  // Nothing is allowed but the page's one script (by its hash), compiling WebAssembly, a worker from
  // a blob: URL and inline styles; no source of requests (connect, img, font, media, frame, …).
  assert.deepEqual(Object.keys(policy).sort(),
    ["base-uri", "default-src", "form-action", "script-src", "style-src", "worker-src"]);
  assert.deepEqual(policy["default-src"], ["'none'"]);
  assert.equal(policy["script-src"].length, 2);
  assert.match(policy["script-src"][0], /^'sha256-[A-Za-z0-9+/]{43}='$/);
  assert.equal(policy["script-src"][1], "'wasm-unsafe-eval'");
  assert.deepEqual(policy["worker-src"], ["blob:"]);
  assert.deepEqual(policy["style-src"], ["'unsafe-inline'"]);
  assert.deepEqual(policy["base-uri"], ["'none'"]);
  assert.deepEqual(policy["form-action"], ["'none'"]);

  const text = (file) => fs.readFileSync(file, "utf8");
  await page.evaluate(([a, b]) => window.clausediff.diff(a, b, { oldName: "draft.txt", newName: "final.txt" }),
    [text(DRAFT), text(FINAL)]);
  await page.setInputFiles("#old", DRAFT);
  await page.setInputFiles("#new", FINAL);
  assert.equal(await compare(page), null);
  await download(page, "#download-json");
  // The worker's script is the page's own text, as a blob: URL of the page's origin.
  const foreign = requests.filter((url) => url !== appUrl && !url.startsWith("blob:"));
  assert.deepEqual(foreign, [], "requests besides the page");
  assert.equal(requests.filter((url) => url === appUrl).length, 1, "the page is loaded once");
  assert.deepEqual(errors, []);

  // Even a script that tried could not reach the network, from the page or from its worker.
  const blocked = await page.evaluate(async () => {
    const violations = [];
    document.addEventListener("securitypolicyviolation", (e) => violations.push(e.effectiveDirective));
    const tries = [
      fetch("http://127.0.0.1:9/leak").then(() => "fetched", () => "refused"),
      new Promise((resolve) => {
        const img = new Image();
        img.onload = () => resolve("loaded");
        img.onerror = () => resolve("refused");
        img.src = "http://127.0.0.1:9/leak.png";
      }),
      new Promise((resolve) => {
        const worker = new Worker(URL.createObjectURL(new Blob(
          ['fetch("http://127.0.0.1:9/leak").then(() => postMessage("fetched"), () => postMessage("refused"))'],
          { type: "text/javascript" })));
        worker.onmessage = ({ data }) => resolve(data);
      }),
    ];
    const outcomes = await Promise.all(tries);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { outcomes, violations };
  });
  assert.deepEqual(blocked.outcomes, ["refused", "refused", "refused"]);
  assert.ok(blocked.violations.includes("connect-src"), `violations: ${blocked.violations}`);
  assert.ok(blocked.violations.includes("img-src"), `violations: ${blocked.violations}`);
  await context.close();
});

test("the API gives the command line's reports byte for byte", async () => {
  const { page, errors, context } = await open();
  const diff = (oldPath, newPath, options) =>
    page.evaluate(([a, b, o]) => window.clausediff.diff(a, b, o),
      [fs.readFileSync(oldPath, "utf8"), fs.readFileSync(newPath, "utf8"), options]);
  const names = { oldName: "draft.txt", newName: "final.txt" };

  const json = await diff(DRAFT, FINAL, names);
  assert.equal(typeof json, "string");
  const expected = cli(DRAFT, FINAL, ["--format", "json"]).stdout;
  assert.equal(json, expected);
  const report = JSON.parse(json);
  assert.ok(report.findings.length > 10, "the pair has findings");
  assert.equal(report.old.label, "draft.txt");

  assert.equal(await diff(DRAFT, FINAL, { ...names, output: "html" }),
    cli(DRAFT, FINAL, ["--format", "html"]).stdout);
  assert.equal(await diff(DRAFT, FINAL, { ...names, minSeverity: "medium" }),
    cli(DRAFT, FINAL, ["--format", "json", "--min-severity", "medium"]).stdout);
  // Markdown by the file names' extension, as on the command line; and the format given.
  const v1 = fixture("cases/markdown-sections/v1.md");
  const v2 = fixture("cases/markdown-sections/v2.md");
  const markdown = await diff(v1, v2, { oldName: "v1.md", newName: "v2.md" });
  assert.equal(markdown, cli(v1, v2, ["--format", "json"]).stdout);
  assert.equal(JSON.parse(markdown).old.format, "markdown");
  assert.equal(await diff(v1, v2, { oldName: "v1.txt", newName: "v2.txt", format: "markdown" }),
    cli(v1, v2, ["--format", "json", "--input-format", "markdown"], { oldName: "v1.txt", newName: "v2.txt" }).stdout);
  // Identical drafts: an empty report, as `clausediff diff` exits 0 with.
  assert.equal(await diff(DRAFT, DRAFT, { oldName: "draft.txt", newName: "final.txt" }),
    cli(DRAFT, DRAFT, ["--format", "json"], { status: 0, oldName: "draft.txt", newName: "final.txt" }).stdout);
  assert.deepEqual(errors, []);
  await context.close();
});

test("Word documents, web pages and legacy encodings read as on the command line", async () => {
  const { page, errors, context } = await open();
  const diff = (oldPath, newPath, options) =>
    page.evaluate(([a, b, o]) => window.clausediff.diff(new Uint8Array(a), new Uint8Array(b), o),
      [[...fs.readFileSync(oldPath)], [...fs.readFileSync(newPath)], options]);
  const pairs = [
    [fixture("docx/treaty-v1.docx"), fixture("docx/treaty-v2.docx"), "docx"],
    [fixture("formats/joint-statement-draft.html"), fixture("formats/joint-statement-final.html"), "html"],
  ];
  // A Windows-1252 draft against its UTF-8 revision: detected, decoded, and noted, as the CLI does.
  const latin = path.join(work, "v1.txt");
  const utf8 = path.join(work, "v2.txt");
  fs.writeFileSync(latin, Buffer.from("1. Les Parties s'engagent \xe0 coop\xe9rer pleinement.\n", "latin1"));
  fs.writeFileSync(utf8, "1. Les Parties s'engagent à coopérer.\n");
  pairs.push([latin, utf8, "text"]);
  for (const [oldPath, newPath, format] of pairs) {
    const names = { oldName: path.basename(oldPath), newName: path.basename(newPath) };
    const json = await diff(oldPath, newPath, names);
    assert.equal(json, cli(oldPath, newPath, ["--format", "json"]).stdout, `${format} pair`);
    const report = JSON.parse(json);
    assert.equal(report.old.format, format);
    assert.ok(report.findings.length > 0, `the ${format} pair has findings`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test("a Word file's tracked changes compare as diff --tracked does, by API and by the form", async () => {
  const { page, errors, context } = await open();
  const file = fixture("docx/treaty-tracked.docx");
  const dir = fs.mkdtempSync(path.join(work, "tracked-"));
  fs.copyFileSync(file, path.join(dir, "treaty-tracked.docx"));
  const run = spawnSync(bin, ["diff", "--tracked", "treaty-tracked.docx", "--no-config", "--format", "json"],
    { cwd: dir, encoding: "utf8" });
  assert.equal(run.status, 1, run.stderr);
  const expected = run.stdout;
  const report = JSON.parse(expected);
  assert.ok(report.findings.some((f) => f.revision?.author), "findings name the revision's author");

  const json = await page.evaluate((b) => window.clausediff.diff(new Uint8Array(b), null,
    { oldName: "treaty-tracked.docx", tracked: true }), [...fs.readFileSync(file)]);
  assert.equal(json, expected);

  // The form: the new draft's box is not needed, and the JSON download is the CLI's report.
  await page.check("#tracked");
  assert.ok(await page.isDisabled("#new"));
  await page.setInputFiles("#old", file);
  assert.equal(await compare(page), null);
  const saved = await download(page, "#download-json");
  assert.equal(saved.name, "treaty-tracked-tracked.clausediff.json");
  assert.equal(saved.text, expected);
  // A file that is not a Word document is refused in words.
  await page.setInputFiles("#old", DRAFT);
  assert.match(await compare(page), /^draft\.txt: tracked changes are compared in a Word document/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("file inputs show the report, and its downloads are the command line's", async () => {
  const { page, errors } = await open();
  await page.setInputFiles("#old", DRAFT);
  await page.setInputFiles("#new", FINAL);
  assert.match(await page.textContent("#old-status"), /^File: draft\.txt \(/);
  assert.equal(await compare(page), null);

  const expected = cli(DRAFT, FINAL, ["--format", "json"]).stdout;
  const findings = JSON.parse(expected).findings;
  const shown = await shownFindings(page);
  assert.equal(shown.length, findings.length, "one row per finding");
  const key = ([severity, message]) => `${severity} ${message}`;
  assert.deepEqual(shown.map(key).sort(), findings.map((f) => key([f.severity, f.message])).sort());
  assert.match(await page.textContent("#status"), new RegExp(`${findings.length} findings, highest high`));

  const json = await download(page, "#download-json");
  assert.equal(json.name, "draft-vs-final.clausediff.json");
  assert.equal(json.text, expected);
  const html = await download(page, "#download-html");
  assert.equal(html.text, cli(DRAFT, FINAL, ["--format", "html"]).stdout);

  // The report's own switches and links work inside the page: the severity filter hides rows, and a
  // finding's link scrolls to its clause without leaving the report.
  const frame = page.frameLocator("#report-frame");
  await frame.locator("label[for=only-high]").click();
  const visible = await frame.locator("table.findings tr.finding").evaluateAll(
    (rows) => rows.filter((row) => row.getBoundingClientRect().height > 0).length);
  assert.equal(visible, findings.filter((f) => f.severity === "high").length);
  const link = frame.locator("table.findings tr.finding.sev-high a").last();
  const target = (await link.getAttribute("href")).slice(1);
  await link.click();
  await page.waitForTimeout(100);
  const landed = await frame.locator(`[id="${target}"]`).evaluate((el) => ({
    top: el.getBoundingClientRect().top,
    height: el.ownerDocument.defaultView.innerHeight,
    scrolled: el.ownerDocument.defaultView.scrollY,
    url: el.ownerDocument.URL,
  }));
  assert.ok(landed.scrolled > 0 && landed.top >= 0 && landed.top < landed.height - 40,
    `the clause is scrolled into view: ${JSON.stringify(landed)}`);
  assert.equal(landed.url, "about:srcdoc", "the frame still shows the report");
  await frame.locator("label[for=only-all]").click();
  await frame.locator("html").evaluate((html) => html.ownerDocument.defaultView.scrollTo(0, 0));

  fs.mkdirSync(path.dirname(app), { recursive: true });
  await page.screenshot({ path: path.join(root, "target/web/clausediff.png"), fullPage: true });
  assert.deepEqual(errors, []);
  await page.context().close();
});

test("drag and drop and pasted text are drafts too", async () => {
  const { page, errors, context } = await open();
  const drop = (zone, name, text) => page.evaluate(([zone, name, text]) => {
    const data = new DataTransfer();
    data.items.add(new File([text], name, { type: "text/plain" }));
    document.getElementById(zone).dispatchEvent(
      new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
  }, [zone, name, text]);
  await drop("old-drop", "draft.txt", fs.readFileSync(DRAFT, "utf8"));
  await drop("new-drop", "final.txt", fs.readFileSync(FINAL, "utf8"));
  assert.match(await page.textContent("#new-status"), /^File: final\.txt/);
  assert.equal(await compare(page), null);
  assert.equal((await download(page, "#download-json")).text, cli(DRAFT, FINAL, ["--format", "json"]).stdout);

  // Pasting replaces the dropped file; pasted text is named as such.
  await page.fill("#new-text", fs.readFileSync(FINAL, "utf8"));
  assert.match(await page.textContent("#new-status"), /^Pasted text \(/);
  assert.equal(await compare(page), null);
  const report = JSON.parse((await download(page, "#download-json")).text);
  assert.equal(report.new.label, "new (pasted)");
  assert.equal(report.old.label, "draft.txt");
  assert.deepEqual(report.findings.map((f) => f.message),
    JSON.parse(cli(DRAFT, FINAL, ["--format", "json"]).stdout).findings.map((f) => f.message));

  // Markup in a draft is text in the report: nothing in it runs, in the report or in the page.
  const hostile = "<script>parent.document.body.dataset.pwned = 'script'</script>" +
    "<img src=x onerror=\"parent.document.body.dataset.pwned = 'img'\">";
  await page.fill("#new-text", `${fs.readFileSync(FINAL, "utf8")}\n\n15. The Parties note ${hostile} this.\n`);
  assert.equal(await compare(page), null);
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => document.body.dataset.pwned ?? null), null);
  const shownText = await page.frameLocator("#report-frame").locator("body").textContent();
  assert.ok(shownText.includes(hostile), "the markup shows as text");
  assert.deepEqual(errors, []);
  await context.close();
});

test("bytes that are not text give the library's one-line message", async () => {
  const { page, context } = await open();
  await page.setInputFiles("#old", DRAFT);
  await page.setInputFiles("#new", FINAL);
  assert.equal(await compare(page), null);
  const cases = [
    { name: "draft.docx", bytes: Buffer.from("PK\x03\x04\x14\x00\x06\x00", "latin1") },
    // Damaged UTF-8: a legacy-encoded file would be read by the command line's detector, which
    // the page leaves out, so the case both refuse alike is UTF-8 broken after a multi-byte letter.
    { name: "old.txt", bytes: Buffer.concat([Buffer.from("déclaration ", "utf8"), Buffer.from([0xff])]) },
  ];
  for (const { name, bytes } of cases) {
    const file = path.join(work, name);
    fs.writeFileSync(file, bytes);
    const { stderr } = cli(file, FINAL, ["--format", "json"], { status: 2 });
    const message = stderr.trim().replace(/^clausediff: error: /, "");
    assert.match(message, new RegExp(`^${name.replace(".", "\\.")}: (not a readable Word document|invalid UTF-8)`));
    await page.setInputFiles("#old", { name, mimeType: "application/octet-stream", buffer: bytes });
    await page.setInputFiles("#new", FINAL);
    assert.equal(await compare(page), message);
    assert.ok(await page.isHidden("#report"), "no report is left from the drafts before");
    const thrown = await page.evaluate(([b, n]) => window.clausediff
      .diff(new Uint8Array(b), "1. Text.", { oldName: n }).then(() => null, (e) => e.message),
      [[...bytes], name]);
    assert.equal(thrown, message);
  }
  // The page still works after an error.
  await page.setInputFiles("#old", DRAFT);
  await page.setInputFiles("#new", FINAL);
  assert.equal(await compare(page), null);
  await context.close();
});

test("the form is labelled and works from the keyboard", async () => {
  const { page, context } = await open();
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll("input, select, textarea, button")]
      .filter((el) => el.tagName !== "BUTTON" ? el.labels.length === 0 : !el.textContent.trim())
      .map((el) => el.id));
  assert.deepEqual(unlabelled, []);
  const order = [];
  await page.locator("body").focus();
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press("Tab");
    order.push(await page.evaluate(() => document.activeElement.id));
  }
  assert.deepEqual(order,
    ["old", "old-text", "new", "new-text", "input-format", "min-severity", "tracked", "compare"]);
  // The tracked-changes box toggles from the keyboard, and the new draft's box with it.
  await page.focus("#tracked");
  await page.keyboard.press("Space");
  assert.ok(await page.isChecked("#tracked") && await page.isDisabled("#new-text"));
  await page.keyboard.press("Space");
  assert.ok(!await page.isChecked("#tracked") && await page.isEnabled("#new-text"));
  await page.setInputFiles("#old", DRAFT);
  await page.setInputFiles("#new", FINAL);
  await page.selectOption("#min-severity", "high");
  await page.focus("#compare");
  await page.keyboard.press("Enter");
  await page.locator("#report").waitFor();
  await page.waitForFunction(() => !document.querySelector("#compare").disabled);
  const shown = await shownFindings(page);
  assert.ok(shown.length > 0 && shown.every(([severity]) => severity === "high"), JSON.stringify(shown));
  await context.close();
});

test("a long comparison runs off the page's thread, with progress", async () => {
  const { page, context, errors } = await open();
  // About 2 MB a side: the fixture's clauses, renumbered, many times over.
  const clauses = fs.readFileSync(DRAFT, "utf8").split(/\n\s*\n/).map((c) => c.replace(/^\d+\.\s*/, ""));
  const big = (shift) => Array.from({ length: 6000 }, (_, i) =>
    `${i + 1}. ${clauses[(i + shift) % clauses.length]}`).join("\n\n");
  const probe = await page.evaluate(async ([a, b]) => {
    const steps = [];
    const status = document.getElementById("status");
    new MutationObserver(() => steps.push(status.textContent)).observe(status, { childList: true, subtree: true, characterData: true });
    let longest = 0;
    let last = performance.now();
    let running = true;
    const beat = () => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
      if (running) setTimeout(beat, 10);
    };
    beat();
    const started = performance.now();
    const json = await window.clausediff.diff(a, b, { oldName: "a.txt", newName: "b.txt" });
    running = false;
    return { longest, took: performance.now() - started, findings: JSON.parse(json).findings.length };
  }, [big(0), big(3)]);
  assert.ok(probe.findings > 0);
  // The page's thread only hands the drafts over: it never waits for the comparison itself.
  assert.ok(probe.longest < Math.max(250, probe.took / 4), JSON.stringify(probe));

  // Through the form, the progress bar and the status line say which step runs.
  // As a paste does it: the text at once, then one input event (typing 2 MB would take minutes).
  await page.evaluate(([a, b]) => {
    for (const [id, text] of [["old-text", a], ["new-text", b]]) {
      const box = document.getElementById(id);
      box.value = text;
      box.dispatchEvent(new Event("input", { bubbles: true }));
    }
  }, [big(0), big(3)]);
  const seen = page.evaluate(() => new Promise((resolve) => {
    const texts = new Set();
    const status = document.getElementById("status");
    const observer = new MutationObserver(() => {
      texts.add(status.textContent.replace(/… [\d.]+ s$/, ""));
      if (status.textContent.startsWith("Compared")) { observer.disconnect(); resolve([...texts]); }
    });
    observer.observe(status, { childList: true, subtree: true, characterData: true });
  }));
  await page.click("#compare");
  const steps = await seen;
  assert.ok(steps.includes("Comparing the drafts"), JSON.stringify(steps));

  // A report over the size the page lays out unasked waits for the reader's say-so, downloads at once
  // (the size lowered, so a small report stands in for a huge one).
  await page.evaluate(() => { document.getElementById("report").dataset.large = "10000"; });
  await page.setInputFiles("#old", DRAFT);
  await page.setInputFiles("#new", FINAL);
  assert.equal(await compare(page), null);
  assert.ok(await page.isHidden("#report-frame"));
  assert.match(await page.textContent("#large-report"), /^The report is large \(\d[\d.]* KB of HTML, 21 findings\)/);
  assert.ok(JSON.parse((await download(page, "#download-json")).text).findings.length > 0);
  await page.click("#show-report");
  await page.frameLocator("#report-frame").locator("table.findings").waitFor();
  assert.ok(await page.isHidden("#large-report"));
  assert.deepEqual(errors, []);
  await context.close();
});
