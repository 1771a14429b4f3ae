// The editor without full page loads. Everything here is an enhancement:
// with JavaScript off, the same forms post and the server redirects.
// User text only ever reaches the page through textContent, never innerHTML.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var units = document.querySelector(".units");
  if (!units) { return; }
  var checkUrl = units.getAttribute("data-check");
  var strings = {};
  try {
    strings = JSON.parse(document.getElementById("editor-strings").textContent);
  } catch (e) { /* English fallbacks below */ }
  function t(key, fallback) { return strings[key] || fallback; }
  var dirty = new Set();

  // Without the script an approved glossary rendering is plain text; with it, a
  // button that inserts the rendering at the cursor (as Alt+G and its number do).
  units.querySelectorAll("span.term-insert[data-insert]").forEach(function (span) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = span.className;
    ["data-insert", "data-n"].forEach(function (name) {
      if (span.hasAttribute(name)) { button.setAttribute(name, span.getAttribute(name)); }
    });
    button.title = span.getAttribute("data-title") || "";
    while (span.firstChild) { button.appendChild(span.firstChild); }
    span.replaceWith(button);
  });

  function token(form) {
    var field = form.querySelector("input[name=csrf_token]");
    return field ? field.value : "";
  }

  function post(url, form, extra) {
    var body = new URLSearchParams(new FormData(form));
    Object.keys(extra || {}).forEach(function (k) { body.set(k, extra[k]); });
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": token(form) }
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { status: response.status, data: data };
      });
    });
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function showFindings(article, findings) {
    var box = article.querySelector(".findings");
    if (!box) { return; }
    var old = box.querySelector("ul.live");
    if (old) { old.remove(); }
    var stale = box.querySelector("ul:not(.dismissed):not(.live)");
    if (stale) { stale.remove(); }
    var heading = box.querySelector("h3");
    if (heading) { heading.remove(); }
    if (!findings.length) { return; }
    var list = el("ul", "live");
    findings.forEach(function (f) {
      var item = el("li", "finding " + f.severity);
      item.appendChild(el("span", "sev", (strings.severities || {})[f.severity] || f.severity));
      item.appendChild(document.createTextNode(" "));
      item.appendChild(el("span", "check", (strings.checks || {})[f.check] || f.check));
      item.appendChild(document.createTextNode(" "));
      item.appendChild(said(f));
      list.appendChild(item);
    });
    box.insertBefore(list, box.firstChild);
  }

  // A finding's message in the interface language: the server sends it in pieces,
  // and each piece of text from a statement, a translation or a person is
  // isolated with its own language and direction, as on the page.
  function said(finding) {
    var message = el("span", "msg");
    var pieces = finding.shown || [{ text: finding.message, dir: "auto" }];
    pieces.forEach(function (piece) {
      if (!piece.dir) {
        message.appendChild(document.createTextNode(piece.text));
        return;
      }
      var isolated = el("bdi", "", piece.text);
      isolated.setAttribute("dir", piece.dir);
      if (piece.lang) { isolated.setAttribute("lang", piece.lang); }
      message.appendChild(isolated);
    });
    return message;
  }

  function showMessage(article, text, kind) {
    var box = article.querySelector(".message");
    if (!box) {
      box = el("p", "message flash");
      box.setAttribute("role", "alert");
      article.querySelector("form.tr").appendChild(box);
    }
    box.className = "message flash " + (kind || "");
    box.textContent = text;
  }

  function clearMessage(article) {
    var box = article.querySelector(".message");
    if (box) { box.remove(); }
    var conflict = article.querySelector(".conflict");
    if (conflict) { conflict.remove(); }
  }

  function setStatus(article, status) {
    article.className = article.className.replace(/status-\S+/, "status-" + status);
    var badge = article.querySelector(".meta .status");
    if (badge) {
      badge.className = "status status-" + status;
      badge.textContent = t("status_" + status, status);
    }
  }

  function focusUnit(key) {
    var next = document.getElementById("u-" + key);
    if (!next) { return false; }
    var area = next.querySelector("textarea");
    next.scrollIntoView({ block: "center" });
    if (area) { area.focus(); }
    return true;
  }

  function showConflict(article, form, data) {
    clearMessage(article);
    var box = el("div", "conflict flash error");
    box.setAttribute("role", "alert");
    box.appendChild(el("p", "", data.error));
    var who = data.theirs.user ? " (" + data.theirs.user + ")" : "";
    var status = t("status_" + data.theirs.status, data.theirs.status);
    box.appendChild(el("p", "hint", t("theirs", "Saved meanwhile") + who + " · " + status + ":"));
    var theirs = el("div", "tr-view", data.theirs.msgstr);
    var area = form.querySelector("textarea");
    theirs.setAttribute("dir", area.getAttribute("dir"));
    theirs.setAttribute("lang", area.getAttribute("lang"));
    box.appendChild(theirs);
    var take = el("button", "", t("use_theirs", "Use this version"));
    take.type = "button";
    if (data.theirs.forms) {
      theirs.textContent = data.theirs.forms.join("\n");
    }
    take.addEventListener("click", function () {
      area.value = data.theirs.msgstr;
      (data.theirs.forms || []).forEach(function (text, n) {
        var box = form.querySelector("textarea[name='msgstr[" + n + "]']");
        if (box) { box.value = text; }
      });
      form.querySelector("input[name=revision]").value = data.theirs.revision;
      dirty.delete(form);
      setStatus(article, data.theirs.status);
      box.remove();
    });
    var keep = el("button", "", t("keep_mine", "Keep mine and save again"));
    keep.type = "button";
    keep.addEventListener("click", function () {
      form.querySelector("input[name=revision]").value = data.theirs.revision;
      box.remove();
      save(form, "save");
    });
    box.appendChild(take);
    box.appendChild(document.createTextNode(" "));
    box.appendChild(keep);
    form.appendChild(box);
  }

  function save(form, action) {
    var article = form.closest("article.unit");
    clearMessage(article);
    return post(form.getAttribute("action"), form, { action: action }).then(function (r) {
      if (r.status === 200 && r.data.ok) {
        form.querySelector("input[name=revision]").value = r.data.revision;
        dirty.delete(form);
        setStatus(article, r.data.status);
        showFindings(article, r.data.findings || []);
        if (action === "next") {
          if (r.data.next && focusUnit(r.data.next.key)) {
            // Said where the translator now is, as the page without the script says it.
            var number = article.querySelector(".src .num");
            showMessage(document.getElementById("u-" + r.data.next.key),
              "✓ " + t("saved_next", "Saved unit %(n)s; here is the next untranslated unit.")
                .replace("%(n)s", number ? number.textContent : ""), "saved");
          } else if (r.data.next) {
            window.location.href = r.data.next.url;
          } else {
            showMessage(article, "✓ " + t("saved_none", "Saved. No other unit is untranslated or fuzzy."), "saved");
          }
        } else {
          showMessage(article, "✓ " + t("saved", "Saved"), "saved");
        }
      } else if (r.status === 409) {
        showConflict(article, form, r.data);
      } else {
        showMessage(article, r.data.error || ("HTTP " + r.status), "error");
      }
    }).catch(function () {
      showMessage(article, t("no_answer", "The server did not answer; your text is still here. Try again."), "error");
    });
  }

  units.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form.tr")) { return; }
    event.preventDefault();
    var button = event.submitter;
    save(form, button && button.value ? button.value : "save");
  });

  units.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && event.target.matches("form.tr textarea")) {
      event.preventDefault();
      save(event.target.form, "next");
    }
  });

  // -- keyboard -----------------------------------------------------------------
  // Keys are read by their place on the keyboard (event.code), not by the letter
  // they type, so that every shortcut works the same with a Persian or Arabic
  // layout, where Alt+C types no "c" and the digits are ۱ ۲ ۳.

  var articles = function () { return Array.prototype.slice.call(units.querySelectorAll("article.unit")); };

  function current() {
    var active = document.activeElement;
    var article = active && active.closest ? active.closest("article.unit") : null;
    if (article) { return article; }
    if (lastArea && document.body.contains(lastArea)) { return lastArea.closest("article.unit"); }
    return units.querySelector("article.unit.focused") || articles()[0] || null;
  }

  function focusArticle(article) {
    var area = article.querySelector("form.tr textarea");
    article.scrollIntoView({ block: "center" });
    if (area) { area.focus(); }
  }

  // The next or previous unit on the page; past the end of the page, the next page.
  function step(by) {
    var list = articles();
    var at = list.indexOf(current());
    var target = list[at + by];
    if (target) { focusArticle(target); return; }
    var here = document.querySelector(".pager span[aria-current]");
    var link = here && (by > 0 ? here.nextElementSibling : here.previousElementSibling);
    if (link && link.href) { window.location.href = link.href; }
  }

  function insert(area, text, whole) {
    area.focus();
    if (whole) { area.select(); }
    // execCommand keeps the browser's undo history (Ctrl+Z undoes the insertion).
    var done = false;
    try { done = document.execCommand("insertText", false, text); } catch (e) { done = false; }
    if (!done) {
      var start = whole ? 0 : area.selectionStart, end = whole ? area.value.length : area.selectionEnd;
      area.setRangeText(text, start, end, "end");
    }
    area.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function copySource(article) {
    var area = article.querySelector("form.tr textarea");
    var source = article.querySelector(".src .text");
    if (area && source) { insert(area, source.textContent, true); }
  }

  function take(article, kind, n) {
    var selector = kind === "m" ? "button.use[data-n='" + n + "']" : "button.term-insert[data-n='" + n + "']";
    var button = article.querySelector(selector);
    if (!button || button.disabled) {
      showMessage(article, t(kind === "m" ? "no_suggestion" : "no_rendering", "Nothing with that number."), "error");
      return;
    }
    button.click();
  }

  function review(article) {
    var form = article.querySelector("form.tr");
    var select = form && form.querySelector("select[name=status]");
    if (!select || !select.querySelector("option[value=reviewed]")) { return; }
    select.value = "reviewed";
    save(form, "save").then(function () {
      if (form.closest("article.unit").className.indexOf("status-reviewed") !== -1) { step(1); }
    });
  }

  var dialog = document.getElementById("shortcuts");
  function showShortcuts() {
    if (!dialog) { return; }
    if (typeof dialog.showModal === "function") { dialog.showModal(); } else { dialog.setAttribute("open", ""); }
  }
  document.querySelectorAll(".shortcuts-open").forEach(function (button) {
    button.addEventListener("click", showShortcuts);
  });

  function editable(node) {
    return node && (node.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(node.tagName));
  }

  var pending = null;  // "m" or "g" after Alt+M or Alt+G, waiting for a digit
  var pendingTimer = null;
  document.addEventListener("keydown", function (event) {
    if (dialog && dialog.open) { return; }  // Esc closes it; nothing else applies
    var digit = /^(?:Digit|Numpad)([1-9])$/.exec(event.code || "");
    if (pending && digit) {
      event.preventDefault();
      var kind = pending;
      pending = null;
      var article = current();
      if (article && (kind === "g" || Number(digit[1]) <= 5)) { take(article, kind, digit[1]); }
      return;
    }
    pending = null;
    if (!event.altKey && (event.key === "?" || event.key === "؟") && !editable(event.target)) {
      event.preventDefault();
      showShortcuts();
      return;
    }
    if (!event.altKey || event.ctrlKey || event.metaKey) { return; }
    var article = current();
    switch (event.code) {
      case "ArrowDown": case "PageDown": event.preventDefault(); step(1); break;
      case "ArrowUp": case "PageUp": event.preventDefault(); step(-1); break;
      case "KeyC": if (article) { event.preventDefault(); copySource(article); } break;
      case "KeyM": case "KeyG":
        event.preventDefault();
        pending = event.code === "KeyM" ? "m" : "g";
        clearTimeout(pendingTimer);
        pendingTimer = setTimeout(function () { pending = null; }, 2000);
        break;
      case "KeyR": if (article && strings.can_review) { event.preventDefault(); review(article); } break;
      default: break;
    }
  });

  units.addEventListener("click", function (event) {
    var button = event.target.closest("button.copy-source");
    if (button) { copySource(button.closest("article.unit")); }
  });

  var timers = new WeakMap();
  units.addEventListener("input", function (event) {
    var area = event.target;
    if (!area.matches("form.tr textarea")) { return; }
    var form = area.form;
    dirty.add(form);
    clearTimeout(timers.get(form));
    timers.set(form, setTimeout(function () {
      var article = form.closest("article.unit");
      var url = checkUrl.replace("KEY", article.getAttribute("data-key"));
      post(url, form, {}).then(function (r) {
        if (r.status === 200) { showFindings(article, r.data.findings || []); }
      }).catch(function () { /* offline: the check runs again on save */ });
    }, 350));
  });

  // The textarea that had focus last, so a click on a term inserts there.
  var lastArea = null;
  units.addEventListener("focusin", function (event) {
    if (event.target.matches("form.tr textarea")) { lastArea = event.target; }
  });

  units.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-insert], button[data-use]");
    if (!button) { return; }
    var article = button.closest("article.unit");
    var area = article.querySelector("form.tr textarea");
    if (button.hasAttribute("data-insert")) {
      if (lastArea !== area) { area.focus(); area.setSelectionRange(area.value.length, area.value.length); }
      insert(area, button.getAttribute("data-insert"), false);
    } else {
      insert(area, button.getAttribute("data-use"), true);
      // A match below 100 was made for another source: it needs a look.
      var select = article.querySelector("form.tr select[name=status]");
      if (select && Number(button.getAttribute("data-score")) < 100) { select.value = "fuzzy"; }
    }
    area.focus();
  });

  window.addEventListener("beforeunload", function (event) {
    if (dirty.size) { event.preventDefault(); event.returnValue = ""; }
  });

  var focused = document.querySelector("article.unit.focused textarea");
  if (focused) { focused.focus(); }
})();
