// Mock exams: a countdown, and saving each answer as soon as it changes.
// Without this file the page still works: "Save and next" posts the form.
(function () {
  "use strict";

  function format(seconds) {
    var m = Math.floor(seconds / 60), s = seconds % 60;
    return m + " min " + (s < 10 ? "0" : "") + s + " s";
  }

  function startTimer() {
    var timer = document.querySelector("[data-seconds-left]");
    if (!timer) { return; }
    var out = document.getElementById("time-left");
    var end = Date.now() + parseInt(timer.getAttribute("data-seconds-left"), 10) * 1000;
    (function tick() {
      var left = Math.max(0, Math.round((end - Date.now()) / 1000));
      out.textContent = format(left);
      if (left === 0) {
        // The server decides: reading the page after the deadline marks the attempt.
        window.setTimeout(function () { window.location.reload(); }, 2000);
        return;
      }
      window.setTimeout(tick, 1000);
    })();
  }

  function startAutosave() {
    var form = document.querySelector("form[data-autosave]");
    if (!form) { return; }
    var status = document.getElementById("save-status");
    var current = document.querySelector(".question-grid li.current");
    var inFlight = false, again = false, delay = 1000;

    function show(text) { status.textContent = text; }

    // The server keeps a matching answer only once every item has its match.
    function matchingUnfinished() {
      var selects = form.querySelectorAll("select[name^='match-']"), filled = 0;
      for (var i = 0; i < selects.length; i++) { if (selects[i].value) { filled += 1; } }
      return filled > 0 && filled < selects.length;
    }

    function send() {
      if (inFlight) { again = true; return; }
      if (matchingUnfinished()) { show("Not saved yet: choose a match for every item"); return; }
      inFlight = true; again = false;
      show("Saving…");
      var data = new FormData(form);
      data.delete("go");
      window.fetch(form.action, {
        method: "POST", body: data, credentials: "same-origin",
        headers: { "Accept": "application/json" }
      }).then(function (response) {
        return response.json().then(function (body) { return { response: response, body: body }; });
      }).then(function (result) {
        inFlight = false;
        if (result.response.ok && result.body.saved) {
          delay = 1000;
          show("Saved");
          if (current) {
            current.classList.toggle("answered", result.body.answered);
            current.classList.toggle("unanswered", !result.body.answered);
            current.classList.toggle("flagged", result.body.flagged);
          }
          if (again) { send(); }
        } else if (result.response.status === 409) {
          window.location.href = form.action.replace(/\/q\/\d+$/, "/result");
        } else {
          show("Not saved: " + (result.body.error || "please try again"));
          if (again) { send(); }  // the learner changed more meanwhile: send that
        }
      }).catch(function () {
        inFlight = false;
        show("Not saved yet: retrying…");
        window.setTimeout(send, delay);
        delay = Math.min(delay * 2, 30000);
      });
    }

    form.addEventListener("change", send);
    window.addEventListener("beforeunload", function (event) {
      if (inFlight || status.textContent.indexOf("Not saved") === 0) { event.preventDefault(); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    startTimer();
    startAutosave();
  });
})();
