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
//   .table, .table-wrap        a table wider than its box scrolls inside it: it takes keyboard focus
//                              then, so that the arrow keys scroll it (WCAG 2.1.1)
function focusableScrollers() {
  document.querySelectorAll(".table, .table-wrap").forEach((box) => {
    const scrolls = box.scrollWidth > box.clientWidth + 1;
    if (scrolls && !box.hasAttribute("tabindex")) {
      box.tabIndex = 0;
      box.dataset.scrollFocus = "";
    } else if (!scrolls && box.dataset.scrollFocus !== undefined) {
      box.removeAttribute("tabindex");
      delete box.dataset.scrollFocus;
    }
  });
}
document.addEventListener("DOMContentLoaded", focusableScrollers);
document.addEventListener("htmx:afterSettle", focusableScrollers);
window.addEventListener("resize", focusableScrollers);
