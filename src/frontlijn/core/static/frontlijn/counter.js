// A visible counter under every field with a length limit (frontlijn.lib.limits.LimitedCharField):
// "12 van 4000 tekens". The browser already stops at maxlength; the server says so in Dutch too.
(function () {
  "use strict";
  function attach(field) {
    if (field.dataset.counterReady) return;
    field.dataset.counterReady = "1";
    var max = parseInt(field.getAttribute("maxlength"), 10);
    if (!max) return;
    var counter = document.createElement("p");
    counter.className = "counter help";
    counter.id = (field.id || "veld") + "-teller";
    var describedBy = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", describedBy ? describedBy + " " + counter.id : counter.id);
    field.insertAdjacentElement("afterend", counter);
    function update() {
      var n = field.value.length;
      counter.textContent = field.dataset.counter.replace("{n}", n).replace("{max}", max);
      counter.classList.toggle("over", n > max);
      counter.classList.toggle("near", n <= max && n >= max * 0.9);
    }
    field.addEventListener("input", update);
    update();
  }
  function attachAll(root) {
    var fields = (root || document).querySelectorAll("[data-counter][maxlength]");
    for (var i = 0; i < fields.length; i++) attach(fields[i]);
  }
  document.addEventListener("DOMContentLoaded", function () { attachAll(document); });
  document.addEventListener("htmx:afterSettle", function (event) { attachAll(event.target); });
})();
