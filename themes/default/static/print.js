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

// On paper a link is useful only as a full address. Links to the site's own pages and
// files get theirs, made from the page's canonical URL, for the print stylesheet to
// show after the link text. (Without this script such links print as text alone.)
(function () {
  var canonical = document.querySelector('link[rel="canonical"]');
  if (!canonical) return;
  document.querySelectorAll(
    "main .prose a, main .attachments a, main .milestone-list a, main .ms-history a, main .ms-other a"
  ).forEach(function (a) {
    var href = a.getAttribute("href") || "";
    if (href.charAt(0) === "/" && href.charAt(1) !== "/") {
      a.setAttribute("data-print-url", new URL(href, canonical.href).href);
    }
  });
})();
