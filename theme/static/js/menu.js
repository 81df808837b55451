/* The header's menu on narrow screens: the menu and search box fold behind a « Menu » button (without
   JavaScript, or on wide screens, they are a plain list and form under the site's name). */
(function () {
  "use strict";

  var button = document.querySelector(".site-header .menu-button");
  if (!button) { return; }
  var header = button.closest(".site-header");
  var menu = document.getElementById(button.getAttribute("aria-controls"));

  function show(open) {
    button.setAttribute("aria-expanded", String(open));
    header.classList.toggle("menu-open", open);
  }

  button.hidden = false;
  header.classList.add("menu-folds");
  button.addEventListener("click", function () {
    show(button.getAttribute("aria-expanded") !== "true");
  });
  menu.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && header.classList.contains("menu-open")) {
      show(false);
      button.focus();
    }
  });
}());
