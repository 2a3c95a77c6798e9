// Plan tree: "expand all / collapse all" buttons, and the lead-unit filter submits on change.
// The tree itself is native <details>, so it works without this script.
document.addEventListener("DOMContentLoaded", () => {
  const tree = document.getElementById("plan-tree");
  document.querySelectorAll("[data-tree-toggle]").forEach((button) => {
    if (!tree) return;
    button.hidden = false;
    button.addEventListener("click", () => {
      const open = button.dataset.treeToggle === "open";
      tree.querySelectorAll("details").forEach((details) => { details.open = open; });
    });
  });
  const filter = document.getElementById("tree-filter");
  if (filter) {
    filter.querySelector("select")?.addEventListener("change", () => filter.requestSubmit());
  }
});
