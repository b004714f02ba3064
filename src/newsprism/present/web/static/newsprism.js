// newsprism: small progressive enhancements. Every page works without this file.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // Filters: a changed drop-down submits its form.
  document.querySelectorAll("select.autosubmit").forEach(function (select) {
    select.addEventListener("change", function () { select.form.requestSubmit(); });
  });
  // Filters: leave empty fields out of the address.
  document.querySelectorAll("form.filters").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("input, select").forEach(function (field) {
        if (field.name && field.value === "") { field.disabled = true; }
      });
    });
  });
  // Story page: pointing at a fact highlights it in every column and in the facts table.
  function markFact(number, on) {
    document.querySelectorAll('[data-fact="' + number + '"]').forEach(function (node) {
      node.classList.toggle("active", on);
    });
  }
  document.querySelectorAll("[data-fact]").forEach(function (node) {
    var number = node.getAttribute("data-fact");
    if (!/^[0-9]+$/.test(number)) { return; }
    node.addEventListener("mouseenter", function () { markFact(number, true); });
    node.addEventListener("mouseleave", function () { markFact(number, false); });
    // The numbered labels take the keyboard's focus too.
    node.addEventListener("focus", function () { markFact(number, true); });
    node.addEventListener("blur", function () { markFact(number, false); });
  });
  // Article page: clicking a speaker in the legend dims everyone else's quotes.
  var chosen = null;
  document.querySelectorAll(".legend .quote[data-speaker]").forEach(function (key) {
    key.addEventListener("click", function () {
      var speaker = key.getAttribute("data-speaker");
      chosen = chosen === speaker ? null : speaker;
      document.querySelectorAll(".article-text .quote").forEach(function (quote) {
        quote.classList.toggle("dim", chosen !== null && quote.getAttribute("data-speaker") !== chosen);
      });
    });
  });
});
