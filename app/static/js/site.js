// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Preselect the browser's time zone on forms that ask for one, unless the user chose.
  document.addEventListener("DOMContentLoaded", function () {
    var zone;
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
    document.querySelectorAll("select[data-browser-timezone]").forEach(function (select) {
      if (select.value !== "UTC" || !zone) { return; }
      for (var i = 0; i < select.options.length; i++) {
        if (select.options[i].value === zone) { select.value = zone; break; }
      }
    });
    var summary = document.querySelector(".error-summary");
    if (summary) { summary.focus(); }
  });
})();
