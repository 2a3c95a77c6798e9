// Target split form: only unfolding the departments happens here; the live sum check is the server's
// (htmx, _split_totals.html).
(function () {
  const form = document.getElementById("split-form");
  if (!form) return;
  form.querySelectorAll("[data-unfold]").forEach((button) => button.addEventListener("click", () => {
    form.querySelector(`tbody[data-kind="${button.dataset.unfold}"]`).hidden = false;
    button.closest("tbody").remove();
  }));
})();
