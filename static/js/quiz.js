// Self-check quiz: feedback in the browser only; nothing is sent or recorded.
(function () {
  "use strict";
  document.querySelectorAll(".quiz-question").forEach(function (question) {
    var feedback = question.querySelector(".quiz-feedback");
    var explanation = question.querySelector(".quiz-explanation");
    question.addEventListener("change", function (event) {
      var right = event.target.value === question.dataset.correct;
      feedback.hidden = false;
      feedback.textContent = right ? feedback.dataset.right : feedback.dataset.wrong;
      feedback.className = "quiz-feedback " + (right ? "quiz-right" : "quiz-wrong");
      if (explanation) explanation.hidden = false;
    });
  });
})();
