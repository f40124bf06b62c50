//! The HTML report in a real headless browser (Debian's chromium, installed by `.ci/run`): the page
//! shows every change and finding, a `<script>` in a draft stays text, and a screenshot is kept under
//! `target/` as a CI artefact.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::clausediff;

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .map(|name| Path::new("/usr/bin").join(name))
        .find(|p| p.exists())
}

/// The browser and the folder for the pages and screenshots it makes; `None` (the test skips) only
/// off CI on a machine without chromium.
#[allow(clippy::print_stderr, reason = "says why a test is skipped")]
fn browser() -> Option<(PathBuf, PathBuf)> {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install chromium (.ci/run does)"
        );
        eprintln!("skipped: no chromium on this machine (CI installs it)");
        return None;
    };
    let out_dir = crate::root().join("target/browser");
    std::fs::create_dir_all(&out_dir).unwrap();
    Some((browser, out_dir))
}

/// Every in-page link of a rendered page leads to an element of the page.
fn assert_links_resolve(dom: &str) {
    for link in dom.split("href=\"#").skip(1) {
        let target = link.split('"').next().unwrap();
        assert!(
            dom.contains(&format!("id=\"{target}\"")),
            "no element {target}"
        );
    }
}

/// Screenshots `page` 1280 pixels wide into `shot`, a CI artefact, and checks it is an image.
fn screenshot(browser: &Path, profile: &Path, page: &Path, shot: &Path, height: u32) {
    let _ = std::fs::remove_file(shot);
    let output = headless(browser, profile)
        .arg(format!("--window-size=1280,{height}"))
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(std::fs::read(shot).unwrap().starts_with(b"\x89PNG"));
}

fn headless(browser: &Path, profile: &Path) -> Command {
    let mut cmd = Command::new(browser);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    cmd
}

#[test]
fn the_html_report_renders_in_a_headless_browser() {
    let Some((browser, out_dir)) = browser() else {
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let final_text =
        std::fs::read_to_string(crate::root().join("fixtures/joint-statement/final.txt")).unwrap();
    let hostile = work.path().join("final-with-script.txt");
    std::fs::write(
        &hostile,
        format!(
            "{final_text}\n15. The Parties note <script>document.documentElement.setAttribute('data-pwned', 'yes')</script> this text.\n"
        ),
    )
    .unwrap();
    let old = crate::root().join("fixtures/joint-statement/draft.txt");
    let report = out_dir.join("report.html");
    let run = |format: &str, output: &Path| {
        clausediff()
            .args([
                "diff",
                old.to_str().unwrap(),
                hostile.to_str().unwrap(),
                "--format",
                format,
            ])
            .arg("--output")
            .arg(output)
            .assert()
            .code(1);
    };
    run("html", &report);
    let json_path = work.path().join("report.json");
    run("json", &json_path);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json_path).unwrap()).unwrap();

    let profile = work.path().join("profile");
    let dom = headless(&browser, &profile)
        .arg("--dump-dom")
        .arg(format!("file://{}", report.display()))
        .output()
        .expect("chromium runs");
    assert!(
        dom.status.success(),
        "{}",
        String::from_utf8_lossy(&dom.stderr)
    );
    let dom = String::from_utf8(dom.stdout).unwrap();

    let (mut deleted, mut inserted) = (0, 0);
    for clause in json["clauses"].as_array().unwrap() {
        if clause["status"] == "unchanged" {
            continue;
        }
        for edit in clause["edits"].as_array().unwrap() {
            let op = edit["op"].as_str().unwrap();
            deleted += usize::from(op == "delete" || op == "replace");
            inserted += usize::from(op == "insert" || op == "replace");
        }
    }
    assert!(deleted > 0 && inserted > 0);
    assert_eq!(dom.matches("<del>").count(), deleted, "<del> elements");
    assert_eq!(dom.matches("<ins>").count(), inserted, "<ins> elements");
    assert_eq!(
        dom.matches("<tr class=\"finding ").count(),
        json["findings"].as_array().unwrap().len(),
        "findings rows"
    );
    assert!(
        !dom.contains("data-pwned=\"yes\""),
        "the draft's script ran"
    );
    let html_tag = dom
        .find("<html")
        .map(|at| &dom[at..at + dom[at..].find('>').unwrap_or(0)]);
    assert_eq!(
        html_tag,
        Some("<html lang=\"en\""),
        "the draft's script set no attribute"
    );
    assert!(!dom.contains("<script"), "the page holds no script element");
    assert!(
        dom.contains("&lt;script&gt;document.documentElement.setAttribute"),
        "the script shows as text"
    );

    let screenshot = out_dir.join("report.png");
    let _ = std::fs::remove_file(&screenshot);
    let shot = headless(&browser, &profile)
        .arg("--window-size=1280,2400")
        .arg(format!("--screenshot={}", screenshot.display()))
        .arg(format!("file://{}", report.display()))
        .output()
        .expect("chromium runs");
    assert!(
        shot.status.success(),
        "{}",
        String::from_utf8_lossy(&shot.stderr)
    );
    let png = std::fs::read(&screenshot).unwrap();
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "a real screenshot"
    );
}

