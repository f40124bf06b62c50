// The page: two drafts in (file, drop or paste), the report out (shown, and as JSON and HTML
// downloads), and `window.clausediff` for automation. The comparison runs in a Web Worker started
// from the page's own text (a blob: URL): the Content-Security-Policy allows no other source.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const workerUrl = URL.createObjectURL(
    new Blob([$("worker-source").textContent], { type: "text/javascript" }),
  );

  // ---- The worker and the jobs it runs ------------------------------------------------------
  let worker = null;
  let choices = null;
  const jobs = new Map();
  let nextId = 1;

  function startWorker() {
    worker = new Worker(workerUrl);
    return new Promise((resolve, reject) => {
      worker.onmessage = ({ data }) => {
        if (data.type === "ready") {
          choices = data.choices;
          resolve(data.choices);
        } else if (data.type === "broken") {
          reject(new Error(data.message));
        } else {
          answer(data);
        }
      };
      worker.onerror = (event) => {
        event.preventDefault();
        const error = new Error(`the comparison stopped: ${event.message || "unknown error"}`);
        reject(error);
        failAll(error);
        worker.terminate();
        ready = startWorker();
      };
    });
  }

  function answer(data) {
    const job = jobs.get(data.id);
    if (!job) return;
    if (data.type === "progress") {
      job.onProgress(data);
      return;
    }
    jobs.delete(data.id);
    if (data.type === "done") {
      job.resolve(data);
    } else {
      job.reject(new Error(data.message));
      if (data.fatal) {
        worker.terminate();
        ready = startWorker();
      }
    }
  }

  function failAll(error) {
    for (const job of jobs.values()) job.reject(error);
    jobs.clear();
  }

  let ready = startWorker();

  // Runs one comparison: sides are { name, file, format, bytes }; resolves { reports, summary }.
  async function run(old, neu, settings, outputs, onProgress = () => {}) {
    await ready;
    const id = nextId++;
    return new Promise((resolve, reject) => {
      jobs.set(id, { resolve, reject, onProgress });
      worker.postMessage({ id, old, new: neu, settings, outputs }, neu ? [old.bytes, neu.bytes] : [old.bytes]);
    });
  }

  async function bytesOf(value) {
    if (typeof value === "string") return new TextEncoder().encode(value).buffer;
    if (value instanceof ArrayBuffer) return value.slice(0);
    if (ArrayBuffer.isView(value)) {
      return value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength);
    }
    if (value instanceof Blob) return value.arrayBuffer();
    throw new TypeError("a draft is a string, an ArrayBuffer, a typed array or a Blob");
  }

  // ---- The API --------------------------------------------------------------------------------
  // diff(oldText, newText, { oldName, newName, format, minSeverity, diffTimeout, output, tracked }):
  // the report as `clausediff diff --format json OLD NEW` writes it (a string; `output: "html"` for
  // the HTML report). A named draft is read as a file of that name (its extension decides the format,
  // as on the command line); an unnamed one as pasted text, called "old" or "new". With `tracked:
  // true` the old draft is a Word document compared before and after its tracked changes, as
  // `clausediff diff --tracked OLD` does, and `newText` is not read.
  window.clausediff = {
    ready: ready.then(() => undefined),
    async diff(oldText, newText, options = {}) {
      const side = async (value, name, fallback) => ({
        name: name ?? fallback,
        file: name != null,
        format: options.format && options.format !== "auto" ? options.format : undefined,
        bytes: await bytesOf(value),
      });
      const output = options.output ?? "json";
      const settings = {};
      if (options.minSeverity) settings.minSeverity = options.minSeverity;
      if (options.diffTimeout != null) settings.diffTimeout = options.diffTimeout;
      const { reports } = await run(
        await side(oldText, options.oldName, "old"),
        options.tracked ? null : await side(newText, options.newName, "new"),
        settings,
        [output],
      );
      return reports[output];
    },
  };

  // ---- The form -------------------------------------------------------------------------------
  const sides = {
    old: { input: $("old"), paste: $("old-text"), drop: $("old-drop"), status: $("old-status"), file: null },
    new: { input: $("new"), paste: $("new-text"), drop: $("new-drop"), status: $("new-status"), file: null },
  };
  const size = (bytes) =>
    bytes < 1024 ? `${bytes} bytes` : bytes < 1 << 20 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / (1 << 20)).toFixed(1)} MB`;

  function showSource(side) {
    if (side.file) {
      side.status.textContent = `File: ${side.file.name} (${size(side.file.size)})`;
    } else if (side.paste.value) {
      side.status.textContent = `Pasted text (${side.paste.value.length.toLocaleString("en")} characters)`;
    } else {
      side.status.textContent = "No draft yet";
    }
  }

  function useFile(side, file) {
    side.file = file ?? null;
    if (file) side.paste.value = "";
    showSource(side);
  }

  for (const side of Object.values(sides)) {
    side.input.addEventListener("change", () => useFile(side, side.input.files[0]));
    side.paste.addEventListener("input", () => {
      if (side.paste.value && side.file) {
        side.file = null;
        side.input.value = "";
      }
      showSource(side);
    });
    side.drop.addEventListener("dragover", (event) => {
      event.preventDefault();
      event.dataTransfer.dropEffect = "copy";
      side.drop.classList.add("dragging");
    });
    side.drop.addEventListener("dragleave", () => side.drop.classList.remove("dragging"));
    side.drop.addEventListener("drop", (event) => {
      event.preventDefault();
      side.drop.classList.remove("dragging");
      const files = event.dataTransfer.files;
      if (!files.length) return;
      // So the file input names the dropped file too.
      try {
        side.input.files = files;
      } catch {
        side.input.value = "";
      }
      useFile(side, files[0]);
    });
    showSource(side);
  }

  // Tracked changes: the old draft's Word document against itself, before and after them; the new
  // draft is not needed, so its box is disabled.
  const trackedBox = $("tracked");
  function useTracked() {
    const on = trackedBox.checked;
    for (const control of [sides.new.input, sides.new.paste]) control.disabled = on;
    sides.new.drop.classList.toggle("unused", on);
    if (on) sides.new.status.textContent = "Not needed: the old file's tracked changes are compared";
    else showSource(sides.new);
  }
  trackedBox.addEventListener("change", useTracked);
  useTracked();

  // Nothing dropped outside the two drop zones is opened by the browser in place of the page.
  for (const type of ["dragover", "drop"]) {
    window.addEventListener(type, (event) => {
      if (!event.target.closest?.(".drop")) event.preventDefault();
    });
  }

  async function read(which) {
    const side = sides[which];
    const format = $("input-format").value;
    const chosen = format === "auto" ? undefined : format;
    if (side.file) {
      let bytes;
      try {
        bytes = await side.file.arrayBuffer();
      } catch (error) {
        throw new Error(`${side.file.name}: the file could not be read (${error.message})`);
      }
      return { name: side.file.name, file: true, format: chosen, bytes };
    }
    if (side.paste.value) {
      const name = which === "old" ? "old (pasted)" : "new (pasted)";
      return { name, file: false, format: chosen, bytes: new TextEncoder().encode(side.paste.value).buffer };
    }
    throw new Error(`No ${which} draft: choose a file, drop one on its box, or paste its text.`);
  }

  const form = $("compare-form");
  const button = $("compare");
  const status = $("status");
  const progress = $("progress");
  const error = $("error");
  const report = $("report");
  const frame = $("report-frame");
  const downloads = { json: $("download-json"), html: $("download-html") };
  const large = { notice: $("large-report"), text: $("large-text"), show: $("show-report"), html: "" };
  // Characters of HTML report above which it is shown only when asked: the browser lays a report out
  // on this page's thread, and two 5 MB drafts' report (17 MB, 11,000 findings) keeps it busy for
  // half a minute. `data-large` on #report sets another size.
  const LARGE = 6 << 20;

  function show(html) {
    large.notice.hidden = true;
    large.html = "";
    frame.hidden = false;
    frame.srcdoc = html;
  }

  large.show.addEventListener("click", () => show(large.html));

  function fail(message) {
    error.textContent = message;
    error.hidden = false;
  }

  function offer(link, text, type, name) {
    if (link.href) URL.revokeObjectURL(link.href);
    link.href = URL.createObjectURL(new Blob([text], { type }));
    link.download = name;
  }

  const stem = (name) => name.replace(/\.[^.]*$/, "").replace(/[^\p{L}\p{N}._-]+/gu, "-") || "draft";

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.hidden = true;
    button.disabled = true;
    progress.hidden = false;
    progress.removeAttribute("value");
    const started = performance.now();
    let last = "Starting";
    const tick = () => {
      status.textContent = `${last}… ${((performance.now() - started) / 1000).toFixed(1)} s`;
    };
    tick();
    const timer = setInterval(tick, 200);
    try {
      const tracked = $("tracked").checked;
      const [old, neu] = await Promise.all([read("old"), tracked ? null : read("new")]);
      const settings = {};
      if ($("min-severity").value) settings.minSeverity = $("min-severity").value;
      const { reports, summary } = await run(old, neu, settings, ["html", "json"], (p) => {
        last = p.text;
        progress.max = p.steps;
        progress.value = p.step - 1;
        tick();
      });
      const findings = Object.values(summary.findings).reduce((a, b) => a + b, 0);
      if (reports.html.length > Number(report.dataset.large ?? LARGE)) {
        frame.hidden = true;
        frame.srcdoc = "";
        large.html = reports.html;
        large.text.textContent = `The report is large (${size(reports.html.length)} of HTML, ${findings.toLocaleString("en")} findings): ` +
          "showing it can keep this page busy for a while. Download it, or";
        large.notice.hidden = false;
      } else {
        show(reports.html);
      }
      const base = neu ? `${stem(old.name)}-vs-${stem(neu.name)}` : `${stem(old.name)}-tracked`;
      offer(downloads.json, reports.json, "application/json", `${base}.clausediff.json`);
      offer(downloads.html, reports.html, "text/html", `${base}.clausediff.html`);
      report.hidden = false;
      report.scrollIntoView({ block: "start" });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      status.textContent = `Compared in ${seconds} s: ${findings} finding${findings === 1 ? "" : "s"}${
        summary.max_severity ? `, highest ${summary.max_severity}` : ""
      }.`;
    } catch (e) {
      // A report left from the drafts before would read as this comparison's.
      report.hidden = true;
      status.textContent = "";
      fail(e.message);
    } finally {
      clearInterval(timer);
      progress.hidden = true;
      button.disabled = false;
    }
  });

  // In-page links of the report (findings → clauses) scroll the report's frame: a srcdoc document's
  // links resolve against this page's address, so the browser would otherwise load this page there.
  frame.addEventListener("load", () => {
    const doc = frame.contentDocument;
    if (!doc) return;
    doc.addEventListener("click", (event) => {
      const link = event.target.closest?.("a[href^='#']");
      if (!link) return;
      event.preventDefault();
      const target = doc.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
      if (target) {
        target.scrollIntoView({ block: "start" });
        target.setAttribute("tabindex", "-1");
        target.focus({ preventScroll: true });
      }
    });
  });

  ready.then(
    (list) => {
      const format = $("input-format");
      for (const name of list.formats) format.append(new Option(name, name));
      const severity = $("min-severity");
      for (const name of list.severities.slice(1)) {
        severity.append(new Option(name === "high" ? "high only" : `${name} and above`, name));
      }
      button.disabled = false;
      status.textContent = "Ready.";
    },
    (e) => fail(e.message),
  );
})();
