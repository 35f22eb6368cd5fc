// The LIFF page: log in with the LIFF SDK, hand the shop the LINE ID token, open the shop.
(function () {
  "use strict";
  var box = document.getElementById("liff");
  if (!box) { return; }
  var next = box.getAttribute("data-next") || "/";
  function failed() {
    box.querySelector("[data-state=wait]").hidden = true;
    box.querySelector("[data-state=failed]").hidden = false;
  }
  if (!window.liff) { failed(); return; }
  window.liff.init({ liffId: box.getAttribute("data-liff-id") }).then(function () {
    if (!window.liff.isLoggedIn()) { window.liff.login({ redirectUri: window.location.href }); return null; }
    var token = window.liff.getIDToken();
    if (!token) { throw new Error("no id token"); }
    var body = new URLSearchParams({ id_token: token, csrf_token: box.getAttribute("data-csrf") });
    return fetch("/liff/session", { method: "POST", body: body, credentials: "same-origin" });
  }).then(function (answer) {
    if (answer === null) { return; }
    if (!answer.ok) { throw new Error("refused " + answer.status); }
    window.location.replace(next);
  }).catch(failed);
})();