/// Runs in a copy of a report (the report itself holds no script): reads the findings rows in the
/// order they are drawn, flips the order switch and the side-by-side view by clicking their labels,
/// and reports the separators, the pane headings and the badge colours as JSON in `<pre id="probe">`.
const PROBE: &str = r#"<script>
(() => {
  const drawn = () => [...document.querySelectorAll("table.findings tr.finding")]
    .map(row => ({ top: row.getBoundingClientRect().top,
                   severity: row.className.split("sev-")[1],
                   place: parseInt(row.style.getPropertyValue("--clause")) }))
    .sort((a, b) => a.top - b.top)
    .map(row => [row.severity, row.place]);
  const click = id => document.querySelector(`label[for=${id}]`).click();
  const probe = { by_severity: drawn() };
  click("order-clause");
  probe.by_clause = drawn();
  click("order-severity");
  probe.back = drawn();
  probe.separators = [...document.querySelectorAll(".redline .sep")].map(sep => ({
    between: `${sep.previousSibling.nodeName}+${sep.nextSibling.nodeName}`,
    drawn: getComputedStyle(sep, "::before").content,
    width: sep.getBoundingClientRect().width,
    text: sep.textContent,
    hidden: sep.getAttribute("aria-hidden"),
  }));
  probe.unseparated = [...document.querySelectorAll(".redline del")]
    .filter(del => del.nextSibling && del.nextSibling.nodeName === "INS").length;
  const redline = document.querySelector(".redline .sep").parentElement;
  const selection = getSelection();
  selection.selectAllChildren(redline);
  probe.copied = selection.toString() === redline.textContent;
  selection.removeAllRanges();
  const sides = () => [...document.querySelectorAll(".sbs .side")]
    .map(side => [side.textContent, side.getBoundingClientRect().height > 0]);
  probe.sides_hidden = sides();
  click("view-sbs");
  probe.sides = sides();
  probe.sbs = document.querySelectorAll(".sbs").length;
  probe.badges = Object.fromEntries(["unchanged", "renumbered", "modified", "removed"].map(status => {
    const badge = document.querySelector(`.badge.status-${status}`);
    const style = getComputedStyle(badge);
    return [status, [style.color, style.backgroundColor, badge.title]];
  }));
  const out = document.createElement("pre");
  out.id = "probe";
  out.textContent = JSON.stringify(probe);
  document.body.append(out);
})();
</script>"#;

/// The JSON a page with [`PROBE`] wrote, read from the DOM chromium dumps.
fn probe(browser: &Path, profile: &Path, page: &Path) -> serde_json::Value {
    let dom = headless(browser, profile)
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(
        dom.status.success(),
        "{}",
        String::from_utf8_lossy(&dom.stderr)
    );
    let dom = String::from_utf8(dom.stdout).unwrap();
    let start = dom.find("<pre id=\"probe\">").expect("the probe ran") + "<pre id=\"probe\">".len();
    let text = &dom[start..start + dom[start..].find("</pre>").unwrap()];
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    serde_json::from_str(&text).unwrap()
}

