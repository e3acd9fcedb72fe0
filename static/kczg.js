// Deadline countdown: the server states the deadline (+08:00); the page only counts down.
(function () {
  function tick() {
    document.querySelectorAll('.countdown[data-deadline]').forEach(function (el) {
      var left = Date.parse(el.getAttribute('data-deadline')) - Date.now();
      if (isNaN(left)) return;
      if (left <= 0) { el.textContent = '0'; return; }
      var s = Math.floor(left / 1000), d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600),
          m = Math.floor(s % 3600 / 60);
      el.textContent = (d ? d + 'd ' : '') + h + 'h ' + m + 'm ' + (s % 60) + 's';
    });
  }
  document.addEventListener('DOMContentLoaded', function () { tick(); setInterval(tick, 1000); });
})();
