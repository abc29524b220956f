// Dossier's little bit of script: "/" focuses the search box, and the
// ingest page uploads dropped files one at a time, showing each result.
// Everything works without it (the forms post normally).
"use strict";
document.addEventListener("keydown", (e) => {
  if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
  const t = e.target;
  if (t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement) return;
  const q = document.getElementById("q");
  if (q) { e.preventDefault(); q.focus(); q.select(); }
});

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("ingest");
  if (!form) return;
  const input = document.getElementById("files");
  const out = document.getElementById("progress");
  const csrf = document.querySelector('meta[name="csrf-token"]').content;

  const el = (tag, cls, text) => {
    const n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined) n.textContent = text;
    return n;
  };

  async function upload(files) {
    if (!files.length) return;
    out.replaceChildren();
    const summary = el("p", "summary", "");
    summary.id = "summary";
    const list = el("ul", "uploads");
    out.append(summary, list);
    const totals = { new: 0, duplicate: 0, failed: 0 };
    let done = 0;
    const show = () => {
      summary.textContent = (done < files.length ? `Adding ${done} of ${files.length} files… ` : "Done: ") +
        `${totals.new} new, ${totals.duplicate} duplicate, ${totals.failed} failed.`;
    };
    show();
    for (const f of files) {
      const li = el("li", "", "");
      li.append(el("span", "tag", "reading"), document.createTextNode(" " + f.name));
      list.append(li);
      try {
        const name = f.webkitRelativePath || f.name;
        const resp = await fetch("/api/v1/documents?name=" + encodeURIComponent(name), {
          method: "POST", body: f, credentials: "same-origin",
          headers: { "X-CSRF-Token": csrf, "Content-Type": "application/octet-stream" },
        });
        const body = await resp.json();
        if (!resp.ok) {
          totals.failed++;
          li.className = "failed";
          li.replaceChildren(el("span", "tag", "failed"), document.createTextNode(" " + f.name + " — "),
            el("span", "reason", body.error ? body.error.message : resp.statusText));
        } else {
          li.remove();
          for (const d of body.documents) {
            totals[d.status] = (totals[d.status] || 0) + 1;
            const row = el("li", d.status);
            row.append(el("span", "tag", d.status), document.createTextNode(" "));
            if (d.id) {
              const a = el("a", "", d.title || d.source);
              a.href = "/documents/" + d.id;
              row.append(a);
            } else {
              row.append(document.createTextNode(d.source));
            }
            if (d.reason) row.append(document.createTextNode(" — "), el("span", "reason", (d.stage ? d.stage + ": " : "") + d.reason));
            list.append(row);
          }
        }
      } catch (err) {
        totals.failed++;
        li.className = "failed";
        li.replaceChildren(el("span", "tag", "failed"), document.createTextNode(" " + f.name + " — "), el("span", "reason", String(err)));
      }
      done++;
      show();
    }
    input.value = "";
  }

  form.addEventListener("submit", (e) => { e.preventDefault(); upload(Array.from(input.files)); });
  input.addEventListener("change", () => upload(Array.from(input.files)));
  for (const ev of ["dragenter", "dragover"]) form.addEventListener(ev, (e) => { e.preventDefault(); form.classList.add("over"); });
  for (const ev of ["dragleave", "drop"]) form.addEventListener(ev, () => form.classList.remove("over"));
  form.addEventListener("drop", (e) => { e.preventDefault(); upload(Array.from(e.dataTransfer.files)); });
});

// In print, folded lists (more claims, more conflicts) are printed whole.
window.addEventListener("beforeprint", () => {
  for (const d of document.querySelectorAll("details.more")) d.open = true;
});
