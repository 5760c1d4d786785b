// The dashboard's only script, served by the bot itself (no CDN). It sends the login form
// that a one-time link opens, and keeps a session's figures live: every two seconds it asks
// the page's JSON endpoint and rewrites the numbers, bars and check-in gauge in place.
(function () {
  "use strict";

  var login = document.querySelector("form[data-auto-submit]");
  if (login) {
    login.submit();
  }

  // The door view's lists follow the day: the page reloads itself every 20 seconds, unless
  // the organiser is typing (a search, a walk-in) or the page answers a form just sent.
  var door = document.querySelector("[data-door-refresh]");
  if (door && /\/door$/.test(window.location.pathname)) {
    var busy = function (field) {
      var typed = field.type === "text" && field.value !== "";  // a walk-in half written
      return field === document.activeElement || typed;
    };
    setInterval(function () {
      if (!Array.prototype.some.call(door.querySelectorAll("input, select"), busy)) {
        window.location.reload();
      }
    }, 20000);
  }

  var root = document.querySelector("[data-live-url]");
  if (!root) {
    return;
  }
  var url = root.getAttribute("data-live-url");
  var PARTS = ["in_person", "online", "substitute", "absent", "not_answered"];
  var EVERY_MS = 2000;
  var format = new Intl.NumberFormat("vi-VN");

  function drawBar(svg, counts) {
    var scale = Math.max(Number(svg.getAttribute("data-scale")) || 1, counts.registered, 1);
    var x = 0;
    PARTS.forEach(function (part) {
      var rect = svg.querySelector('[data-part="' + part + '"]');
      var width = (100 * counts[part]) / scale;
      if (rect) {
        rect.setAttribute("x", x.toFixed(3));
        rect.setAttribute("width", width.toFixed(3));
      }
      x += width;
    });
    var line = svg.querySelector("line[data-at]");
    if (line) {
      var at = ((100 * Number(line.getAttribute("data-at"))) / scale).toFixed(3);
      line.setAttribute("x1", at);
      line.setAttribute("x2", at);
    }
  }

  function setNumber(element, value) {
    var text = format.format(value);
    if (element.textContent === text) {
      return;
    }
    element.textContent = text;
    element.classList.add("changed");
    setTimeout(function () {
      element.classList.remove("changed");
    }, 1500);
  }

  function apply(data) {
    var values = data.values;
    document.querySelectorAll("[data-live]").forEach(function (element) {
      var name = element.getAttribute("data-live").split(":");
      var group = values[name[0]];
      if (group && name[1] in group) {
        setNumber(element, group[name[1]]);
      }
    });
    document.querySelectorAll("svg[data-bar]").forEach(function (svg) {
      var group = values[svg.getAttribute("data-bar")];
      if (group) {
        drawBar(svg, group);
      }
    });
    document.querySelectorAll("progress[data-progress]").forEach(function (gauge) {
      var group = values[gauge.getAttribute("data-progress")];
      if (group) {
        gauge.max = Math.max(group.coming, 1);
        gauge.value = group.present;
      }
    });
    var stamp = document.querySelector("[data-live-updated]");
    if (stamp) {
      stamp.textContent = data.updated;
    }
  }

  function poll() {
    fetch(url, { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (response.status === 401) {
          window.location.reload(); // the session ended: show the login page
          return null;
        }
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (data) {
          apply(data);
        }
      })
      .catch(function () {
        return null; // offline for a moment: try again at the next tick
      })
      .then(function () {
        setTimeout(poll, EVERY_MS);
      });
  }

  setTimeout(poll, EVERY_MS);
})();
