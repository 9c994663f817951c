// Zaak registreren: offer only the detail types (an <optgroup> per case type) of the chosen case type.
// Without JavaScript every group stays visible and the server refuses a detail type of another type.
(function () {
  function sync(form) {
    var type = form.querySelector('select[name="case_type"]');
    var detail = form.querySelector('select[name="detail_type"]');
    if (!type || !detail) return;
    var chosen = type.options[type.selectedIndex] ? type.options[type.selectedIndex].text : "";
    var any = false;
    detail.querySelectorAll("optgroup").forEach(function (group) {
      var mine = group.label === chosen;
      group.hidden = !mine;
      group.disabled = !mine;
      any = any || mine;
    });
    var selected = detail.options[detail.selectedIndex];
    if (selected && selected.parentElement.tagName === "OPTGROUP" && selected.parentElement.disabled) {
      detail.value = "";
    }
    detail.disabled = !any;
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-case-form]").forEach(function (form) {
      sync(form);
      form.addEventListener("change", function (event) {
        if (event.target.name === "case_type") sync(form);
      });
    });
  });
})();
