// Ordering questions: drag and drop (SortableJS) or "Move up"/"Move down" buttons.
// The position selects stay in the form and are kept in step, so the server sees
// the same fields with or without this script.
(function () {
  "use strict";

  function enhance(fieldset) {
    var rows = Array.prototype.slice.call(fieldset.querySelectorAll(".order-item"));
    if (!rows.length) { return; }
    var list = document.createElement("ol");
    list.className = "sortable";
    var live = document.createElement("p");
    live.className = "visually-hidden";
    live.setAttribute("aria-live", "polite");

    rows.sort(function (a, b) {
      return a.querySelector("select").value - b.querySelector("select").value;
    });

    function sync(moved) {
      var items = list.querySelectorAll("li");
      Array.prototype.forEach.call(items, function (li, index) {
        li.select.value = String(index + 1);
        li.querySelector(".position").textContent = String(index + 1);
      });
      if (moved) {
        live.textContent = "Moved “" + moved.label + "” to position " +
          (Array.prototype.indexOf.call(items, moved) + 1) + " of " + items.length + ".";
        var form = fieldset.closest("form");
        if (form) { form.dispatchEvent(new Event("change", { bubbles: true })); }
      }
    }

    function button(text, label, handler) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "secondary small";
      b.textContent = text;
      b.setAttribute("aria-label", label);
      b.addEventListener("click", handler);
      return b;
    }

    rows.forEach(function (row) {
      var select = row.querySelector("select");
      var label = row.querySelector("label").textContent;
      row.hidden = true;
      var li = document.createElement("li");
      li.select = select;
      li.label = label;
      var handle = document.createElement("span");
      handle.className = "handle";
      handle.setAttribute("aria-hidden", "true");
      handle.textContent = "⠿";
      var position = document.createElement("span");
      position.className = "position";
      var text = document.createElement("span");
      text.className = "text";
      text.textContent = label;
      li.appendChild(handle);
      li.appendChild(position);
      li.appendChild(text);
      li.appendChild(button("↑", "Move up: " + label, function () {
        if (li.previousElementSibling) { list.insertBefore(li, li.previousElementSibling); sync(li); this.focus(); }
      }));
      li.appendChild(button("↓", "Move down: " + label, function () {
        if (li.nextElementSibling) { list.insertBefore(li.nextElementSibling, li); sync(li); this.focus(); }
      }));
      list.appendChild(li);
    });
    var legend = fieldset.querySelector("legend");
    legend.textContent = "Put the steps in order: drag them, or use the arrow buttons";
    fieldset.appendChild(list);
    fieldset.appendChild(live);
    sync(null);
    if (window.Sortable) {
      window.Sortable.create(list, {
        animation: 150,
        handle: ".handle, .text",
        onEnd: function (event) { sync(event.item); }
      });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("fieldset.ordering").forEach(enhance);
  });
})();
