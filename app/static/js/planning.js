// Planning stages: drag the steps into order, or move them with the arrow buttons.
// Each step's position select is the real field; the list order and the selects are
// kept in step both ways, so the plan is the same with or without this script.
(function () {
  "use strict";

  function enhance(list) {
    var live = document.createElement("p");
    live.className = "visually-hidden";
    live.setAttribute("aria-live", "polite");
    list.parentNode.appendChild(live);

    function items() { return Array.prototype.slice.call(list.children); }
    function select(li) { return li.querySelector("select[name^='pos-']"); }
    function label(li) { return li.querySelector(".task-text").firstChild.textContent.trim(); }

    function renumber(moved) {
      items().forEach(function (li, index) { select(li).value = String(index + 1); });
      if (moved) {
        live.textContent = "Moved “" + label(moved) + "” to position " +
          (items().indexOf(moved) + 1) + " of " + items().length + ".";
      }
    }

    items().forEach(function (li) {
      var up = document.createElement("button");
      up.type = "button"; up.className = "secondary small"; up.textContent = "↑";
      up.setAttribute("aria-label", "Move up: " + label(li));
      up.addEventListener("click", function () {
        if (li.previousElementSibling) { list.insertBefore(li, li.previousElementSibling); renumber(li); up.focus(); }
      });
      var down = document.createElement("button");
      down.type = "button"; down.className = "secondary small"; down.textContent = "↓";
      down.setAttribute("aria-label", "Move down: " + label(li));
      down.addEventListener("click", function () {
        if (li.nextElementSibling) { list.insertBefore(li.nextElementSibling, li); renumber(li); down.focus(); }
      });
      li.appendChild(up);
      li.appendChild(down);
      select(li).addEventListener("change", function () {  // typed positions reorder the list
        var wanted = parseInt(select(li).value, 10) - 1;
        var others = items().filter(function (other) { return other !== li; });
        list.insertBefore(li, others[wanted] || null);
        renumber(li);
      });
    });
    renumber(null);
    if (window.Sortable) {
      window.Sortable.create(list, {
        animation: 150,
        handle: ".task-text",
        onEnd: function (event) { renumber(event.item); }
      });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("ol.plan-tasks").forEach(enhance);
  });
})();
