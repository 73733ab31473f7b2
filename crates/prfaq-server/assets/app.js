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
