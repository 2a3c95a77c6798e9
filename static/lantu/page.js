// Behaviour every page may use, declared in the markup (no inline handlers: the Content-Security-Policy
// allows scripts from this site's files only).
//   <select data-autosubmit>   submits its form when changed
//   <form data-confirm="…">    asks before submitting
document.addEventListener("change", (event) => {
  const field = event.target.closest("[data-autosubmit]");
  if (field && field.form) field.form.submit();
});
document.addEventListener("submit", (event) => {
  const form = event.target.closest("form[data-confirm]");
  if (form && !window.confirm(form.dataset.confirm)) event.preventDefault();
});
//   .navtoggle                 opens and folds the menu on narrow screens
document.addEventListener("click", (event) => {
  const toggle = event.target.closest(".navtoggle");
  if (!toggle) return;
  const bar = toggle.closest(".topbar");
  const open = !bar.classList.contains("open");
  bar.classList.toggle("open", open);
  toggle.setAttribute("aria-expanded", open ? "true" : "false");
});
