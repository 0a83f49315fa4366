/* Names for the admin's autocomplete widgets (select2), which come without one when empty:
   each search box and single-choice box takes the label of the select it stands for, so screen
   readers announce what is searched or chosen. */
(function () {
  "use strict";

  // The name of the select a widget stands for: its <label> (given an id), or, in a table of
  // an inline, its aria-label (articles/admin_desk.py names those cells).
  function nameOf(element) {
    const container = element.closest(".select2-container");
    const select = container && container.previousElementSibling;
    if (!select || !select.id) return null;
    const label = document.querySelector(`label[for="${select.id}"]`);
    if (label) {
      if (!label.id) label.id = `${select.id}-label`;
      return { id: label.id, text: label.textContent.replace(/:\s*$/, "").trim() };
    }
    const text = select.getAttribute("aria-label");
    return text ? { id: null, text } : null;
  }

  function nameWidgets() {
    for (const box of document.querySelectorAll(".select2-search__field:not([aria-label])")) {
      const name = nameOf(box);
      if (name) box.setAttribute("aria-label", name.text);
    }
    for (const choice of document.querySelectorAll(
      ".select2-selection--single[role=combobox]:not([data-named])",
    )) {
      const name = nameOf(choice);
      const shown = choice.querySelector(".select2-selection__rendered");
      if (!name || !shown) continue;
      if (name.id) {
        // Named by the label, then by the choice shown (empty until something is chosen).
        choice.setAttribute("aria-labelledby", `${name.id} ${shown.id}`);
        shown.setAttribute("aria-labelledby", name.id);
      } else {
        choice.removeAttribute("aria-labelledby");
        choice.setAttribute("aria-label", name.text);
        shown.setAttribute("aria-label", name.text);
      }
      choice.dataset.named = "";
    }
  }

  function start() {
    nameWidgets();
    // select2 builds its widgets after this script, and again at each choice: name them as
    // they come.
    new MutationObserver(nameWidgets).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
