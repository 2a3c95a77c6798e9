// Review queue: the header box ticks or clears every value's box.
document.addEventListener("DOMContentLoaded", () => {
  const all = document.getElementById("select-all");
  if (!all) return;
  const boxes = () => document.querySelectorAll('input[name="observation"][form="bulk-approve"]');
  all.addEventListener("change", () => boxes().forEach((box) => { box.checked = all.checked; }));
});
