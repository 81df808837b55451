/* The header's « Menu » button on narrow screens, which site.css shows and folds the menu and search box
   behind where scripts run (without JavaScript, or on wide screens, they are a plain list and form). */
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
