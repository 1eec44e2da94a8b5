"""The preview's web page: status, diagnostics (click one to copy its file:line:column), the document's
pages with a zoom, a page field and the outline's headings as a clickable table of contents, the texts
of the pages, and the client's comments of kommentare.yaml with their answers (click one to copy its
source).

It asks ``/state?after=N`` again as soon as an answer came (the server answers when something is new).
A page whose picture changed keeps its old one, marked, until the new one has loaded: no blank pages.
Zoomed pages near the window are drawn again at a resolution that fits the zoom and the screen."""

PAGE = """<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<title>conceptgen – Vorschau</title>
<style>
  body { font-family: Arial, sans-serif; margin: 0; background: #EEF1F4; color: #1A1A1A; }
  header { background: #1F4E79; color: #fff; padding: .5rem 1rem; position: sticky; top: 0; z-index: 2; }
  header h1 { font-size: 1.05rem; margin: 0; display: inline; }
  #status { margin-left: 1rem; font-size: .9rem; }
  #tools { display: flex; flex-wrap: wrap; gap: .4rem 1rem; align-items: center; margin-top: .35rem;
           font-size: .85rem; }
  #tools button, #tools select, #tools input { font-size: .85rem; }
  #page-number { width: 3.5em; }
  #to-edit[hidden] { display: none; }
  #problems { margin: .6rem 1rem; padding: 0; list-style: none; }
  #problems li { background: #fff; border-left: 6px solid #C00000; margin: .25rem 0; padding: .4rem .6rem;
                 font-family: monospace; font-size: .85rem; cursor: copy; }
  #problems li.warning { border-left-color: #BF9000; }
  #problems li.copied::after { content: "  ✓ kopiert"; color: #548235; }
  #layout { display: flex; align-items: flex-start; }
  #toc { position: sticky; top: 5.2rem; width: 17rem; flex: none; max-height: calc(100vh - 6rem);
         overflow: auto; font-size: .82rem; padding: .5rem .6rem; background: #fff; margin: 1rem 0 1rem 1rem;
         box-shadow: 0 1px 4px #999; }
  #toc[hidden] { display: none; }
  #toc h2 { font-size: .9rem; margin: .2rem 0 .4rem; }
  #toc a { display: block; color: #1F4E79; text-decoration: none; padding: .12rem 0; }
  #toc a:hover { text-decoration: underline; }
  #toc a.here { font-weight: bold; }
  #toc .page { float: right; color: #666; padding-left: .4rem; }
  #pages { display: flex; flex-wrap: wrap; gap: 1rem; padding: 1rem; justify-content: center; flex: 1; }
  figure { margin: 0; background: #fff; box-shadow: 0 1px 4px #999; position: relative; }
  .sheet { position: relative; }
  .sheet img { display: block; width: 100%; height: 100%; }
  .sheet img:not([src]) { visibility: hidden; }
  .sheet .blank { position: absolute; inset: 0; display: flex; align-items: center; justify-content: center;
                  color: #777; }
  figure.pending::after { content: "wird neu gezeichnet …"; position: absolute; top: .3rem; right: .3rem;
                          background: #FFF2CC; color: #5A4500; font-size: .7rem; padding: .1rem .4rem; }
  figure.edited { outline: 3px solid #2E75B6; }
  figcaption { font-size: .75rem; padding: .3rem .5rem; color: #444; }
  details { margin: 0 1rem 1rem; background: #fff; padding: .5rem 1rem; }
  .stale { opacity: .55; }
  #comments ol { padding-left: 1.4rem; }
  #comments li { margin: .4rem 0; cursor: copy; }
  #comments .status { font-size: .75rem; padding: 0 .4rem; border-radius: .6rem; background: #D6E0EB; }
  #comments .status.offen { background: #FBE3D6; }
  #comments .where { font-family: monospace; font-size: .8rem; color: #444; }
  #comments blockquote { margin: .2rem 0 .2rem 1rem; color: #333; }
</style>
</head>
<body>
<header>
  <h1 id="title">conceptgen – Vorschau</h1><span id="status">startet …</span>
  <div id="tools">
    <label>Zoom <select id="zoom" aria-label="Zoom">
      <option value="0.5">50 %</option><option value="0.75">75 %</option><option value="1">100 %</option>
      <option value="1.25">125 %</option><option value="1.5">150 %</option><option value="2">200 %</option>
    </select></label>
    <button id="zoom-out" title="kleiner (-)" aria-label="kleiner">−</button>
    <button id="zoom-in" title="größer (+)" aria-label="größer">+</button>
    <label>Seite <input id="page-number" type="number" min="1" value="1" aria-label="Seite"></label>
    <span id="page-count"></span>
    <button id="toc-toggle" aria-controls="toc">Inhalt</button>
    <button id="to-edit" hidden>zur Änderung</button>
    <label title="nach jeder Änderung zu ihrer Seite springen"><input id="follow" type="checkbox">
      Änderungen folgen</label>
    <span id="which"></span>
  </div>
</header>
<ul id="problems" aria-live="polite"></ul>
<div id="layout">
  <nav id="toc" aria-label="Inhalt"><h2>Inhalt</h2><div id="toc-list"></div></nav>
  <main id="pages" aria-label="Seiten des Dokuments"></main>
</div>
<details id="comments"><summary>Rückmeldungen</summary><ol id="comment-list"></ol></details>
<details id="text"><summary>Text der Seiten</summary><div id="texts"></div></details>
<script>
const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2];
let state = null, shown = -1, seq = -1, zoom = Number(localStorage.getItem("cg-zoom") || 0.75);
let current = 0, lastEdit = -1, lastEarly = "";
const near = new Set();
const $ = id => document.getElementById(id);
function esc(s) { const d = document.createElement("div"); d.textContent = s; return d.innerHTML; }
function num(x) { return String(x).replace(".", ","); }
$("follow").checked = localStorage.getItem("cg-follow") !== "0";
$("follow").onchange = () => localStorage.setItem("cg-follow", $("follow").checked ? "1" : "0");
$("zoom").value = String(zoom);

function dpiFor() {  // the resolution a page needs at this zoom on this screen
  const needed = 96 * zoom * (window.devicePixelRatio || 1);
  const choices = state.zoom_dpi;
  return choices.find(d => d >= needed * 0.9) || choices[choices.length - 1];
}
function figureSize(fig, page) {
  const px = 96 / 72 * zoom, sheet = fig.querySelector(".sheet");
  fig.style.width = sheet.style.width = `${Math.round(page.width * px)}px`;
  sheet.style.height = `${Math.round(page.height * px)}px`;
}
function setZoom(z) {
  zoom = z; localStorage.setItem("cg-zoom", String(z)); $("zoom").value = String(z);
  const keep = current;
  document.querySelectorAll("#pages figure").forEach((fig, i) => {
    if (state && state.pages[i]) figureSize(fig, state.pages[i]);
  });
  goTo(keep, 0, "auto");
  refreshPictures();
}
$("zoom").onchange = () => setZoom(Number($("zoom").value));
$("zoom-in").onclick = () => setZoom(ZOOMS.find(z => z > zoom) || zoom);
$("zoom-out").onclick = () => setZoom([...ZOOMS].reverse().find(z => z < zoom) || zoom);
document.addEventListener("keydown", e => {
  if (e.target.tagName === "INPUT" || e.ctrlKey || e.metaKey) return;
  if (e.key === "+") $("zoom-in").click();
  if (e.key === "-") $("zoom-out").click();
});
$("page-number").onchange = () => goTo(Number($("page-number").value) - 1, 0);
$("toc-toggle").onclick = () => { $("toc").hidden = !$("toc").hidden; };
$("to-edit").onclick = () => { if (state && state.edited !== null) goTo(state.edited, 0); };

function goTo(index, top, behavior) {
  const figs = document.querySelectorAll("#pages figure");
  if (!figs.length) return;
  const fig = figs[Math.max(0, Math.min(index, figs.length - 1))];
  const header = document.querySelector("header").offsetHeight;
  const sheet = fig.querySelector(".sheet");
  const y = sheet.getBoundingClientRect().top + window.scrollY + top * sheet.offsetHeight - header - 8;
  window.scrollTo({top: y, behavior: behavior || "auto"});
}
function whereAmI() {  // the page at the upper third of the window
  const figs = document.querySelectorAll("#pages figure");
  const line = window.innerHeight / 3;
  let found = 0;
  figs.forEach((fig, i) => { if (fig.getBoundingClientRect().top < line) found = i; });
  return found;
}
let told = -1;
function onScroll() {
  current = whereAmI();
  $("page-number").value = current + 1;
  for (const a of document.querySelectorAll("#toc a")) {
    a.classList.toggle("here", Number(a.dataset.page) === current);
  }
  if (current !== told) {  // its neighbours are drawn next
    told = current;
    fetch(`/state?view=${current}`, {cache: "no-store"}).catch(() => {});
  }
}
window.addEventListener("scroll", () => requestAnimationFrame(onScroll), {passive: true});

const watcher = new IntersectionObserver(entries => {
  for (const e of entries) {
    const i = Number(e.target.dataset.index);
    if (e.isIntersecting) near.add(i); else near.delete(i);
    picture(e.target);
  }
}, {rootMargin: "100% 0px"});

function picture(fig) {  // the newest picture of the page, once loaded; the old one stays until then
  const i = Number(fig.dataset.index), page = state.pages[i];
  if (!page) return;
  const img = fig.querySelector("img");
  if (!page.ready) { fig.classList.toggle("pending", Boolean(img.getAttribute("src"))); return; }
  const base = state.zoom_dpi[0], dpi = near.has(i) ? dpiFor() : base;
  const want = fig.dataset.key === page.key && dpi !== base ? dpi : base;
  const src = `/picture/${page.key}/${want}`;
  if (img.dataset.want === src) return;
  img.dataset.want = src;
  const next = new Image();
  next.onload = () => {
    if (img.dataset.want !== src) return;
    img.src = src;
    fig.querySelector(".blank")?.remove();
    fig.classList.remove("pending");
    fig.dataset.key = page.key;
    if (want !== dpi) picture(fig);  // now the sharper one
  };
  next.src = src;
}
function refreshPictures() { document.querySelectorAll("#pages figure").forEach(picture); }

function pagesOf(s) {
  const main = $("pages");
  if (!s.images) {
    if (s.version !== shown) {
      main.innerHTML = `<iframe src="/pdf/${s.version}" title="Dokument" width="900" height="1200"></iframe>`;
    }
    return;
  }
  if (main.querySelector("iframe")) main.innerHTML = "";
  const figs = main.querySelectorAll("figure");
  for (let i = figs.length; i < s.pages.length; i++) {
    const fig = document.createElement("figure");
    fig.dataset.index = i;
    fig.innerHTML = `<div class="sheet"><img alt=""><div class="blank">Seite ${i + 1} wird gezeichnet …` +
      `</div></div><figcaption>Seite ${i + 1}</figcaption>`;
    main.appendChild(fig);
    watcher.observe(fig);
  }
  for (let i = s.pages.length; i < figs.length; i++) { watcher.unobserve(figs[i]); figs[i].remove(); }
  main.querySelectorAll("figure").forEach((fig, i) => {
    figureSize(fig, s.pages[i]);
    fig.querySelector("img").alt = `Seite ${i + 1}: ${s.texts[i].slice(0, 300)}`;
    fig.classList.toggle("edited", s.edited === i && s.changed > 0 && s.changed < s.pages.length);
    picture(fig);
  });
  $("page-count").textContent = `von ${s.pages.length}`;
  $("page-number").max = s.pages.length;
}
function tocOf(s) {
  $("toc-list").innerHTML = s.headings.map(h =>
    `<a href="#" data-page="${h.page}" data-top="${h.top}" style="padding-left:${(h.level - 1) * .9}rem">` +
    `<span class="page">${h.page + 1}</span>${esc(h.title)}</a>`).join("") ||
    "<p>Das Dokument hat keine Überschriften.</p>";
  for (const a of $("toc-list").querySelectorAll("a")) {
    a.onclick = e => { e.preventDefault(); goTo(Number(a.dataset.page), Number(a.dataset.top)); };
  }
}
function statusOf(s) {
  const words = {starting: "startet …", rendering: "rendert …", layout: "LibreOffice setzt die Seiten …",
                 ok: "aktuell", error: "Fehler – letzter guter Stand"};
  let status = words[s.status] || s.status;
  if (s.resumed) status = "zeigt den Stand der letzten Vorschau · rendert …";
  if (s.rendered_at && !s.resumed) status += ` · Stand ${s.rendered_at}`;
  if (s.status === "ok" && s.unchanged) status += " · Dokument unverändert";
  const early = s.status === "layout" && s.early && s.early.after === s.version ? s.early : null;
  if (early && s.first_seconds !== null) {
    status += ` · Seite ${early.page + 1} nach ${num(s.first_seconds)} s`;
  }
  const waiting = s.pages.filter(p => !p.ready).length;
  if (s.status === "ok" && waiting) status += ` · zeichnet ${waiting} Seiten …`;
  if (s.status === "ok" && !s.unchanged && !s.resumed && s.edited !== null && s.first_seconds !== null) {
    status += ` · Seite ${s.edited + 1} nach ${num(s.first_seconds)} s`;
  }
  if (s.seconds !== null && !s.resumed) {
    status += ` · ${s.unchanged ? "" : "alle Seiten nach "}${num(s.seconds)} s`;
  }
  status += s.kept ? " · LibreOffice bleibt geöffnet" : " · LibreOffice startet je Aktualisierung";
  $("status").textContent = status;
  if (s.document) $("title").textContent = "Vorschau: " + s.document;
  if (s.documents.length > 1) {
    $("which").textContent = `Dokument ${s.shown + 1} von ${s.documents.length}`;
    $("which").title = "andere mit --document: " + s.documents.map((d, i) => `${i + 1} ${d}`).join(", ");
  }
  const edit = $("to-edit");
  edit.hidden = s.edited === null || !s.changed || s.version === 1;  // the first version: nothing changed
  if (!edit.hidden) edit.textContent = `zur Änderung (Seite ${s.edited + 1})`;
}
function problemsOf(s) {
  const list = $("problems");
  list.innerHTML = s.diagnostics.map(d =>
    `<li class="${d.level}" data-where="${esc(d.where)}" title="Klicken: Ort kopieren">` +
    `${esc(d.text)}</li>`).join("");
  for (const li of list.querySelectorAll("li")) {
    li.onclick = () => {
      if (navigator.clipboard) navigator.clipboard.writeText(li.dataset.where || li.textContent);
      li.classList.add("copied");
    };
  }
}
function commentsOf(s) {
  const open = s.comments.filter(c => c.status === "offen").length;
  document.querySelector("#comments summary").textContent =
    `Rückmeldungen (kommentare.yaml): ${s.comments.length}, davon ${open} offen`;
  const notes = $("comment-list");
  const listed = JSON.stringify(s.comments);
  if (notes.dataset.listed === listed) return;
  notes.dataset.listed = listed;
  notes.innerHTML = s.comments.map(c =>
    `<li data-where="${esc(c.source)}" title="Klicken: Quelle kopieren">` +
    `<span class="status ${esc(c.status)}">${esc(c.status)}</span> <b>${esc(c.kind)}</b> ` +
    `von ${esc(c.author)} ${esc(c.date)} <span class="where">${esc(c.source)} ${esc(c.key)}</span>` +
    (c.passage ? `<blockquote>„${esc(c.passage)}“</blockquote>` : "") +
    `<div>${esc(c.text)}</div>` +
    (c.replies ? `<div><i>${esc(c.replies)}</i></div>` : "") +
    (c.answer ? `<div><b>Antwort:</b> ${esc(c.answer)}</div>` : "") + `</li>`).join("");
  for (const li of notes.querySelectorAll("li")) {
    li.onclick = () => { if (navigator.clipboard) navigator.clipboard.writeText(li.dataset.where); };
  }
}
function show(s) {
  state = s;
  statusOf(s);
  problemsOf(s);
  commentsOf(s);
  $("pages").classList.toggle("stale", s.status === "error" || s.resumed);
  if (s.version > 0) pagesOf(s);
  const early = s.status === "layout" && s.early && s.early.after === s.version ? s.early : null;
  if (early && $("follow").checked && lastEarly !== early.key) {  // the page with the edit, ahead of the rest
    lastEarly = early.key;
    goTo(early.page, 0);
  }
  if (s.version !== shown && s.version > 0) {
    shown = s.version;
    tocOf(s);
    $("texts").innerHTML =
      s.texts.map((t, i) => `<p class="page-text"><b>Seite ${i + 1}:</b> ${esc(t)}</p>`).join("");
    if ($("follow").checked && s.edited !== null && s.changed && s.changed < s.pages.length &&
        s.version !== lastEdit) {
      lastEdit = s.version;
      goTo(s.edited, 0);
    }
  }
}
async function loop() {
  for (;;) {
    try {
      const s = await (await fetch(`/state?after=${seq}&view=${current}`, {cache: "no-store"})).json();
      seq = s.seq;
      show(s);
    } catch (e) {
      await new Promise(r => setTimeout(r, 1000));
    }
  }
}
loop();
</script>
</body>
</html>
"""
