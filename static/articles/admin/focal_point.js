/* Focal point control for the admin (articles/admin.py: focal_point_control).
 *
 * Progressive enhancement: the focal point fields are plain number inputs that work without
 * JavaScript. With it, clicking an image's thumbnail fills both fields with the clicked point
 * (0 to 1 across and down) and a marker shows the current point; typing in the fields moves
 * the marker too.
 */
"use strict";

(function () {
  function fieldOf(control, name) {
    // In an inline the inputs are named "images-0-focal_x"; on a plain form "photo_focal_x".
    const scope = control.closest(".inline-related") || control.closest("form") || document;
    return (
      scope.querySelector(`input[name="${name}"]`) ||
      scope.querySelector(`input[name$="-${name}"]`)
    );
  }

  function fieldsOf(control) {
    return [fieldOf(control, control.dataset.focalX), fieldOf(control, control.dataset.focalY)];
  }

  function showMarker(control) {
    const [xField, yField] = fieldsOf(control);
    const marker = control.querySelector(".focal-point__marker");
    if (!xField || !yField || !marker) {
      return;
    }
    const x = parseFloat(xField.value);
    const y = parseFloat(yField.value);
    const valid = [x, y].every((value) => Number.isFinite(value) && value >= 0 && value <= 1);
    marker.hidden = !valid;
    if (valid) {
      control.style.setProperty("--focal-x", x);
      control.style.setProperty("--focal-y", y);
    }
  }

  function setUp(control) {
    const [xField, yField] = fieldsOf(control);
    if (!xField || !yField || control.classList.contains("focal-point--active")) {
      return;
    }
    control.classList.add("focal-point--active");
    const hint = control.nextElementSibling;
    if (hint && hint.classList.contains("focal-point__hint")) {
      hint.hidden = false;
    }
    for (const field of [xField, yField]) {
      field.addEventListener("input", () => showMarker(control));
    }
    showMarker(control);
  }

  function clamp(value) {
    return Math.min(1, Math.max(0, value));
  }

  document.addEventListener("click", (event) => {
    const image = event.target.closest(".focal-point--active img");
    if (!image) {
      return;
    }
    const control = image.closest(".focal-point");
    const [xField, yField] = fieldsOf(control);
    const box = image.getBoundingClientRect();
    if (!box.width || !box.height) {
      return;
    }
    xField.value = clamp((event.clientX - box.left) / box.width).toFixed(3);
    yField.value = clamp((event.clientY - box.top) / box.height).toFixed(3);
    for (const field of [xField, yField]) {
      field.dispatchEvent(new Event("change", { bubbles: true }));
    }
    showMarker(control);
  });

  function setUpAll() {
    document.querySelectorAll(".focal-point").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
