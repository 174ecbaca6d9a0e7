// Progressive enhancement of the site's forms (core/widgets.py). Without JavaScript every control is
// a plain input or select that works; with it:
// - a date typed as text (data-date-picker) gets the browser's own date picker beside it, which
//   writes 2025-06-30 into the text box;
// - a select that may hold hundreds of options (data-searchable) gets a filter box above it: typing
//   hides the options that do not contain every typed word and opens the list of those that do.
// The words shown come from the data- attributes the server translated.
(function () {
  "use strict";

  var ISO = /^\s*(\d{4})\s*(?:-|\/|\.|年)\s*(\d{1,2})\s*(?:-|\/|\.|月)\s*(\d{1,2})\s*日?\s*$/;

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function isoOf(text) {
    var m = ISO.exec(text || "");
    if (!m) {
      return "";
    }
    var month = parseInt(m[2], 10);
    var day = parseInt(m[3], 10);
    if (month < 1 || month > 12 || day < 1 || day > 31) {
      return "";
    }
    return m[1] + "-" + pad(month) + "-" + pad(day);
  }

  function addDatePicker(input) {
    if (input.dataset.datePickerReady) {
      return;
    }
    input.dataset.datePickerReady = "1";
    var picker = document.createElement("input");
    picker.type = "date";
    picker.className = "form-control date-picker";
    picker.setAttribute("aria-label", input.dataset.datePicker || "");
    picker.dataset.testid = "date-picker";
    if (input.hasAttribute("min")) {
      picker.min = input.min;
    }
    if (input.hasAttribute("max")) {
      picker.max = input.max;
    }
    if (input.disabled) {
      picker.disabled = true;
    }
    picker.value = isoOf(input.value);
    var group = document.createElement("div");
    group.className = "input-group date-input";
    input.parentNode.insertBefore(group, input);
    group.appendChild(input);
    group.appendChild(picker);
    picker.addEventListener("change", function () {
      if (picker.value) {
        input.value = picker.value;
        input.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
    picker.addEventListener("click", function () {
      if (typeof picker.showPicker === "function") {
        try {
          picker.showPicker();
        } catch (e) {
          // the browser opens its picker itself, or cannot: the text box still takes a typed date
        }
      }
    });
    input.addEventListener("input", function () {
      picker.value = isoOf(input.value);
    });
  }

  function words(text) {
    return text.toLowerCase().split(/\s+/).filter(Boolean);
  }

  function matches(option, wanted) {
    var label = option.textContent.toLowerCase();
    return wanted.every(function (word) {
      return label.indexOf(word) !== -1;
    });
  }

  function addFilter(select) {
    if (select.dataset.searchableReady) {
      return;
    }
    select.dataset.searchableReady = "1";
    var hint = select.dataset.searchable || "";
    var box = document.createElement("input");
    box.type = "search";
    box.className = "form-control form-control-sm mb-1 select-filter";
    box.placeholder = hint;
    box.autocomplete = "off";
    // the hint alone: the select keeps its label to itself, so tests and readers find one control by it
    box.setAttribute("aria-label", hint);
    if (select.id) {
      box.setAttribute("aria-controls", select.id);
    }
    box.dataset.testid = "select-filter-" + (select.name || select.id);
    select.parentNode.insertBefore(box, select);
    var originalSize = select.getAttribute("size");

    function filter() {
      var wanted = words(box.value);
      var shown = [];
      Array.prototype.forEach.call(select.options, function (option) {
        var keep = !wanted.length || option.value === "" || option.selected || matches(option, wanted);
        option.hidden = !keep;
        if (keep && option.value !== "") {
          shown.push(option);
        }
      });
      Array.prototype.forEach.call(select.querySelectorAll("optgroup"), function (group) {
        group.hidden = !Array.prototype.some.call(group.children, function (o) {
          return !o.hidden;
        });
      });
      if (!select.multiple) {
        // a single select opens as a list of what matches, so one click picks it
        if (wanted.length) {
          select.setAttribute("size", String(Math.max(2, Math.min(shown.length + 1, 8))));
        } else if (originalSize === null) {
          select.removeAttribute("size");
        } else {
          select.setAttribute("size", originalSize);
        }
      }
      return shown;
    }

    box.addEventListener("input", filter);
    box.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") {
        return;
      }
      // Enter picks the first match instead of sending the form half-filled
      event.preventDefault();
      var shown = filter().filter(function (o) {
        return matches(o, words(box.value));
      });
      if (shown.length) {
        shown[0].selected = true;
        select.dispatchEvent(new Event("change", { bubbles: true }));
        select.focus();
      }
    });
    select.addEventListener("change", function () {
      if (!select.multiple && box.value) {
        box.value = "";
        filter();
      }
    });
  }

  function enhance(root) {
    Array.prototype.forEach.call(root.querySelectorAll("input[data-date-picker]"), addDatePicker);
    Array.prototype.forEach.call(root.querySelectorAll("select[data-searchable]"), addFilter);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      enhance(document);
    });
  } else {
    enhance(document);
  }
})();
