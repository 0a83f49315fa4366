/* Ordering the stories placed on a front, in its admin screen (fronts/admin.py).
 *
 * Progressive enhancement: without JavaScript, editors type each row's order number. With it,
 * each row gets a handle to drag it by and "Move up" / "Move down" buttons, which the keyboard
 * reaches like any button; after a move the rows are numbered 1, 2, 3... in their new order,
 * and a status message tells screen-reader users where the row went.
 */
"use strict";

function setUpPlacementOrder() {
  const group = document.getElementById("placements-group");
  const text = document.getElementById("placement-order-text");
  if (!group || !text) {
    return;
  }
  const body = group.querySelector("tbody");
  const status = document.createElement("p");
  status.className = "placement-order__status";
  status.setAttribute("role", "status");
  group.querySelector("fieldset").append(status);
  let dragged = null;

  function rows() {
    return [...body.querySelectorAll("tr.form-row:not(.empty-form)")];
  }

  function titleOf(row) {
    const select = row.querySelector("select[name$='-article']");
    const option = select && select.selectedOptions[0];
    return option ? option.textContent.trim() : "";
  }

  function renumber() {
    rows().forEach((row, index) => {
      const input = row.querySelector("input[name$='-position']");
      if (input) {
        input.value = index + 1;
      }
    });
  }

  function announce(row) {
    const all = rows();
    status.textContent = text.dataset.moved
      .replace("{position}", all.indexOf(row) + 1)
      .replace("{count}", all.length)
      .replace("{title}", titleOf(row));
  }

  // A row with errors comes after a row of its messages, which moves with it.
  function startOf(row) {
    const previous = row.previousElementSibling;
    return previous && previous.classList.contains("row-form-errors") ? previous : row;
  }

  function place(row, before) {
    const start = startOf(row);
    body.insertBefore(row, before);
    if (start !== row) {
      body.insertBefore(start, row);
    }
  }

  function move(row, step) {
    const all = rows();
    const target = all[all.indexOf(row) + step];
    if (!target) {
      return;
    }
    place(row, step < 0 ? startOf(target) : target.nextElementSibling);
    renumber();
    announce(row);
  }

  function button(label, arrow, step, row) {
    const element = document.createElement("button");
    element.type = "button";
    element.className = "placement-order__button";
    element.textContent = arrow;
    element.title = label;
    element.setAttribute("aria-label", label);
    element.addEventListener("click", () => {
      move(row, step);
      element.focus(); // the row moved: keep the focus on the button that moved it
    });
    return element;
  }

  function enhance(row) {
    if (row.querySelector(".placement-order")) {
      return;
    }
    const controls = document.createElement("span");
    controls.className = "placement-order";
    const handle = document.createElement("span");
    handle.className = "placement-order__handle";
    handle.title = text.dataset.handle;
    handle.setAttribute("aria-hidden", "true");
    handle.draggable = true;
    controls.append(
      handle,
      button(text.dataset.up, "↑", -1, row),
      button(text.dataset.down, "↓", 1, row),
    );
    row.querySelector("td.original").prepend(controls);

    handle.addEventListener("dragstart", (event) => {
      dragged = row;
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", titleOf(row));
      event.dataTransfer.setDragImage(row, 0, 0);
      row.classList.add("placement-order--dragged");
    });
    handle.addEventListener("dragend", () => {
      row.classList.remove("placement-order--dragged");
      if (dragged) {
        dragged = null;
        renumber();
        announce(row);
      }
    });
  }

  body.addEventListener("dragover", (event) => {
    if (!dragged) {
      return;
    }
    event.preventDefault();
    const target = event.target.closest("tr.form-row:not(.empty-form)");
    if (!target || target === dragged) {
      return;
    }
    const box = target.getBoundingClientRect();
    const after = event.clientY > box.top + box.height / 2;
    place(dragged, after ? target.nextElementSibling : startOf(target));
  });
  body.addEventListener("drop", (event) => {
    if (dragged) {
      event.preventDefault();
    }
  });

  rows().forEach(enhance);
  document.addEventListener("formset:added", (event) => {
    if (event.detail && event.detail.formsetName === "placements") {
      enhance(event.target);
      renumber();
    }
  });
}

// The admin loads its scripts in the page's head, before the rows exist.
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", setUpPlacementOrder);
} else {
  setUpPlacementOrder();
}
