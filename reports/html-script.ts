/**
 * The HTML report's only script: filters (outcome, level, section, target, text) that hide
 * rows, and matrix links that reveal the row they point at. It reads the page, never data
 * embedded in script, so nothing an implementation sent can reach JavaScript source.
 */
export const SCRIPT = `(() => {
  'use strict';
  const all = (sel, root) => Array.from((root || document).querySelectorAll(sel));
  const byId = (id) => document.getElementById(id);
  const rows = all('.result');
  const boxes = all('#filters input[name=verdict]');
  const level = byId('f-level'), section = byId('f-section'), target = byId('f-target'), search = byId('f-search');
  function apply() {
    const verdicts = new Set(boxes.filter((b) => b.checked).map((b) => b.value));
    const q = search.value.trim().toLowerCase();
    let n = 0;
    for (const r of rows) {
      const d = r.dataset;
      const ok = verdicts.has(d.verdict) && (!level.value || d.level === level.value)
        && (!section.value || d.section === section.value) && (!target || !target.value || d.target === target.value)
        && (!q || r.textContent.toLowerCase().includes(q));
      r.hidden = !ok;
      if (ok) n += 1;
    }
    for (const g of all('.group, .target-results')) g.hidden = !all('.result', g).some((r) => !r.hidden);
    byId('shown').textContent = String(n);
    byId('empty').hidden = n > 0;
  }
  for (const el of [...boxes, level, section, target, search]) {
    if (!el) continue;
    el.addEventListener('input', apply);
    el.addEventListener('change', apply);
  }
  document.addEventListener('click', (e) => {
    const a = e.target instanceof Element ? e.target.closest('a.jump') : null;
    const row = a ? byId(a.getAttribute('href').slice(1)) : null;
    if (!row) return;
    if (row.hidden) {
      for (const b of boxes) if (b.value === row.dataset.verdict) b.checked = true;
      level.value = section.value = search.value = '';
      if (target) target.value = '';
      apply();
    }
    row.open = true;
  });
  const differ = byId('m-differ');
  const matrix = () => { for (const tr of all('#rule-matrix tr[data-all-pass=true]')) tr.hidden = differ.checked; };
  if (differ) { differ.addEventListener('change', matrix); matrix(); }
  apply();
})();`;
