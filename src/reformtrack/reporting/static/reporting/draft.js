// Keeps what the clerk types in the report form in this browser (localStorage) and restores it
// after a reload, so that no typed text is lost before the server has it. The server says when
// it has saved the form (an element with data-draft-clear on the next page): the copy is dropped.
// A copy taken from another version of the report (someone saved it since) is dropped too, rather
// than written over their work. Without JavaScript, or without storage, the form works as before.
(function () {
  "use strict";
  var storage;
  try {
    storage = window.localStorage;
    storage.getItem("");
  } catch (e) {
    return; // storage off (private mode, policy): nothing to keep
  }

  document.querySelectorAll("[data-draft-clear]").forEach(function (node) {
    storage.removeItem(node.getAttribute("data-draft-clear"));
  });

  var form = document.querySelector("form[data-draft-key]");
  if (!form) return;
  var key = form.getAttribute("data-draft-key");
  var version = form.getAttribute("data-draft-version");
  var fields = Array.prototype.filter.call(form.elements, function (field) {
    if (!field.name || field.name === "csrfmiddlewaretoken" || field.name === "version") return false;
    var type = (field.type || "").toLowerCase();
    return ["file", "submit", "button", "hidden", "reset"].indexOf(type) === -1;
  });

  function read() {
    try {
      var stored = JSON.parse(storage.getItem(key) || "null");
      return stored && typeof stored === "object" && stored.values ? stored : null;
    } catch (e) {
      return null;
    }
  }

  function write() {
    var values = {};
    fields.forEach(function (field) {
      values[field.name] = field.value;
    });
    try {
      storage.setItem(key, JSON.stringify({ version: version, values: values, at: Date.now() }));
    } catch (e) {
      // storage full: the server still gets the form when it is posted
    }
  }

  var stored = read();
  if (stored && stored.version === version) {
    var restored = false;
    fields.forEach(function (field) {
      if (Object.prototype.hasOwnProperty.call(stored.values, field.name) &&
          field.value !== stored.values[field.name]) {
        field.value = stored.values[field.name];
        restored = true;
      }
    });
    var note = form.querySelector("[data-draft-note]");
    if (restored && note) note.hidden = false;
  } else if (stored) {
    storage.removeItem(key);
  }

  form.addEventListener("input", write);
  form.addEventListener("change", write);
})();
