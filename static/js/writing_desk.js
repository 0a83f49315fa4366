/* The writing desk of the article's change form: a toolbar with shortcuts, a live preview from
   the server (the readers' own pipeline), word count and reading time, Ctrl/Cmd+S to save and
   continue, and pictures dropped on the body. Without this script the body is a plain textarea.
   Its words and addresses come from the JSON block #writing-desk-config (articles/admin_desk.py). */
(function () {
  "use strict";

  const PREVIEW_DELAY = 400; // ms of quiet typing before the preview is asked for

  function config() {
    const block = document.getElementById("writing-desk-config");
    return block ? JSON.parse(block.textContent) : null;
  }

  function format(text, values) {
    return text.replace(/%\((\w+)\)s/g, (match, name) => String(values[name]));
  }

  // Editing the text -------------------------------------------------------------------------

  function replaceSelection(textarea, text, selectFrom, selectTo) {
    // execCommand keeps the browser's undo history; setRangeText where it is gone.
    const start = textarea.selectionStart;
    textarea.focus();
    if (!document.execCommand || !document.execCommand("insertText", false, text)) {
      textarea.setRangeText(text, start, textarea.selectionEnd, "end");
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    }
    if (selectFrom !== undefined) {
      textarea.setSelectionRange(start + selectFrom, start + selectTo);
    }
  }

  function wrap(textarea, before, after, placeholder) {
    const selected = textarea.value.slice(textarea.selectionStart, textarea.selectionEnd);
    const inner = selected || placeholder;
    replaceSelection(textarea, before + inner + after, before.length, before.length + inner.length);
  }

  function prefixLines(textarea, prefix) {
    const value = textarea.value;
    const start = value.lastIndexOf("\n", textarea.selectionStart - 1) + 1;
    let end = value.indexOf("\n", textarea.selectionEnd);
    if (end === -1) end = value.length;
    textarea.setSelectionRange(start, end);
    const lines = value.slice(start, end).split("\n");
    replaceSelection(textarea, lines.map((line) => prefix + line).join("\n"));
  }

  function insertBlock(textarea, block, at) {
    // A block stands alone on its line, between blank lines.
    const value = textarea.value;
    const position = at === undefined ? textarea.selectionEnd : at;
    const before = value.slice(0, position);
    const after = value.slice(position);
    const lead = before === "" || before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
    const tail = after.startsWith("\n\n") ? "" : after.startsWith("\n") ? "\n" : "\n\n";
    textarea.setSelectionRange(position, position);
    replaceSelection(textarea, lead + block + tail);
  }

  // Images of the inline ---------------------------------------------------------------------

  function imageNumbers() {
    return [...document.querySelectorAll('#images-group input[name^="images-"][name$="-order"]')]
      .filter((input) => !input.closest(".empty-form"))
      .map((input) => parseInt(input.value, 10))
      .filter((n) => !Number.isNaN(n));
  }

  function nextImageNumber() {
    return Math.max(0, ...imageNumbers()) + 1;
  }

  function addImageRow(file, number) {
    const total = document.getElementById("id_images-TOTAL_FORMS");
    const add = document.querySelector("#images-group .add-row a");
    if (!total || !add) return null;
    const index = parseInt(total.value, 10);
    add.click(); // Django's inline script adds the row and counts it
    const input = document.getElementById(`id_images-${index}-image`);
    if (!input) return null;
    const files = new DataTransfer();
    files.items.add(file);
    input.files = files.files;
    input.dispatchEvent(new Event("change", { bubbles: true }));
    document.getElementById(`id_images-${index}-order`).value = number;
    return document.getElementById(`id_images-${index}-alt_text`);
  }

  // Where a drop lands: the end of the line under the pointer, measured on a copy of the
  // textarea with the same width and font, so that wrapped lines count as they show.
  function lineEndAt(textarea, clientY) {
    const style = getComputedStyle(textarea);
    const mirror = document.createElement("div");
    for (const name of ["fontFamily", "fontSize", "lineHeight", "paddingLeft", "paddingRight",
      "paddingTop", "borderLeftWidth", "borderRightWidth", "letterSpacing", "boxSizing"]) {
      mirror.style[name] = style[name];
    }
    mirror.style.position = "absolute";
    mirror.style.visibility = "hidden";
    mirror.style.whiteSpace = "pre-wrap";
    mirror.style.overflowWrap = "break-word";
    mirror.style.width = textarea.offsetWidth + "px";
    const lines = textarea.value.split("\n");
    for (const line of lines) {
      const row = document.createElement("div");
      row.textContent = line || "\u200b";
      mirror.appendChild(row);
    }
    document.body.appendChild(mirror);
    const y = clientY - textarea.getBoundingClientRect().top + textarea.scrollTop;
    let offset = 0;
    let end = textarea.value.length;
    for (let i = 0; i < lines.length; i++) {
      const row = mirror.children[i];
      offset += lines[i].length + 1;
      if (row.offsetTop + row.offsetHeight >= y) {
        end = offset - 1;
        break;
      }
    }
    mirror.remove();
    return end;
  }

  // The desk -----------------------------------------------------------------------------------

  function setUp(textarea, settings) {
    const strings = settings.strings;
    const form = textarea.form;

    const status = document.createElement("p");
    status.className = "desk-status help";
    status.setAttribute("role", "status");

    const buttons = [
      { name: "heading", label: "H", code: "KeyH", shift: true, keys: "Control+Shift+H",
        run: () => prefixLines(textarea, "## ") },
      { name: "bold", label: "B", code: "KeyB", keys: "Control+B",
        run: () => wrap(textarea, "**", "**", strings.bold) },
      { name: "italic", label: "I", code: "KeyI", keys: "Control+I",
        run: () => wrap(textarea, "*", "*", strings.italic) },
      { name: "link", label: "🔗", code: "KeyK", keys: "Control+K",
        run: () => wrap(textarea, "[", "](https://)", strings.linkText) },
      { name: "quote", label: "❝", code: "Period", shift: true, keys: "Control+Shift+.",
        run: () => prefixLines(textarea, "> ") },
      { name: "list", label: "•", code: "Digit8", shift: true, keys: "Control+Shift+8",
        run: () => prefixLines(textarea, "- ") },
      { name: "figure", label: "▣", code: "KeyF", shift: true, keys: "Control+Shift+F",
        run: () => insertBlock(textarea, `[figure ${Math.max(1, ...imageNumbers())}]`) },
      { name: "readAlso", label: "↗", code: "KeyE", shift: true, keys: "Control+Shift+E",
        run: () => {
          const text = strings.readAlsoText;
          insertBlock(textarea, `[${text}](/articles/)`);
        } },
    ];

    const toolbar = document.createElement("div");
    toolbar.className = "desk-toolbar";
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", strings.toolbar);
    toolbar.setAttribute("aria-controls", textarea.id);
    for (const button of buttons) {
      const element = document.createElement("button");
      element.type = "button";
      element.className = `desk-toolbar__${button.name}`;
      element.textContent = button.label;
      element.setAttribute("aria-label", strings[button.name]);
      element.setAttribute("aria-keyshortcuts", button.keys);
      element.title = `${strings[button.name]} (${button.keys.replace("Control", "Ctrl")})`;
      element.addEventListener("click", button.run);
      toolbar.appendChild(element);
    }
    textarea.before(toolbar, status);

    const counts = document.createElement("p");
    counts.className = "desk-counts";
    counts.id = "desk-counts";
    textarea.after(counts);
    textarea.setAttribute("aria-describedby",
      [textarea.getAttribute("aria-describedby"), counts.id].filter(Boolean).join(" "));

    const preview = document.createElement("section");
    preview.className = "desk-preview";
    preview.setAttribute("aria-labelledby", "desk-preview-title");
    const heading = document.createElement("h2");
    heading.id = "desk-preview-title";
    heading.textContent = strings.preview;
    const previewBody = document.createElement("div");
    previewBody.className = "desk-preview__body";
    preview.append(heading, previewBody);
    const help = textarea.closest(".form-row").querySelector(".help");
    (help || counts).after(preview);

    function countWords() {
      const words = (textarea.value.match(/[\p{L}\p{N}_]+/gu) || []).length;
      const minutes = Math.max(1, Math.ceil(words / settings.wordsPerMinute));
      counts.textContent = format(strings.words, { words, minutes });
    }

    function grow() {
      if (CSS.supports("field-sizing", "content")) return;
      textarea.style.height = "auto";
      textarea.style.height = textarea.scrollHeight + 2 + "px";
    }

    let timer = null;
    let asked = 0;
    function refreshPreview() {
      const ask = ++asked;
      const data = new FormData();
      data.append("body", textarea.value);
      if (settings.article) data.append("article", settings.article);
      fetch(settings.previewUrl, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-CSRFToken": form.elements.csrfmiddlewaretoken.value },
      })
        .then((response) => {
          if (!response.ok) throw new Error(response.status);
          return response.text();
        })
        .then((html) => {
          if (ask === asked) previewBody.innerHTML = html; // sanitized by the server
        })
        .catch(() => {
          if (ask === asked) status.textContent = strings.previewFailed;
        });
    }

    textarea.addEventListener("input", () => {
      countWords();
      grow();
      clearTimeout(timer);
      timer = setTimeout(refreshPreview, PREVIEW_DELAY);
    });

    textarea.addEventListener("keydown", (event) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const button = buttons.find((b) => b.code === event.code && !!b.shift === event.shiftKey);
      if (button) {
        event.preventDefault();
        button.run();
      }
    });

    document.addEventListener("keydown", (event) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey
        && event.key.toLowerCase() === "s") {
        event.preventDefault();
        const saveAndContinue = form.querySelector('input[name="_continue"]');
        if (saveAndContinue) saveAndContinue.click();
      }
    });

    function hasFiles(event) {
      return event.dataTransfer && [...event.dataTransfer.types].includes("Files");
    }
    textarea.addEventListener("dragover", (event) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      textarea.classList.add("desk-textarea--dragging");
    });
    textarea.addEventListener("dragleave", () => textarea.classList.remove("desk-textarea--dragging"));
    textarea.addEventListener("drop", (event) => {
      textarea.classList.remove("desk-textarea--dragging");
      if (!hasFiles(event)) return;
      event.preventDefault();
      let at = lineEndAt(textarea, event.clientY);
      let altText = null;
      for (const file of event.dataTransfer.files) {
        if (!file.type.startsWith("image/")) {
          status.textContent = strings.notImage;
          continue;
        }
        const number = nextImageNumber();
        const field = addImageRow(file, number);
        if (!field) continue;
        altText = altText || field;
        const before = textarea.value.length;
        insertBlock(textarea, `[figure ${number}]`, at);
        at += textarea.value.length - before;
        status.textContent = format(strings.dropped, { number });
      }
      if (altText) altText.focus();
    });

    countWords();
    grow();
    refreshPreview();
  }

  function start() {
    const textarea = document.getElementById("id_body");
    const settings = config();
    if (textarea && settings && !textarea.readOnly) setUp(textarea, settings);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
