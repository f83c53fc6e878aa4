/* Warn before leaving a page whose form has unsaved changes: <form data-warn-unsaved>.
   A form counts as changed once the user types or picks anything in it; submitting clears the flag. */
(function () {
  "use strict";
  var dirty = new Set();

  document.addEventListener("input", mark, true);
  document.addEventListener("change", mark, true);

  function mark(event) {
    var form = event.target && event.target.closest && event.target.closest("form[data-warn-unsaved]");
    if (form) dirty.add(form);
  }

  document.addEventListener("submit", function (event) {
    if (event.target.matches && event.target.matches("form[data-warn-unsaved]")) dirty.delete(event.target);
  }, true);

  // A date picker shows the browser's calendar; <output data-be-date-of="ID"> beside it
  // repeats the chosen date with its Buddhist-era year (พ.ศ.), as Thai readers expect.
  var THAI_MONTHS = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."];
  var EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  function showBuddhistEra(output) {
    var input = document.getElementById(output.getAttribute("data-be-date-of"));
    var match = input && /^(\d{4})-(\d{2})-(\d{2})$/.exec(input.value);
    if (!match) { output.textContent = ""; return; }
    var year = +match[1], month = +match[2] - 1, day = +match[3];
    var thai = (document.documentElement.lang || "th").indexOf("th") === 0;
    output.textContent = thai
      ? day + " " + THAI_MONTHS[month] + " " + (year + 543)
      : day + " " + EN_MONTHS[month] + " " + year;
  }

  document.addEventListener("input", function (event) {
    if (!event.target.id) return;
    document.querySelectorAll('output[data-be-date-of="' + event.target.id + '"]').forEach(showBuddhistEra);
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("output[data-be-date-of]").forEach(showBuddhistEra);
  });

  window.addEventListener("beforeunload", function (event) {
    // Forms htmx has swapped out (a cancelled inline edit) no longer count.
    dirty.forEach(function (form) { if (!form.isConnected) dirty.delete(form); });
    if (dirty.size === 0) return undefined;
    event.preventDefault();
    event.returnValue = ""; // older browsers need a value to show their own prompt
    return "";
  });
})();
