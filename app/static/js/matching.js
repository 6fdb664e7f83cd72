// Matching questions: drag an answer onto an item. The select boxes stay visible and
// stay the real fields (keyboard and screen-reader users choose there); dragging just
// sets them, and choosing in a select moves the answer chip to match.
(function () {
  "use strict";

  function enhance(fieldset) {
    var selects = Array.prototype.slice.call(fieldset.querySelectorAll("select[name^='match-']"));
    if (!selects.length || !window.Sortable) { return; }
    var group = "match-" + Math.random().toString(36).slice(2);
    var pool = document.createElement("ul");
    pool.className = "match-pool";
    pool.setAttribute("aria-hidden", "true");
    Array.prototype.forEach.call(selects[0].options, function (option) {
      if (!option.value) { return; }
      var chip = document.createElement("li");
      chip.className = "chip";
      chip.textContent = option.textContent;
      chip.setAttribute("data-value", option.value);
      pool.appendChild(chip);
    });
    var hint = document.createElement("p");
    hint.className = "hint";
    hint.textContent = "Drag each answer onto its item, or choose it in the list.";
    fieldset.insertBefore(hint, fieldset.querySelector(".field"));
    fieldset.insertBefore(pool, fieldset.querySelector(".field"));

    var slots = selects.map(function (select) {
      var slot = document.createElement("ul");
      slot.className = "match-slot";
      slot.setAttribute("aria-hidden", "true");
      slot.select = select;
      select.parentNode.insertBefore(slot, select);
      return slot;
    });

    function chipFor(value) {
      return fieldset.querySelector(".chip[data-value='" + value + "']");
    }

    function show() {  // chips follow the selects
      slots.forEach(function (slot) {
        var value = slot.select.value;
        var current = slot.querySelector(".chip");
        if (current && current.getAttribute("data-value") === value) { return; }
        if (current) { pool.appendChild(current); }
        var chip = value && chipFor(value);
        if (chip && chip.parentNode === pool) { slot.appendChild(chip); }
      });
    }

    function dropped(event) {  // selects follow the chips
      var slot = event.to;
      if (slot.select) {
        Array.prototype.forEach.call(slot.querySelectorAll(".chip"), function (chip) {
          if (chip !== event.item) { pool.appendChild(chip); }
        });
        slot.select.value = event.item.getAttribute("data-value");
      }
      if (event.from.select && event.from !== slot) { event.from.select.value = ""; }
      fieldset.closest("form").dispatchEvent(new Event("change", { bubbles: true }));
    }

    [pool].concat(slots).forEach(function (list) {
      window.Sortable.create(list, { group: group, animation: 150, onAdd: dropped });
    });
    selects.forEach(function (select) { select.addEventListener("change", show); });
    show();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("fieldset.matching").forEach(enhance);
  });
})();
