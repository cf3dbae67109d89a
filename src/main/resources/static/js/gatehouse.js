// Small progressive enhancements; every page works without them.
(function () {
  "use strict";

  // Styles may tell a page with JavaScript from one without (.js .nojs-save: Save buttons only needed without it).
  document.documentElement.classList.add("js");

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

  // A form marked data-confirm asks before it goes, and says it was answered: the server asks again
  // (on a page of its own, as it does without JavaScript) when a wide-effect action comes without the answer.
  function answered(form) {
    if (!form.querySelector('input[name="confirmed"]')) {
      var yes = document.createElement("input");
      yes.type = "hidden";
      yes.name = "confirmed";
      yes.value = "true";
      form.appendChild(yes);
    }
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (!question) {
      return;
    }
    if (window.confirm(question)) {
      answered(form);
    } else {
      event.preventDefault();
    }
  });
  // The same question for a control that saves itself through htmx; "no" puts the control back as it was saved.
  document.addEventListener("htmx:configRequest", function (event) {
    var form = event.detail.elt && event.detail.elt.closest && event.detail.elt.closest("form[data-confirm]");
    if (!form || event.detail.verb !== "post") {
      return;
    }
    if (window.confirm(form.getAttribute("data-confirm"))) {
      event.detail.parameters["confirmed"] = "true";
    } else {
      event.preventDefault();
      form.reset();
    }
  });
})();
