// Times the offline app on a pair of drafts: `window.clausediff.diff` in headless Chromium, from the
// page's thread (the drafts handed to the worker, read, compared and rendered there, the report
// handed back), median of RUNS runs after one warm-up. Prints one JSON line per setting.
//
//   node web/test/bench.mjs OLD NEW [RUNS]     (bench/web.sh runs it beside the CLI)

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
  await page.goto(pathToFileURL(path.join(root, "target/web/clausediff.html")).href);
  await page.evaluate(() => window.clausediff.ready);
  const texts = [fs.readFileSync(oldPath, "utf8"), fs.readFileSync(newPath, "utf8")];
  const names = { oldName: path.basename(oldPath), newName: path.basename(newPath) };
  const settings = [
    ["json", { ...names }],
    ["json, no diff deadline", { ...names, diffTimeout: 0 }],
    ["html", { ...names, output: "html" }],
  ];
  for (const [label, options] of settings) {
    const times = await page.evaluate(async ([a, b, options, runs]) => {
      await window.clausediff.diff(a, b, options);
      const times = [];
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        await window.clausediff.diff(a, b, options);
        times.push(performance.now() - started);
      }
      return times;
    }, [...texts, options, runs]);
    times.sort((x, y) => x - y);
    const median = times[Math.floor(times.length / 2)];
    console.log(JSON.stringify({ setting: label, runs, median_ms: +median.toFixed(1),
      min_ms: +times[0].toFixed(1), max_ms: +times.at(-1).toFixed(1) }));
  }
} finally {
  await browser.close();
}
