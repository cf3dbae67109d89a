// A release or catalogue file goes to the API as the request's raw body, straight from the disk, with its progress
// shown: any size, no form encoding. Without this script the form posts multipart, within the form limit.
(function () {
  "use strict";

  function csrf() {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    return token && header ? { name: header.content, value: token.content } : null;
  }

  function problemText(xhr) {
    try {
      var problem = JSON.parse(xhr.responseText);
      var details = (problem.errors || []).map(function (e) { return e.message; });
      return details.length ? details.join(" ") : (problem.detail || problem.title || String(xhr.status));
    } catch (e) {
      return String(xhr.status);
    }
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var url = form.getAttribute && form.getAttribute("data-stream-upload");
    if (!url || !window.XMLHttpRequest) {
      return;
    }
    var input = form.querySelector('input[type="file"]');
    var file = input && input.files && input.files[0];
    if (!file) {
      return; // the server names the missing file
    }
    event.preventDefault();
    var platform = form.querySelector('select[name="platform"]');
    var progress = form.querySelector("progress");
    var status = form.querySelector(".upload-status");
    var button = form.querySelector('button[type="submit"]');
    var xhr = new XMLHttpRequest();
    xhr.open("POST", url + "?" + (platform ? "platform=" + encodeURIComponent(platform.value) + "&" : "")
        + "name=" + encodeURIComponent(file.name));
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.setRequestHeader("Accept", "application/json");
    var token = csrf();
    if (token) {
      xhr.setRequestHeader(token.name, token.value);
    }
    progress.hidden = false;
    progress.value = 0;
    button.disabled = true;
    status.textContent = "";
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) {
        progress.value = Math.floor(e.loaded * 100 / e.total);
        status.textContent = progress.value + " %";
      }
    });
    xhr.addEventListener("load", function () {
      button.disabled = false;
      if (xhr.status === 201) {
        window.location.reload();
      } else {
        progress.hidden = true;
        status.textContent = problemText(xhr);
      }
    });
    xhr.addEventListener("error", function () {
      button.disabled = false;
      progress.hidden = true;
      status.textContent = form.getAttribute("data-failed") || "";
    });
    xhr.send(file);
  });
})();