/// `rgb(r, g, b)` as computed by the browser → WCAG relative luminance.
fn luminance(css: &str) -> f64 {
    let channels: Vec<f64> = css
        .trim_start_matches("rgb(")
        .trim_end_matches(')')
        .split(',')
        .map(|c| c.trim().parse::<f64>().unwrap() / 255.0)
        .collect();
    let linear = |c: f64| {
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(channels[0]) + 0.7152 * linear(channels[1]) + 0.0722 * linear(channels[2])
}

fn contrast(a: &str, b: &str) -> f64 {
    let (a, b) = (luminance(a), luminance(b));
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

/// What a reader does with the report's switches, in a real browser: the order switch reorders the
/// findings as drawn, replacements show a separator that copied text does not get, the side-by-side
/// panes are headed with the drafts' labels, and renumbered and unchanged badges differ in colour,
/// each readable (WCAG AA).
#[test]
fn the_html_report_switches_and_marks_work_in_a_headless_browser() {
    let Some((browser, out_dir)) = browser() else {
        return;
    };
    let work = tempfile::tempdir().unwrap();
    // A label with markup in it must show as text in the pane headings.
    let new = work.path().join("final & <signed>.txt");
    std::fs::copy(
        crate::root().join("fixtures/joint-statement/final.txt"),
        &new,
    )
    .unwrap();
    let page = out_dir.join("report-probe.html");
    clausediff()
        .args(["diff", "fixtures/joint-statement/draft.txt"])
        .arg(&new)
        .args(["--format", "html", "--output"])
        .arg(&page)
        .assert()
        .code(1);
    let html = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, html.replace("</body>", &format!("{PROBE}\n</body>"))).unwrap();
    let probe = probe(&browser, &work.path().join("profile"), &page);

    // Findings: drawn most severe first, clause order within a severity; the switch draws them in
    // clause order; switching back restores the severity order.
    let rows = |key: &str| -> Vec<(String, u64)> {
        probe[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r[0].as_str().unwrap().to_string(), r[1].as_u64().unwrap()))
            .collect()
    };
    let (by_severity, by_clause) = (rows("by_severity"), rows("by_clause"));
    let rank = |s: &str| {
        ["high", "medium", "low", "info"]
            .iter()
            .position(|&n| n == s)
            .unwrap()
    };
    assert!(by_severity.len() > 10);
    assert!(
        by_severity
            .windows(2)
            .all(|w| (rank(&w[0].0), w[0].1) < (rank(&w[1].0), w[1].1)),
        "{by_severity:?}"
    );
    let places: Vec<u64> = by_clause.iter().map(|r| r.1).collect();
    assert_eq!(places, (1..=by_clause.len() as u64).collect::<Vec<_>>());
    assert_ne!(by_severity, by_clause, "the switch changed the drawn order");
    assert_eq!(rows("back"), by_severity);

    // Separators: one between each deletion and the insertion replacing it, drawn and visible,
    // with no text of their own and hidden from assistive technology; copied text is unchanged.
    let separators = probe["separators"].as_array().unwrap();
    assert!(!separators.is_empty());
    for sep in separators {
        assert_eq!(sep["between"], "DEL+INS", "{sep}");
        assert_eq!(sep["drawn"], "\"→\"", "{sep}");
        assert!(sep["width"].as_f64().unwrap() > 2.0, "{sep}");
        assert_eq!(sep["text"], "", "{sep}");
        assert_eq!(sep["hidden"], "true", "{sep}");
    }
    assert_eq!(
        probe["unseparated"], 0,
        "a deletion runs into its insertion"
    );
    assert_eq!(probe["copied"], true, "copied text gained the separator");

    // Side-by-side panes: an Old and a New heading per pair, shown only with the view on.
    let sides = probe["sides"].as_array().unwrap();
    assert_eq!(sides.len(), 2 * probe["sbs"].as_u64().unwrap() as usize);
    let new_heading = format!("New — {}", new.display());
    for pair in sides.chunks(2) {
        assert_eq!(pair[0][0], "Old — fixtures/joint-statement/draft.txt");
        assert_eq!(pair[1][0], new_heading.as_str());
        assert!(pair.iter().all(|side| side[1] == true), "{pair:?}");
    }
    assert!(
        probe["sides_hidden"]
            .as_array()
            .unwrap()
            .iter()
            .all(|side| side[1] == false)
    );

    // Badges: renumbered and unchanged differ, each readable on its background, each titled.
    let badge = |status: &str| {
        let b = &probe["badges"][status];
        (
            b[0].as_str().unwrap().to_string(),
            b[1].as_str().unwrap().to_string(),
            b[2].as_str().unwrap().to_string(),
        )
    };
    assert_ne!(badge("unchanged").0, badge("renumbered").0);
    assert_ne!(badge("unchanged").1, badge("renumbered").1);
    for status in ["unchanged", "renumbered", "modified", "removed"] {
        let (text, background, title) = badge(status);
        let ratio = contrast(&text, &background);
        assert!(
            ratio >= 4.5,
            "{status}: {text} on {background} is {ratio:.2}:1"
        );
        assert!(title.starts_with(status), "{status}: {title}");
    }
    screenshot(
        &browser,
        &work.path().join("profile"),
        &page,
        &out_dir.join("report-probe.png"),
        2400,
    );
}

