// Screen pop (/zoeken/beller/#<number>): the caller's number arrives in the URL fragment, which
// the browser never sends to the server. Post it, then remove it from the address bar and history.
(function () {
  "use strict";
  var number = (window.location.hash || "").slice(1);
  try { number = decodeURIComponent(number); } catch (e) { /* keep it as it came */ }
  if (!number) return;
  history.replaceState(null, "", window.location.pathname);
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("caller-form");
    if (!form) return;
    form.elements.nummer.value = number;
    form.submit();
  });
})();
