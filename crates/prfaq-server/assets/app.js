// prfaq's own script: progressive enhancement only. Every page works without it.
"use strict";

// htmx requests carry the session's CSRF token (the server refuses state changes without it).
document.addEventListener("htmx:configRequest", (event) => {
  event.detail.headers["X-CSRF-Token"] = document.body.dataset.csrf || "";
});
