// The assignment form: of the lessons, show only the chosen course's (folded). Without this
// script every course's lessons stay listed, each group folded under its course's name.
(function () {
  var form = document.querySelector("[data-assign-form]");
  if (!form) return;
  var course = form.querySelector("select[name=course]");
  var choice = form.querySelector("[data-lesson-choice]");
  var groups = form.querySelectorAll("[data-lessons-of]");
  if (!course || !choice) return;

  function show() {
    var any = false;
    groups.forEach(function (group) {
      var mine = group.getAttribute("data-lessons-of") === course.value;
      group.hidden = !mine;
      if (mine) {
        any = true;
      } else {
        // A tick left in a hidden course would only earn a refusal from the server.
        group.open = false;
        group.querySelectorAll("input[type=checkbox]").forEach(function (box) { box.checked = false; });
      }
    });
    choice.hidden = !any;
  }

  course.addEventListener("change", show);
  show();

  // A school administrator's form: the class list only for one class, the grades only for a
  // grade (the server ignores the other either way).
  var scope = form.querySelector("select[name=scope]");
  var classField = form.querySelector("[data-field=school_class]");
  var gradeField = form.querySelector("[data-field=grade]");
  function audience() {
    if (classField) classField.hidden = scope.value !== "class";
    if (gradeField) gradeField.hidden = scope.value !== "grade";
  }
  if (scope) {
    scope.addEventListener("change", audience);
    audience();
  }
})();
