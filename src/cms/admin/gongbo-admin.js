// gongbo's part of the editor page (/admin/ under `gongbo serve`, src/cms/admin.rs).
//
// Loaded before Decap CMS: it asks Decap to wait (CMS_MANUAL_INIT), then, once the page
// is parsed, registers the preview of releases and pages and starts the CMS. The preview
// shows the saved page as the site renders it (the site's own page and CSS, in a frame),
// with the problems `gongbo check` finds in the entry's two files; a status area at the
// bottom of the page says whether the last build worked. Both follow serve's reload
// events, so they change when a save has been built. No inline script or style: the
// page's policy allows neither.
(function () {
  'use strict';
  window.CMS_MANUAL_INIT = true;
  var lang = document.documentElement.lang === 'en' ? 'en' : 'ko';
  var T = {
    ko: {
      ok: '저장한 내용이 누리집에 반영되었습니다.',
      failed: '저장한 내용에 오류가 있어 누리집에 반영되지 않았습니다. 아래 오류를 고쳐 저장하세요.',
      waiting: '누리집을 만드는 중입니다…',
      unreachable: 'gongbo serve에 연결할 수 없습니다. 터미널에서 gongbo serve가 켜져 있는지 확인하세요.',
      counts: function (e, w) { return '오류 ' + e + '건, 경고 ' + w + '건'; },
      error: '오류', warning: '경고', line: '줄', hint: '고치는 법',
      show: '자세히', hide: '접기',
      unsaved: '저장하면 이 자리에 누리집 화면이 보입니다. 미리보기는 마지막으로 저장한 내용입니다.',
      saved: '마지막으로 저장한 내용입니다. 저장할 때마다 새로 고쳐집니다.',
      none: '이 보도자료의 두 파일에서 찾은 문제가 없습니다.',
      problems: '이 항목의 파일에서 찾은 문제',
      frame: '누리집 미리보기',
      ko: '한국어', en: 'English'
    },
    en: {
      ok: 'What you saved is on the preview site.',
      failed: 'What you saved has errors, so the preview site was not updated. Fix the errors below and save again.',
      waiting: 'Building the site…',
      unreachable: 'gongbo serve cannot be reached: check that it is still running in the terminal.',
      counts: function (e, w) { return e + ' error(s), ' + w + ' warning(s)'; },
      error: 'error', warning: 'warning', line: 'line', hint: 'how to fix',
      show: 'Details', hide: 'Hide',
      unsaved: 'Save to see the page here. The preview shows what was last saved.',
      saved: 'What was last saved; it is updated on every save.',
      none: 'No problems found in the two files of this entry.',
      problems: 'Problems found in the files of this entry',
      frame: 'Preview of the page',
      ko: '한국어', en: 'English'
    }
  }[lang];

  var status = null;
  var reachable = true;
  var listeners = [];

  function refresh() {
    fetch('/api/gongbo/status?lang=' + lang, { headers: { accept: 'application/json' }, cache: 'no-store' })
      .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
      .then(function (s) { status = s; reachable = true; changed(); })
      .catch(function () { reachable = false; changed(); });
  }

  function changed() {
    renderStatus();
    listeners.slice().forEach(function (f) { f(); });
  }

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) {
      e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return e;
  }

  function findingText(f) {
    var where = f.file + (f.line ? ':' + f.line + (f.column ? ':' + f.column : '') : '');
    return (f.severity === 'error' ? T.error : T.warning) + ' [' + f.code + '] ' + where + ': ' +
      (f.field ? f.field + ': ' : '') + f.message;
  }

  // The status area, outside Decap's own page.
  var box = null;
  var open = false;
  function renderStatus() {
    if (!box) return;
    box.textContent = '';
    var state = !reachable ? 'unreachable' : !status ? 'waiting' : status.built ? 'ok' : 'failed';
    box.setAttribute('data-state', state);
    var line = el('p', { 'class': 'gongbo-status-line' }, [T[state]]);
    box.appendChild(line);
    if (!status || !reachable) return;
    var count = el('span', { 'class': 'gongbo-status-count' }, [' ' + T.counts(status.errors, status.warnings)]);
    line.appendChild(count);
    if (!status.findings.length) return;
    var toggle = el('button', { type: 'button', 'aria-expanded': String(open) }, [open ? T.hide : T.show]);
    toggle.addEventListener('click', function () { open = !open; renderStatus(); });
    line.appendChild(toggle);
    if (open) {
      box.appendChild(el('ul', {}, status.findings.map(function (f) {
        return el('li', { 'data-severity': f.severity }, [findingText(f)]);
      })));
    }
  }

  function startStatus() {
    box = el('div', { id: 'gongbo-status', role: 'status', 'aria-live': 'polite' });
    document.body.appendChild(box);
    renderStatus();
    var events = new EventSource('/__gongbo/events');
    events.addEventListener('reload', refresh);
    events.addEventListener('error', function () { reachable = false; changed(); });
    events.addEventListener('open', refresh);
    refresh();
  }

  // The preview of a release or a page.
  function previewFor(folder) {
    var h = window.h;
    return window.createClass({
      getInitialState: function () { return { lang: 'ko', tick: 0 }; },
      componentDidMount: function () {
        var self = this;
        this.listener = function () { self.setState({ tick: self.state.tick + 1 }); };
        listeners.push(this.listener);
      },
      componentWillUnmount: function () {
        listeners = listeners.filter(function (f) { return f !== this.listener; }, this);
      },
      render: function () {
        var self = this;
        var entry = this.props.entry;
        var stem = entry.get('slug') || '';
        var saved = stem && !entry.get('newRecord');
        var shown = this.state.lang;
        var data = shown === 'ko' ? entry.get('data') : entry.getIn(['i18n', 'en', 'data']);
        var slug = (data && data.get && data.get('slug')) || stem;
        var path = (shown === 'en' ? '/en' : '') + (folder === 'releases' ? '/releases/' : '/') +
          encodeURIComponent(slug) + '/';
        var files = ['ko', 'en'].map(function (l) { return 'content/' + folder + '/' + stem + '.' + l + '.md'; });
        var found = (status && status.findings || []).filter(function (f) { return files.indexOf(f.file) >= 0; });
        var tabs = h('div', { className: 'gongbo-tabs', role: 'group' }, ['ko', 'en'].map(function (l) {
          return h('button', {
            key: l, type: 'button', 'aria-pressed': String(l === shown),
            onClick: function () { self.setState({ lang: l }); }
          }, T[l]);
        }));
        var problems = !saved ? null : h('section', { className: 'gongbo-problems', 'aria-label': T.problems },
          found.length
            ? h('ul', null, found.map(function (f, i) {
              return h('li', { key: i, 'data-severity': f.severity }, findingText(f),
                f.hint ? h('span', { className: 'gongbo-hint' }, ' ' + T.hint + ': ' + f.hint) : null);
            }))
            : h('p', null, T.none));
        return h('div', { className: 'gongbo-preview' },
          tabs,
          h('p', { className: 'gongbo-note' }, saved ? T.saved : T.unsaved),
          problems,
          saved ? h('iframe', { key: path, src: path, title: T.frame, className: 'gongbo-frame' }) : null);
      }
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var CMS = window.CMS;
    if (!CMS) return;
    CMS.registerPreviewStyle('/admin/gongbo-admin.css');
    CMS.registerPreviewTemplate('releases', previewFor('releases'));
    CMS.registerPreviewTemplate('pages', previewFor('pages'));
    CMS.init();
    startStatus();
  });
})();
