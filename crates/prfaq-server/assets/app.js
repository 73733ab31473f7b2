// prfaq's own script: progressive enhancement only. Every page works without it.
"use strict";

// htmx requests carry the session's CSRF token (the server refuses state changes without it).
document.addEventListener("htmx:configRequest", (event) => {
  event.detail.headers["X-CSRF-Token"] = document.body.dataset.csrf || "";
});

// Review: selecting a passage of the document fills the comment's "Passage" field.
document.addEventListener("selectionchange", () => {
  const selection = document.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return;
  const node = selection.anchorNode;
  const article = node && (node.nodeType === 1 ? node : node.parentElement)?.closest("[data-quote-target]");
  if (!article) return;
  const field = document.getElementById(article.dataset.quoteTarget);
  const text = selection.toString().trim();
  if (field && text) field.value = text;
});

// The editor's quote picker: "Insert" puts the quote and its citation where the author's cursor
// is, instead of posting the form (which, without script, saves it after the problem paragraph).
// Until the author has been in the text there is no cursor to speak of, so the form is posted.
const editor = document.getElementById("markdown");
if (editor) {
  editor.addEventListener("focus", () => { editor.dataset.touched = "1"; }, { once: true });
}
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.classList.contains("pick-quote")) return;
  if (!editor || editor.dataset.touched !== "1") return;
  event.preventDefault();
  const start = editor.selectionStart;
  const before = editor.value.slice(0, start);
  const space = before === "" || /\s$/.test(before) ? "" : " ";
  editor.setRangeText(space + (form.dataset.insert || ""), start, editor.selectionEnd, "end");
  editor.focus();
  editor.dispatchEvent(new Event("input", { bubbles: true }));
});
