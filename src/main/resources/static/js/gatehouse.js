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

  // ---- Layout: the phone menu, the filters, tables that scroll inside their frame.
  // The page is served with the toolbar and any active filters open, so it works without this.
  var phone = window.matchMedia ? window.matchMedia("(max-width: 48rem)") : null;

  function narrow() {
    return !!(phone && phone.matches);
  }

  function fold() {
    var menus = document.querySelectorAll("details.toolbar-menu");
    for (var i = 0; i < menus.length; i++) {
      menus[i].open = !narrow();
    }
    // Wide screens have room for the filters; on a phone they stay as served (open when one is active).
    if (!narrow()) {
      var boxes = document.querySelectorAll("details.members-filter-box");
      for (var j = 0; j < boxes.length; j++) {
        boxes[j].open = true;
      }
    }
  }

  // A table that is wider than its frame can be scrolled with the keyboard too, and says what it is.
  function frames() {
    var all = document.querySelectorAll(".table-scroll");
    for (var i = 0; i < all.length; i++) {
      var frame = all[i];
      var table = frame.querySelector("table");
      var scrolls = frame.scrollWidth > frame.clientWidth + 1 && getComputedStyle(frame).overflowX !== "visible";
      if (scrolls && !frame.hasAttribute("tabindex")) {
        var caption = table && table.caption ? table.caption.textContent : "";
        var heading = document.querySelector("main h1");
        frame.setAttribute("tabindex", "0");
        frame.setAttribute("role", "region");
        frame.setAttribute("aria-label", (caption || (heading ? heading.textContent : "")).trim());
        frame.setAttribute("data-scroll-frame", "");
      } else if (!scrolls && frame.hasAttribute("data-scroll-frame")) {
        frame.removeAttribute("tabindex");
        frame.removeAttribute("role");
        frame.removeAttribute("aria-label");
        frame.removeAttribute("data-scroll-frame");
      }
    }
  }

  function layout() {
    fold();
    frames();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", layout);
  } else {
    layout();
  }
  if (phone) {
    if (phone.addEventListener) {
      phone.addEventListener("change", layout);
    } else if (phone.addListener) {
      phone.addListener(layout);
    }
  }
  window.addEventListener("resize", frames);
  document.addEventListener("htmx:afterSettle", frames);

  // On a phone the open menu closes with Escape, giving focus back to its button.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !narrow()) {
      return;
    }
    var menu = document.querySelector("details.toolbar-menu[open]");
    if (menu && menu.contains(document.activeElement)) {
      menu.open = false;
      menu.querySelector("summary").focus();
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
