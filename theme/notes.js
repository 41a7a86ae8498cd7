// Margin notes beside their words. On wide screens each editor's note and footnote is lifted
// out of the text flow into the margin column with its top on the line of its highlighted
// words (or footnote number); notes that would touch move down below the one above. The text
// grows a space at its end if the last note reaches past it, so nothing overlaps what follows.
// Phones, print and browsers without scripts keep each note right after its paragraph.
(function () {
  'use strict';
  var body = document.querySelector('.article-body');
  if (!body) return;
  var wide = window.matchMedia('screen and (min-width: 1100px)');
  var GAP = 12;

  function anchorOf(note) {
    var id = note.id;
    if (id.indexOf('note-') === 0) return document.getElementById('annotation-' + id.slice(5));
    if (id.indexOf('sidenote-') === 0) return document.getElementById('fnref-' + id.slice(9));
    return null;
  }

  function reset(notes) {
    body.classList.remove('notes-placed');
    body.style.paddingBottom = '';
    body.removeAttribute('data-notes-placed');
    notes.forEach(function (note) { note.style.top = ''; });
  }

  function place() {
    var notes = Array.prototype.slice.call(body.querySelectorAll('aside.annotation-note, aside.sidenote'));
    reset(notes);
    if (!wide.matches || !notes.length) return;
    // Out of the flow first, so the words' lines are measured where they will stay.
    body.classList.add('notes-placed');
    var placed = notes.map(function (note) {
      var anchor = anchorOf(note);
      var rects = anchor ? anchor.getClientRects() : [];
      return { note: note, line: rects.length ? rects[0].top : null };
    }).filter(function (p) { return p.line !== null; });
    var origin = body.getBoundingClientRect().top;
    placed.sort(function (a, b) { return a.line - b.line; });
    var bottom = -Infinity;
    placed.forEach(function (p) {
      var top = Math.max(p.line - origin, bottom + GAP);
      p.note.style.top = top + 'px';
      bottom = top + p.note.getBoundingClientRect().height;
    });
    var overflow = bottom - body.getBoundingClientRect().height;
    if (overflow > 0) body.style.paddingBottom = Math.ceil(overflow) + 'px';
    body.setAttribute('data-notes-placed', placed.length);
  }

  var frame = 0;
  function schedule() {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(place);
  }
  place();
  window.addEventListener('resize', schedule);
  window.addEventListener('load', schedule);
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(schedule);
  window.addEventListener('beforeprint', function () {
    reset(Array.prototype.slice.call(body.querySelectorAll('aside.annotation-note, aside.sidenote')));
  });
  window.addEventListener('afterprint', schedule);
})();
