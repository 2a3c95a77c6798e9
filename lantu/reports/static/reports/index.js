// The month matters only for the bulletin: show its box only then (without JavaScript it always shows).
(function () {
  var kind = document.getElementById("id_kind"), month = document.getElementById("month-field");
  if (!kind || !month) return;
  function sync() { month.hidden = kind.value !== "bulletin"; }
  kind.addEventListener("change", sync);
  sync();
})();
