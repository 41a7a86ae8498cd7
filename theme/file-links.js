// A book opened from the disk (file://, a copied folder or a USB stick) has no web server to
// turn a folder address into its index.html: the browser would list the folder instead. So
// there, every relative folder link and form of the page is pointed at the folder's index.html.
(function () {
  'use strict';
  if (location.protocol !== 'file:') return;
  // A folder address: a path ending in `/`, then perhaps a query or a fragment.
  var folder = /^([^?#]*\/)([?#].*)?$/;
  // Addresses no folder of the book has: with a scheme, from the file system's root, or in-page.
  var elsewhere = /^([a-z][a-z0-9+.-]*:|\/|#)/i;
  function point(element, attribute) {
    var address = element.getAttribute(attribute);
    if (address === null || elsewhere.test(address)) return;
    var parts = folder.exec(address);
    if (parts) element.setAttribute(attribute, parts[1] + 'index.html' + (parts[2] || ''));
  }
  document.querySelectorAll('a[href]').forEach(function (a) { point(a, 'href'); });
  document.querySelectorAll('form[action]').forEach(function (f) { point(f, 'action'); });
  // Links written later (search results) are pointed as they are followed.
  document.addEventListener('click', function (event) {
    var a = event.target.closest ? event.target.closest('a[href]') : null;
    if (a) point(a, 'href');
  }, true);
})();
