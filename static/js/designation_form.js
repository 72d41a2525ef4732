// The designation form: once a school is chosen, the staff list shows only that school's
// staff; with no school, only bureau staff. (The server checks the same rule.)
// Loaded in the page's head (form media), so it waits for the form.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var school = document.getElementById("id_school");
  var user = document.getElementById("id_user");
  if (!school || !user) return;

  function filter() {
    var place = school.value || "bureau";
    Array.prototype.forEach.call(user.options, function (option) {
      var fits = !option.value || option.dataset.place === place;
      option.hidden = !fits;
      option.disabled = !fits;
      if (!fits && option.selected) user.value = "";
    });
  }

  school.addEventListener("change", filter);
  filter();
});
