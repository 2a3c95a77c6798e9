// The top bar: the menu folds behind a button on narrow screens; selects marked data-autosubmit submit
// their form on change (no inline handlers, so the Content-Security-Policy can forbid inline script).
(function () {
  "use strict";
  var toggle = document.querySelector(".navtoggle");
  if (toggle) {
    toggle.addEventListener("click", function () {
      var bar = toggle.closest(".topbar");
      var open = !bar.classList.contains("open");
      bar.classList.toggle("open", open);
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
})();
