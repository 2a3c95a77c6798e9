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
//   <tr data-sort-form="#id">  a list's header row whose filter form is #id: a header's sort link sorts
//                              through that form, so that one request carries both the search typed and the
//                              order clicked (the form's hx-sync drops a search still on its way, and its
//                              hidden `sort` keeps the order for the searches after)
document.addEventListener(
  "click",
  (event) => {
    const link = event.target.closest("[data-sort-form] a.sort");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    const form = document.querySelector(link.closest("[data-sort-form]").dataset.sortForm);
    if (!form) return;
    event.preventDefault();
    event.stopPropagation(); // before the header row's hx-boost sends the link's own request
    const sort = new URL(link.href, location.href).searchParams.get("sort");
    let field = form.querySelector("input[name=sort]");
    if (sort === null) {
      if (field) field.remove();
    } else {
      if (!field) {
        field = document.createElement("input");
        field.type = "hidden";
        field.name = "sort";
        form.append(field);
      }
      field.value = sort;
    }
    form.requestSubmit();
  },
  true,
);
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
//   <table data-grid>          its inputs behave like a spreadsheet's cells: arrow keys and Enter move
//                              between them (Shift+Enter up; left/right once the caret is at the text's
//                              start/end), and a block pasted from Excel (tab and newline separated) fills the
//                              rows and columns from the cell pasted into
function gridCell(input) {
  const row = input.closest("tr");
  const rows = Array.from(input.closest("[data-grid]").tBodies[0].rows);
  return { rows, row: rows.indexOf(row), column: Array.from(row.cells).indexOf(input.closest("td")) };
}
function gridInput(row, column) {
  const cell = row && row.cells[column];
  return cell ? cell.querySelector("input:not([type=hidden]):not([disabled])") : null;
}
function gridMove(input, rowStep, columnStep) {
  const at = gridCell(input);
  let row = at.row + rowStep;
  let column = at.column + columnStep;
  while (row >= 0 && row < at.rows.length && column >= 0 && column < at.rows[row].cells.length) {
    const target = gridInput(at.rows[row], column);
    if (target) {
      target.focus();
      target.select();
      return true;
    }
    row += rowStep;
    column += columnStep;
  }
  return false;
}
document.addEventListener("keydown", (event) => {
  const input = event.target.closest("[data-grid] input");
  if (!input || event.altKey || event.ctrlKey || event.metaKey || event.isComposing) return;
  const steps = {
    ArrowUp: [-1, 0],
    ArrowDown: [1, 0],
    Enter: event.shiftKey ? [-1, 0] : [1, 0],
    ArrowLeft: input.selectionStart === 0 ? [0, -1] : null,
    ArrowRight: input.selectionEnd === input.value.length ? [0, 1] : null,
  };
  const step = steps[event.key];
  if (!step) return;
  if (event.key === "Enter") event.preventDefault(); // never submits the grid half-entered
  if (gridMove(input, step[0], step[1])) event.preventDefault();
});
document.addEventListener("paste", (event) => {
  const input = event.target.closest("[data-grid] input");
  if (!input || !event.clipboardData) return;
  const text = event.clipboardData.getData("text/plain");
  if (!/[\t\n]/.test(text)) return; // one value: the browser pastes it as usual
  event.preventDefault();
  const lines = text.replace(/\r/g, "").replace(/\n$/, "").split("\n");
  const at = gridCell(input);
  lines.forEach((line, i) => {
    const row = at.rows[at.row + i];
    line.split("\t").forEach((value, j) => {
      const target = gridInput(row, at.column + j);
      if (target) {
        target.value = value.trim();
        target.dispatchEvent(new Event("input", { bubbles: true }));
      }
    });
  });
});
