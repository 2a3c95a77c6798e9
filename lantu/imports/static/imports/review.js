// Link the highlighted source spans and the proposal rows both ways, and add a finding from a selection.
//   #select-add [data-add-kind]   asks for the form of a new finding from the text selected in #source-text
//   #add-finding [data-add-cancel] closes that form; its select[name=kind] shows the fields of the kind
(function () {
  var source = document.getElementById("source-text");
  var bar = document.getElementById("select-add");
  var box = document.getElementById("add-finding");
  var selection = null;

  function flash(el) {
    if (!el) return;
    el.scrollIntoView({ block: "center", behavior: "smooth" });
    el.classList.add("flash");
    setTimeout(function () { el.classList.remove("flash"); }, 1500);
  }

  // The selection's offsets in the document's text: the source pane holds that text exactly.
  function selected() {
    var sel = window.getSelection();
    if (!source || !sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    var range = sel.getRangeAt(0);
    if (!source.contains(range.startContainer) || !source.contains(range.endContainer)) return null;
    var before = document.createRange();
    before.selectNodeContents(source);
    before.setEnd(range.startContainer, range.startOffset);
    var text = range.toString();
    if (!text.trim()) return null;
    var start = Array.from(before.toString()).length;
    return { start: start, end: start + Array.from(text).length, text: text };
  }

  function showFields(form) {
    var kind = form.querySelector("select[name=kind]");
    if (!kind) return;
    form.querySelectorAll(".add-fields").forEach(function (el) {
      el.hidden = el.dataset.for.split(" ").indexOf(kind.value) < 0;
    });
  }

  document.addEventListener("click", function (event) {
    var kindButton = event.target.closest("#select-add [data-add-kind]");
    if (kindButton && selection) {
      var params = new URLSearchParams({
        kind: kindButton.dataset.addKind, start: selection.start, end: selection.end, text: selection.text,
      });
      fetch(bar.dataset.addUrl + "?" + params.toString(), { credentials: "same-origin" })
        .then(function (response) { return response.text(); })
        .then(function (html) {
          box.innerHTML = html;
          var form = box.querySelector("form");
          showFields(form);
          bar.hidden = true;
          form.querySelector("input[name=title]").focus();
        });
      return;
    }
    if (event.target.closest("[data-add-cancel]")) { box.innerHTML = ""; return; }
    var sel = window.getSelection();
    if (sel && !sel.isCollapsed) return;  // selecting text, not following a link
    var mark = event.target.closest("mark[data-finding]");
    if (mark) { flash(document.getElementById("finding-" + mark.dataset.finding)); return; }
    var src = event.target.closest("a.finding-src");
    if (src) { event.preventDefault(); flash(document.getElementById("src-" + src.dataset.finding)); }
  });

  document.addEventListener("change", function (event) {
    if (event.target.matches("#add-finding select[name=kind]")) showFields(event.target.form);
  });

  if (source && bar) {
    var update = function () {
      selection = selected();
      bar.hidden = !selection;
    };
    source.addEventListener("mouseup", update);
    source.addEventListener("keyup", update);
  }
})();
