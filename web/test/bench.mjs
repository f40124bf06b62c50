// Times the offline app on a pair of drafts: `window.clausediff.diff` in headless Chromium, from the
// page's thread (the drafts handed to the worker, read, compared and rendered there, the report
// handed back): the first comparison after the page opens, then medians of RUNS rounds after three
// warm-up rounds. Prints one JSON line per setting.
//
//   node web/test/bench.mjs OLD NEW [RUNS]     (bench/web.sh runs it beside the CLI; PAGE=… for
//   another build of the page than target/web/clausediff.html)

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { chromium } from "playwright-core";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const [oldPath, newPath, runsArg] = process.argv.slice(2);
if (!oldPath || !newPath) {
  console.error("usage: node web/test/bench.mjs OLD NEW [RUNS]");
  process.exit(2);
}
const runs = Number(runsArg ?? 10);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
try {
  const page = await browser.newPage();
  await page.goto(pathToFileURL(process.env.PAGE ?? path.join(root, "target/web/clausediff.html")).href);
  await page.evaluate(() => window.clausediff.ready);
  const texts = [fs.readFileSync(oldPath, "utf8"), fs.readFileSync(newPath, "utf8")];
  const names = { oldName: path.basename(oldPath), newName: path.basename(newPath) };
  const settings = [
    ["json", { ...names }],
    ["json, no diff deadline", { ...names, diffTimeout: 0 }],
    ["html", { ...names, output: "html" }],
  ];
  // The first comparison after the page opens runs the module's baseline code (the browser compiles
  // optimised code for hot functions while it runs): timed alone. Then three warm-up rounds and
  // RUNS rounds, the settings taking turns, so a slow spell of a shared machine falls on all alike.
  const time = (options) => page.evaluate(async ([a, b, options]) => {
    const started = performance.now();
    await window.clausediff.diff(a, b, options);
    return performance.now() - started;
  }, [...texts, options]);
  const first = await time(settings[0][1]);
  console.log(JSON.stringify({ setting: "json, first comparison after the page opens", runs: 1,
    median_ms: +first.toFixed(1), min_ms: +first.toFixed(1), max_ms: +first.toFixed(1) }));
  const times = settings.map(() => []);
  for (let round = 0; round < 3 + runs; round++) {
    for (const [i, [, options]] of settings.entries()) {
      const took = await time(options);
      if (round >= 3) times[i].push(took);
    }
  }
  for (const [i, [label]] of settings.entries()) {
    const sorted = times[i].sort((x, y) => x - y);
    const median = sorted[Math.floor(sorted.length / 2)];
    console.log(JSON.stringify({ setting: label, runs, median_ms: +median.toFixed(1),
      min_ms: +sorted[0].toFixed(1), max_ms: +sorted.at(-1).toFixed(1) }));
  }
} finally {
  await browser.close();
}
