(function () {
  document.documentElement.classList.add('js'); // the toolbar needs this script
  function setAll(open) { document.querySelectorAll('details').forEach(function (d) { d.open = open; }); }
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    for (; el; el = el.parentElement) if (el.tagName === 'DETAILS') el.open = true;
  }
  document.getElementById('expand-all').addEventListener('click', function () { setAll(true); });
  document.getElementById('collapse-all').addEventListener('click', function () { setAll(false); });
  window.addEventListener('beforeprint', function () { setAll(true); });
  window.addEventListener('hashchange', openTarget);
  openTarget();
})();
