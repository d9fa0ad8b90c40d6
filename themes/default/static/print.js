// "Print this page": a progressive enhancement. The button is hidden in the HTML and
// shown only when this script runs, so readers without JavaScript never see a control
// that does nothing (their browser's own print command uses the print stylesheet too).
"use strict";
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () {
    window.print();
  });
});
