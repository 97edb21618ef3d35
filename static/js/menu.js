// The header's menu on narrow screens: a button that shows and hides the navigation. Without
// this script the menu simply stays open; no inline script (Content-Security-Policy).
(function () {
  "use strict";
  var button = document.querySelector(".menu-toggle");
  var menu = document.getElementById("site-menu");
  if (!button || !menu) {
    return;
  }
  document.documentElement.classList.add("js-menu");
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    menu.classList.toggle("is-open", open);
  });
})();
