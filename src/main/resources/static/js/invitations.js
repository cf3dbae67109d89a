// "Invite users", Organizations & Roles: sites do not apply to a Manager, who reaches every site.
// Without this script the server ignores the sites of a Manager, so the form still works.
(function () {
  "use strict";

  function sync(select) {
    var sites = document.getElementById(select.getAttribute("data-sites"));
    if (!sites) {
      return;
    }
    var manager = select.value === select.getAttribute("data-manager-role");
    sites.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      box.disabled = manager;
    });
    sites.classList.toggle("all-sites", manager);
  }

  document.addEventListener("change", function (event) {
    if (event.target && event.target.hasAttribute && event.target.hasAttribute("data-sites")) {
      sync(event.target);
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("select[data-sites]").forEach(sync);
  });
})();
