// storyline dashboard: small progressive enhancements; every page works without this.
"use strict";

function el(tag, text, attrs) {
  const node = document.createElement(tag);
  if (text) node.textContent = text;
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  return node;
}

// Timeline filters: apply as soon as a select changes.
function autosubmit() {
  for (const form of document.querySelectorAll("form[data-autosubmit]")) {
    for (const field of form.querySelectorAll("select")) {
      field.addEventListener("change", () => form.requestSubmit());
    }
  }
}

// Add articles: send the form with fetch, then poll the job until it is over.
function showJob(job) {
  const box = document.getElementById("job");
  box.hidden = false;
  const bar = document.getElementById("job-bar");
  bar.max = Math.max(job.total, 1);
  bar.value = job.processed;
  const status = document.getElementById("job-status");
  status.textContent = job.summary;
  status.className = job.state === "failed" ? "error" : "";
  const added = document.getElementById("job-added");
  added.replaceChildren(...job.added.map((id) => {
    const li = el("li");
    li.append(el("a", "document " + id, { href: "/documents/" + encodeURIComponent(id) }));
    return li;
  }));
  if (job.finished && job.added.length) {
    const li = el("li");
    li.append(el("a", "Open the timeline", { href: "/timeline" }));
    added.append(li);
  }
  const failed = document.getElementById("job-failed");
  failed.replaceChildren(...(job.failed || []).map((f) => el("li", f.message)));
}

async function poll(url) {
  for (;;) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    const job = await response.json();
    if (!response.ok) {
      showJob({ total: 1, processed: 0, summary: job.error, state: "failed", added: [], failed: [] });
      return;
    }
    showJob(job);
    if (job.finished) return;
    await new Promise((resolve) => setTimeout(resolve, 700));
  }
}

function uploadForm() {
  const form = document.getElementById("add-form");
  if (!form) return;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const limit = Number(form.dataset.limit || 0);
    const files = Array.from(form.querySelector("input[type=file]").files);
    const size = files.reduce((n, f) => n + f.size, 0) + form.querySelector("textarea").value.length;
    if (limit && size > limit) {
      const mb = (n) => (n / 1e6).toFixed(1) + " MB";
      showJob({ total: 1, processed: 0, state: "failed", added: [], failed: [],
                summary: "upload is " + mb(size) + ", larger than the " + mb(limit) + " limit" });
      return;
    }
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      const response = await fetch("/api/ingest", { method: "POST", body: new FormData(form) });
      const body = await response.json();
      if (!response.ok) {
        showJob({ total: 1, processed: 0, summary: body.error, state: "failed", added: [], failed: body.failed || [] });
        return;
      }
      showJob(body);
      form.reset();
      await poll(body.url);
    } catch (err) {
      showJob({ total: 1, processed: 0, summary: "upload failed: " + err, state: "failed", added: [], failed: [] });
    } finally {
      button.disabled = false;
    }
  });
}

// Search results: mark the query's words in each hit.
function markHits() {
  for (const link of document.querySelectorAll("a[data-highlight]")) {
    const words = link.dataset.highlight.split(/\s+/).filter((w) => w.length > 1)
      .map((w) => w.replace(/[.*+?^${}()|[\]\\"]/g, "\\$&"));
    if (!words.length) continue;
    const re = new RegExp("\\b(" + words.join("|") + ")\\w*", "gi");
    const text = link.textContent;
    link.replaceChildren();
    let last = 0;
    for (const m of text.matchAll(re)) {
      link.append(text.slice(last, m.index), el("mark", m[0]));
      last = m.index + m[0].length;
    }
    link.append(text.slice(last));
  }
}

document.addEventListener("DOMContentLoaded", () => {
  autosubmit();
  uploadForm();
  markHits();
});
