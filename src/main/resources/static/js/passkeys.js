// Passkeys: adding one (/account/passkeys), signing in with one alone (/signin) and proving one as
// the second step after the password (the button #passkey-second-step). The browser makes and uses
// the passkey (WebAuthn); the server gives the options of each ceremony and checks its result.
// Without this script, or without WebAuthn, the page says what it cannot do and the rest still works.
(function () {
  "use strict";

  var supported = !!(window.PublicKeyCredential && navigator.credentials);

  function toBytes(base64url) {
    var base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
    var text = window.atob(base64);
    var bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) {
      bytes[i] = text.charCodeAt(i);
    }
    return bytes.buffer;
  }

  function toText(buffer) {
    var bytes = new Uint8Array(buffer);
    var text = "";
    for (var i = 0; i < bytes.length; i++) {
      text += String.fromCharCode(bytes[i]);
    }
    return window.btoa(text).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  }

  // The CSRF token: from the page's meta tags, else from a form's hidden field (the sign-in page).
  function csrfHeaders() {
    var headers = { "Content-Type": "application/json" };
    var meta = document.querySelector('meta[name="_csrf"]');
    var name = document.querySelector('meta[name="_csrf_header"]');
    var hidden = document.querySelector('input[name="_csrf"]');
    if (meta) {
      headers[name ? name.getAttribute("content") : "X-CSRF-TOKEN"] = meta.getAttribute("content");
    } else if (hidden) {
      headers["X-CSRF-TOKEN"] = hidden.value;
    }
    return headers;
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      headers: csrfHeaders(),
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body)
    });
  }

  function descriptors(list) {
    return (list || []).map(function (c) {
      var copy = Object.assign({}, c);
      copy.id = toBytes(c.id);
      return copy;
    });
  }

  // What the server makes of a credential: its ids and type as the browser gave them, with the ceremony's response.
  function credentialJson(credential, response) {
    return {
      id: credential.id,
      rawId: toText(credential.rawId),
      type: credential.type,
      response: response,
      clientExtensionResults: credential.getClientExtensionResults(),
      authenticatorAttachment: credential.authenticatorAttachment
    };
  }

  // The server's JSON answer, or an empty one when it sent none.
  function answerOf(response) {
    return response.json().catch(function () {
      return {};
    });
  }

  // Only a path of this portal: a redirect elsewhere is never followed.
  function sameOrigin(url) {
    try {
      var target = new URL(url, window.location.href);
      return target.origin === window.location.origin ? target.pathname + target.search + target.hash : "/";
    } catch (e) {
      return "/";
    }
  }

  function say(element, text) {
    if (!element) {
      return;
    }
    element.textContent = text || "";
    element.hidden = !text;
  }

  // ---- Adding a passkey

  function setUpAdding(form) {
    var notice = document.getElementById("passkeys-need-javascript");
    var status = document.getElementById("passkey-add-status");
    var input = document.getElementById("passkey-add-name");
    if (!supported) {
      say(notice, form.getAttribute("data-unsupported"));
      return;
    }
    if (notice) {
      notice.hidden = true;
    }
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var name = input.value.trim();
      if (!name) {
        input.setAttribute("aria-invalid", "true");
        say(status, form.getAttribute("data-required"));
        input.focus();
        return;
      }
      input.removeAttribute("aria-invalid");
      say(status, "");
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      register(form, name).then(function () {
        window.location.href = window.location.pathname + "?added";
      }, function (message) {
        button.disabled = false;
        say(status, message);
      });
    });
  }

  function register(form, name) {
    return post(form.getAttribute("data-options") || "/webauthn/register/options").then(function (response) {
      if (!response.ok) {
        throw form.getAttribute("data-refused");
      }
      return response.json();
    }).then(function (options) {
      var publicKey = Object.assign({}, options, {
        challenge: toBytes(options.challenge),
        user: Object.assign({}, options.user, { id: toBytes(options.user.id) }),
        excludeCredentials: descriptors(options.excludeCredentials)
      });
      return navigator.credentials.create({ publicKey: publicKey }).catch(function () {
        throw form.getAttribute("data-cancelled");
      });
    }).then(function (credential) {
      var response = credential.response;
      return post(form.getAttribute("data-register") || window.location.pathname, {
        publicKey: {
          label: name,
          credential: credentialJson(credential, {
            attestationObject: toText(response.attestationObject),
            clientDataJSON: toText(response.clientDataJSON),
            transports: response.getTransports ? response.getTransports() : []
          })
        }
      });
    }).then(function (response) {
      return answerOf(response).then(function (answer) {
        if (!response.ok || !answer.success) {
          throw answer.error || form.getAttribute("data-refused");
        }
      });
    }).catch(function (message) {
      throw typeof message === "string" ? message : form.getAttribute("data-refused");
    });
  }

  // ---- Signing in with a passkey: alone from /signin, or as the second step

  function setUpSignIn(button) {
    var status = document.getElementById(button.getAttribute("data-status") || "passkey-status");
    if (!status) {
      status = document.createElement("p");
      status.className = "field-error";
      status.setAttribute("role", "alert");
      status.hidden = true;
      button.insertAdjacentElement("afterend", status);
    }
    if (!supported) {
      button.disabled = true;
      say(status, button.getAttribute("data-unsupported"));
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      button.disabled = true;
      say(status, "");
      signIn(button).then(function (target) {
        window.location.href = sameOrigin(target);
      }, function (reason) {
        button.disabled = false;
        say(status, button.getAttribute("data-error-" + reason) || button.getAttribute("data-error-bad") || "");
      });
    });
  }

  function signIn(button) {
    return post(button.getAttribute("data-options") || "/webauthn/authenticate/options").then(function (response) {
      if (!response.ok) {
        throw "bad";
      }
      return response.json();
    }).then(function (options) {
      var publicKey = Object.assign({}, options, {
        challenge: toBytes(options.challenge),
        allowCredentials: descriptors(options.allowCredentials)
      });
      return navigator.credentials.get({ publicKey: publicKey }).catch(function () {
        throw "cancelled";
      });
    }).then(function (credential) {
      var response = credential.response;
      return post(button.getAttribute("data-login") || "/login/webauthn", credentialJson(credential, {
        authenticatorData: toText(response.authenticatorData),
        clientDataJSON: toText(response.clientDataJSON),
        signature: toText(response.signature),
        userHandle: response.userHandle ? toText(response.userHandle) : undefined
      }));
    }).then(function (response) {
      return answerOf(response).then(function (answer) {
        if (!response.ok || !answer.authenticated) {
          throw answer.error || "bad";
        }
        return answer.redirectUrl || "/";
      });
    }).catch(function (reason) {
      throw typeof reason === "string" ? reason : "bad";
    });
  }

  function start() {
    var form = document.getElementById("passkey-add");
    if (form) {
      setUpAdding(form);
    }
    ["passkey-signin", "passkey-second-step"].forEach(function (id) {
      var button = document.getElementById(id);
      if (button) {
        setUpSignIn(button);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