#[test]
fn the_history_grid_renders_in_a_headless_browser() {
    let Some((browser, out_dir)) = browser() else {
        return;
    };
    let drafts: Vec<String> = (1..=4)
        .map(|k| format!("fixtures/joint-statement-drafts/draft-{k}.txt"))
        .collect();
    let page = out_dir.join("history.html");
    clausediff()
        .arg("history")
        .args(&drafts)
        .args(["--format", "html", "--output"])
        .arg(&page)
        .assert()
        .code(1);
    let json = clausediff()
        .arg("history")
        .args(&drafts)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let work = tempfile::tempdir().unwrap();
    let dom = headless(&browser, &work.path().join("profile"))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(dom.status.success());
    let dom = String::from_utf8(dom.stdout).unwrap();

    let clauses = json["clauses"].as_array().unwrap();
    let versions = json["versions"].as_array().unwrap().len();
    // One row per clause, one cell per version.
    assert_eq!(dom.matches("<tr id=\"lineage-").count(), clauses.len());
    assert_eq!(
        dom.matches("<td class=\"cell ").count(),
        clauses.len() * versions
    );
    // A removed cell for every removal, an added one for every clause that appears after the first version.
    let events = |name: &str| {
        clauses
            .iter()
            .flat_map(|c| c["events"].as_array().unwrap())
            .filter(|e| e["event"] == name)
            .count()
    };
    assert_eq!(
        dom.matches("<td class=\"cell removed\">").count(),
        events("removed") + events("merged_into")
    );
    assert_eq!(
        dom.matches("<td class=\"cell added\">").count(),
        events("introduced") + events("split_from") + events("restored")
    );
    // The disputed-islands sentence: softened in draft 2, removed in draft 3.
    let row_start = dom.find("The Russian side welcomes").unwrap();
    let row = &dom[row_start..row_start + dom[row_start..].find("</tr>").unwrap()];
    let cells: Vec<&str> = row
        .split("<td class=\"cell ")
        .skip(1)
        .map(|c| c.split('"').next().unwrap())
        .collect();
    assert_eq!(cells, ["unchanged", "softened", "removed", "absent"]);
    // Every cell link leads to a redline on the page.
    assert_links_resolve(&dom);
    assert!(!dom.contains("<script"));
    screenshot(
        &browser,
        &work.path().join("profile"),
        &page,
        &out_dir.join("history.png"),
        1600,
    );
}

#[test]
fn the_folder_report_renders_in_a_headless_browser() {
    let Some((browser, out_dir)) = browser() else {
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let (old, new) = (work.path().join("old"), work.path().join("new"));
    for dir in [&old, &new] {
        std::fs::create_dir_all(dir).unwrap();
    }
    let fixture = |name: &str| crate::root().join("fixtures").join(name);
    std::fs::copy(fixture("joint-statement/draft.txt"), old.join("joint.txt")).unwrap();
    std::fs::copy(fixture("joint-statement/final.txt"), new.join("joint.txt")).unwrap();
    std::fs::copy(fixture("cases/clause-split/v1.txt"), old.join("split.txt")).unwrap();
    std::fs::copy(fixture("cases/clause-split/v2.txt"), new.join("split.txt")).unwrap();
    std::fs::copy(
        fixture("joint-statement-drafts/draft-1.txt"),
        old.join("gone.txt"),
    )
    .unwrap();
    let page = out_dir.join("folder.html");
    clausediff()
        .arg("diff")
        .args([&old, &new])
        .args(["--format", "html", "--output"])
        .arg(&page)
        .assert()
        .code(1);
    let dom = headless(&browser, &work.path().join("profile"))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(dom.status.success());
    let dom = String::from_utf8(dom.stdout).unwrap();
    // A section per document with differences, each with its own findings table and clauses.
    assert_eq!(dom.matches("<section class=\"file\"").count(), 3);
    assert_eq!(dom.matches("<section id=\"file-").count(), 4);
    assert_links_resolve(&dom);
    screenshot(
        &browser,
        &work.path().join("profile"),
        &page,
        &out_dir.join("folder.png"),
        2400,
    );
}
