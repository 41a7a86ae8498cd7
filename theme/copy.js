// Copy buttons: any <button data-copy="text"> puts its text on the clipboard.
(function () {
  'use strict';
  function fallbackCopy(text) {
    var area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error('copy failed'));
  }
  document.addEventListener('click', function (event) {
    var button = event.target.closest ? event.target.closest('button[data-copy]') : null;
    if (!button) return;
    var text = button.getAttribute('data-copy');
    var copy = navigator.clipboard && window.isSecureContext
      ? navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); })
      : fallbackCopy(text);
    var label = button.getAttribute('data-label') || button.textContent;
    button.setAttribute('data-label', label);
    copy.then(function () { button.textContent = button.getAttribute('data-copied') || 'Copied'; },
              function () { button.textContent = button.getAttribute('data-copy-failed') || 'Select and copy the text above'; })
      .then(function () { setTimeout(function () { button.textContent = label; }, 2000); });
  });
})();
