// Link the highlighted source spans and the proposal rows both ways.
(function () {
  function flash(el) {
    if (!el) return;
    el.scrollIntoView({ block: "center", behavior: "smooth" });
    el.classList.add("flash");
    setTimeout(function () { el.classList.remove("flash"); }, 1500);
  }
  document.addEventListener("click", function (event) {
    var mark = event.target.closest("mark[data-finding]");
    if (mark) { flash(document.getElementById("finding-" + mark.dataset.finding)); return; }
    var src = event.target.closest("a.finding-src");
    if (src) { event.preventDefault(); flash(document.getElementById("src-" + src.dataset.finding)); }
  });
})();
