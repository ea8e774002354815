// Backoffice progressive enhancement: forms work without it.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="csrf-token"]');
  window.backoffice = {
    csrf: meta ? meta.content : "",
    // api calls the JSON API with the session cookie and CSRF header.
    api: function (method, url, body) {
      return fetch(url, {
        method: method,
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": this.csrf, "Accept": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body)
      }).then(function (r) {
        return r.json().then(function (j) { return { ok: r.ok, status: r.status, body: j }; });
      });
    }
  };
  // No inline handlers (the Content-Security-Policy forbids them): behaviour by data attributes.
  document.addEventListener("click", function (e) {
    var t = e.target.closest ? e.target.closest("[data-toggle], [data-back]") : null;
    if (!t) { return; }
    if (t.hasAttribute("data-toggle")) {
      var el = document.getElementById(t.getAttribute("data-toggle"));
      if (el) { e.preventDefault(); el.classList.toggle("open"); }
    } else if (t.hasAttribute("data-back") && window.history.length > 1) {
      e.preventDefault(); window.history.back();
    }
  });
  // <select data-autosubmit> submits its form on change (filters), without an inline handler.
  document.addEventListener("change", function (e) {
    if (e.target.hasAttribute && e.target.hasAttribute("data-autosubmit") && e.target.form) { e.target.form.submit(); }
  });
  document.addEventListener("submit", function (e) {
    var msg = e.target.getAttribute("data-confirm");
    if (msg && !window.confirm(msg)) { e.preventDefault(); }
  });
  // Relative countdowns: <time data-countdown="RFC3339">.
  // In the page's language (<html lang>): a Dutch portal reads "nog 2u 5m" / "2u 5m te laat".
  var nl = (document.documentElement.lang || "").slice(0, 2) === "nl";
  function tick() {
    var now = Date.now();
    document.querySelectorAll("[data-countdown]").forEach(function (el) {
      var t = Date.parse(el.getAttribute("data-countdown"));
      if (isNaN(t)) { return; }
      var d = Math.round((t - now) / 60000), a = Math.abs(d);
      var h = nl ? "u" : "h";
      var s = a >= 1440 ? Math.floor(a / 1440) + "d " + Math.floor((a % 1440) / 60) + h : Math.floor(a / 60) + h + " " + (a % 60) + "m";
      el.textContent = d < 0 ? s + (nl ? " te laat" : " over") : (nl ? "nog " : "in ") + s;
    });
  }
  tick(); setInterval(tick, 30000);
})();

// Stacked cards on a phone (table.cards, app.css): a cell the template gave no
// data-label gets its column's header as label, so every card reads "Label value".
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("table.cards").forEach(function (table) {
    var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) { return th.textContent.trim(); });
    table.querySelectorAll("tbody > tr, tfoot > tr").forEach(function (tr) {
      var foot = tr.parentElement.tagName === "TFOOT";
      Array.prototype.forEach.call(tr.children, function (td, i) {
        if ((td.tagName === "TD" || (foot && i > 0)) && !td.hasAttribute("data-label") && !td.classList.contains("card-title") && heads[i]) {
          td.setAttribute("data-label", heads[i]);
        }
      });
    });
  });
});
