// The comparison, off the page's thread. web/build.sh puts the module (`WASM`, gzip, base64) and
// wasm-bindgen's glue (`wasm_bindgen`, `--target no-modules`) before this code, and the page starts
// the whole as a Web Worker from a blob: URL, so nothing is fetched.
"use strict";

const loaded = (async () => {
  const binary = atob(WASM);
  const packed = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) packed[i] = binary.charCodeAt(i);
  // Inflated by the browser (no request: a Response over a local stream is not a fetch).
  const inflated = new Blob([packed]).stream().pipeThrough(new DecompressionStream("gzip"));
  const bytes = new Uint8Array(await new Response(inflated).arrayBuffer());
  await wasm_bindgen({ module_or_path: bytes });
  return JSON.parse(wasm_bindgen.choices());
})();

loaded.then(
  (choices) => postMessage({ type: "ready", choices }),
  (error) => postMessage({ type: "broken", message: `the comparison module did not start: ${error}` }),
);

// A job: { id, old, new, settings, outputs }, each side { name, file, format, bytes (ArrayBuffer) };
// `new` is null for the tracked changes of the old side's Word document.
// Answers: progress messages, then one "done" with the reports by format, or one "failed".
self.onmessage = async ({ data: job }) => {
  await loaded;
  const steps = (job.new ? 3 : 1) + job.outputs.length;
  let step = 0;
  const progress = (text) => postMessage({ id: job.id, type: "progress", step: ++step, steps, text });
  const side = ({ name, file, format }) => JSON.stringify(format ? { name, file, format } : { name, file });
  let old = null;
  let comparison = null;
  try {
    if (!job.new) {
      progress(`Reading the tracked changes of ${job.old.name}`);
      comparison = wasm_bindgen.tracked(new Uint8Array(job.old.bytes), side(job.old), JSON.stringify(job.settings));
    } else {
    progress(`Reading ${job.old.name}`);
    old = wasm_bindgen.read(new Uint8Array(job.old.bytes), side(job.old));
    progress(`Reading ${job.new.name}`);
    const neu = wasm_bindgen.read(new Uint8Array(job.new.bytes), side(job.new));
    progress("Comparing the drafts");
    // compare() takes both drafts over.
    const drafts = [old, neu];
    old = null;
    comparison = wasm_bindgen.compare(drafts[0], drafts[1], JSON.stringify(job.settings));
    }
    const reports = {};
    for (const format of job.outputs) {
      progress(`Writing the ${format.toUpperCase()} report`);
      reports[format] = comparison.render(format);
    }
    const summary = JSON.parse(comparison.summary());
    postMessage({ id: job.id, type: "done", reports, summary });
  } catch (error) {
    // A trap (a bug: the library is written never to panic) leaves the module unusable: the page
    // starts a new worker. Errors the library reports are Error objects with its one-line message.
    const fatal = error instanceof WebAssembly.RuntimeError;
    const message = fatal
      ? `clausediff failed (please report this): ${wasm_bindgen.lastPanic() || error.message}`
      : error.message || String(error);
    postMessage({ id: job.id, type: "failed", message, fatal });
  } finally {
    if (old) old.free();
    if (comparison) comparison.free();
  }
};
