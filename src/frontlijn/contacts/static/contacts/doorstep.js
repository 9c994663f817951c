// The doorstep contact form: when the channel changes, preselect that channel's usual duration,
// unless a duration was chosen by hand. Without this script the form works the same.
(function () {
  "use strict";
  function init() {
    var form = document.getElementById("contact-form");
    if (!form) return;
    var select = form.querySelector("select[name=channel]");
    if (!select) return;
    var usual = {};
    (select.getAttribute("data-usual-minutes") || "").split(",").forEach(function (pair) {
      var parts = pair.split(":");
      if (parts.length === 2) usual[parts[0]] = parts[1];
    });
    var touched = false;
    form.querySelectorAll("input[name=duration_minutes]").forEach(function (radio) {
      radio.addEventListener("change", function () { touched = true; });
    });
    select.addEventListener("change", function () {
      if (touched || !usual[select.value]) return;
      var radio = form.querySelector("input[name=duration_minutes][value='" + usual[select.value] + "']");
      if (radio) radio.checked = true;
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
