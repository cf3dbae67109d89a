// Small progressive enhancements; every page works without them.
(function () {
  "use strict";

  // htmx requests carry the CSRF token that the server put in the page.
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) {
      event.detail.headers[header.content] = token.content;
    }
  });

  // A select marked data-autosubmit submits its form on change; its button stays for keyboards without JS.
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches && target.matches("select[data-autosubmit]") && target.form) {
      target.form.requestSubmit ? target.form.requestSubmit() : target.form.submit();
    }
  });

  // An open menu (a <details> with a <summary>) closes with Escape, giving focus back to its summary,
  // and when a click lands outside it.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    var open = document.querySelectorAll("details.more-menu[open]");
    for (var i = 0; i < open.length; i++) {
      open[i].open = false;
      if (open[i].contains(document.activeElement) || document.activeElement === document.body) {
        open[i].querySelector("summary").focus();
      }
    }
  });
  document.addEventListener("click", function (event) {
    var open = document.querySelectorAll("details.more-menu[open]");
    for (var i = 0; i < open.length; i++) {
      if (!open[i].contains(event.target)) {
        open[i].open = false;
      }
    }
  });

  // A form marked data-confirm asks before it goes.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });
})();
