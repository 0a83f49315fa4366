/* Names for the admin's autocomplete search boxes (select2), which come without one: each
   takes the label of the select it stands for, so screen readers announce what is searched. */
(function () {
  "use strict";

  function nameSearchBoxes(root) {
    for (const box of root.querySelectorAll(".select2-search__field:not([aria-label])")) {
      const container = box.closest(".select2-container");
      const select = container && container.previousElementSibling;
      const label = select && select.id && document.querySelector(`label[for="${select.id}"]`);
      if (label) box.setAttribute("aria-label", label.textContent.replace(/:\s*$/, "").trim());
    }
  }

  function start() {
    nameSearchBoxes(document);
    // select2 builds its boxes after this script, and again at each choice: name them as they come.
    new MutationObserver(() => nameSearchBoxes(document)).observe(document.body, {
      childList: true,
      subtree: true,
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
