/* Comments: progressive enhancement of the form under an article (templates/comments/).
 *
 * Everything works without this file: a "Reply" link reloads the page with ?replyto=ID and the
 * server fills the form's hidden parent field; "Cancel reply" reloads it without.
 * With it:
 *  - "Reply" moves the form under the comment it answers, "Cancel reply" puts it back;
 *  - "Save my name, email and website in this browser" keeps them in the browser's
 *    localStorage when the reader ticks the box, and fills the empty fields with them next
 *    time. They never travel to the server but in the form itself: no cookie carries them.
 *    (Without JavaScript the box stays hidden: there is nowhere to keep them.)
 */
(function () {
  "use strict";

  var STORAGE_KEY = "newsroom.commenter";
  // Where the details were kept before: a cookie, sent with every request. Read once, moved to
  // localStorage, and deleted.
  var OLD_COOKIE = "newsroom_commenter";

  function fromOldCookie() {
    var prefix = OLD_COOKIE + "=";
    var cookies = document.cookie ? document.cookie.split("; ") : [];
    for (var i = 0; i < cookies.length; i++) {
      if (cookies[i].indexOf(prefix) === 0) {
        document.cookie = OLD_COOKIE + "=; Max-Age=0; Path=/; SameSite=Lax";
        try {
          var value = cookies[i].slice(prefix.length).replace(/^"|"$/g, "");
          return JSON.parse(decodeURIComponent(value));
        } catch (error) {
          return null;
        }
      }
    }
    return null;
  }

  function readCommenter() {
    var data = null;
    try {
      data = JSON.parse(window.localStorage.getItem(STORAGE_KEY) || "null");
    } catch (error) {
      data = null; // storage disabled, or not JSON
    }
    var old = fromOldCookie();
    if (!data && old && typeof old === "object") {
      data = old;
      keep(data);
    }
    return data && typeof data === "object" ? data : null;
  }

  function keep(data) {
    try {
      if (data) {
        window.localStorage.setItem(STORAGE_KEY, JSON.stringify(data));
      } else {
        window.localStorage.removeItem(STORAGE_KEY);
      }
    } catch (error) {
      // Storage disabled or full: the form still works, nothing is remembered.
    }
  }

  function setUpRemembering(form) {
    var box = form.elements.remember;
    if (!box) {
      return;
    }
    var wrapper = box.closest("[hidden]");
    if (wrapper) {
      wrapper.hidden = false;
    }
    fill(form, readCommenter());
    form.addEventListener("submit", function () {
      keep(box.checked ? {
        name: form.elements.author_name.value,
        email: form.elements.author_email.value,
        url: form.elements.author_url ? form.elements.author_url.value : ""
      } : null);
    });
  }

  function fill(form, commenter) {
    if (!commenter) {
      return;
    }
    var fields = {author_name: commenter.name, author_email: commenter.email, author_url: commenter.url};
    var untouched = true;
    Object.keys(fields).forEach(function (name) {
      var input = form.elements[name];
      if (input && input.value) {
        untouched = false; // the page re-displays what the reader sent: keep it
      }
    });
    Object.keys(fields).forEach(function (name) {
      var input = form.elements[name];
      if (input && !input.value && typeof fields[name] === "string") {
        input.value = fields[name];
      }
    });
    // A fresh form: the reader asked to be remembered last time. A re-displayed one: the box
    // already shows what they chose when they sent it.
    if (untouched && form.elements.remember) {
      form.elements.remember.checked = true;
    }
  }

  function setUpReplies(respond, form) {
    var parentInput = form.elements.parent;
    var heading = respond.querySelector("#respond-heading");
    var cancel = respond.querySelector(".comment-respond__cancel");
    var cancelLink = cancel && cancel.querySelector("a");
    if (!parentInput || !heading || !cancelLink) {
      return;
    }
    var home = document.createComment(" comment form ");
    respond.parentNode.insertBefore(home, respond);
    var defaultHeading = respond.getAttribute("data-heading") || heading.textContent;
    var replyHeading = respond.getAttribute("data-reply-heading") || "";
    var openedBy = null;

    function open(commentId, link) {
      var comment = document.getElementById("comment-" + commentId);
      if (!comment) {
        return false;
      }
      comment.parentNode.insertBefore(respond, comment.nextSibling);
      parentInput.value = commentId;
      var author = document.getElementById("comment-" + commentId + "-author");
      if (author && replyHeading) {
        heading.textContent = replyHeading.replace("{name}", author.textContent.trim());
      }
      cancel.hidden = false;
      openedBy = link || null;
      return true;
    }

    function close() {
      home.parentNode.insertBefore(respond, home.nextSibling);
      parentInput.value = "";
      heading.textContent = defaultHeading;
      cancel.hidden = true;
      if (openedBy) {
        openedBy.focus();
      }
      openedBy = null;
    }

    function focusFirstEmpty() {
      var name = form.elements.author_name;
      var target = name && !name.value ? name : form.elements.body;
      if (target) {
        target.focus();
      }
    }

    document.addEventListener("click", function (event) {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey ||
          event.shiftKey || event.altKey) {
        return; // let the browser open the link in a new tab or window
      }
      var link = event.target.closest("a[data-reply-to]");
      if (link && open(link.getAttribute("data-reply-to"), link)) {
        event.preventDefault();
        focusFirstEmpty();
      } else if (event.target.closest(".comment-respond__cancel a") === cancelLink) {
        event.preventDefault();
        close();
      }
    });

    // Arrived with ?replyto=ID, or the reply was sent back with an error: answer in place.
    if (parentInput.value) {
      open(parentInput.value, null);
      var scrollTarget = form.querySelector(".comment-form__errors") || respond;
      scrollTarget.scrollIntoView();
    }
  }

  function init() {
    var respond = document.getElementById("respond");
    var form = respond && respond.querySelector("form.comment-form");
    if (!form) {
      return; // comments are closed on this article
    }
    setUpRemembering(form);
    setUpReplies(respond, form);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
