/* A draft of the article's body kept in this browser (localStorage) while typing. After a crash,
   an expired session or a refused save, reopening the form offers to restore it. A draft equal to
   the saved body (a save went through) is forgotten. Words come from #writing-desk-config. */
(function () {
  "use strict";

  const SAVE_DELAY = 500; // ms of quiet typing before the draft is written

  function storage() {
    try {
      return window.localStorage; // refused in some private modes
    } catch (error) {
      return null;
    }
  }

  function start() {
    const textarea = document.getElementById("id_body");
    const block = document.getElementById("writing-desk-config");
    const store = storage();
    if (!textarea || !block || !store || textarea.readOnly) return;
    const strings = JSON.parse(block.textContent).strings;
    const key = "newsroom.article-draft:" + window.location.pathname;

    let draft = null;
    try {
      draft = JSON.parse(store.getItem(key));
    } catch (error) {
      store.removeItem(key);
    }
    const refused = document.querySelector(".errornote, .errorlist") !== null;

    if (draft && typeof draft.body === "string") {
      if (draft.body === textarea.value) {
        if (!refused) store.removeItem(key); // saved: nothing to offer
      } else {
        offer(textarea, draft, strings, () => store.removeItem(key));
      }
    }

    let timer = null;
    textarea.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        try {
          store.setItem(key, JSON.stringify({ body: textarea.value, savedAt: Date.now() }));
        } catch (error) {
          // Storage full or refused: the form still holds the text.
        }
      }, SAVE_DELAY);
    });
  }

  function offer(textarea, draft, strings, forget) {
    const box = document.createElement("div");
    box.className = "desk-draft";
    box.setAttribute("role", "alert");
    const text = document.createElement("span");
    const when = new Date(draft.savedAt).toLocaleString(document.documentElement.lang || undefined);
    text.textContent = strings.draftFound.replace("%(when)s", when);
    const restore = document.createElement("button");
    restore.type = "button";
    restore.className = "button desk-draft__restore";
    restore.textContent = strings.restore;
    const discard = document.createElement("button");
    discard.type = "button";
    discard.className = "button desk-draft__discard";
    discard.textContent = strings.discard;
    box.append(text, restore, discard);
    textarea.closest(".form-row").before(box);

    restore.addEventListener("click", () => {
      textarea.value = draft.body;
      textarea.dispatchEvent(new Event("input", { bubbles: true })); // preview, counts, draft
      text.textContent = strings.restored;
      restore.remove();
      discard.remove();
      textarea.focus();
    });
    discard.addEventListener("click", () => {
      forget();
      box.remove();
      textarea.focus();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
