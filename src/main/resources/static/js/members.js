// "Create new user": sites do not apply to a Manager, and a generated password needs no typing.
// Without this script the server ignores both, so the form still works.
(function () {
  "use strict";

  function sync() {
    var role = document.getElementById("role");
    var boxes = document.getElementById("site-boxes");
    var note = document.getElementById("sites-manager");
    if (role && boxes && note) {
      var manager = role.value === role.getAttribute("data-manager-role");
      boxes.hidden = manager;
      note.hidden = !manager;
    }
    var generate = document.getElementById("generatePassword");
    var password = document.getElementById("password");
    if (generate && password) {
      password.disabled = generate.checked;
    }
  }

  document.addEventListener("change", function (event) {
    if (event.target && (event.target.id === "role" || event.target.id === "generatePassword")) {
      sync();
    }
  });
  document.addEventListener("DOMContentLoaded", sync);
})();
