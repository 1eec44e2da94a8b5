"""The preview's web page: status, diagnostics (click one to copy its file:line:column), the pages of the
document with their texts, and the client's comments of kommentare.yaml with their answers (click one to
copy its source); it asks /state twice a second and loads new pages when there are any."""

PAGE = """<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<title>conceptgen – Vorschau</title>
<style>
  body { font-family: Arial, sans-serif; margin: 0; background: #EEF1F4; color: #1A1A1A; }
  header { background: #1F4E79; color: #fff; padding: .6rem 1rem; position: sticky; top: 0; }
  header h1 { font-size: 1.05rem; margin: 0; display: inline; }
  #status { margin-left: 1rem; font-size: .9rem; }
  #problems { margin: .6rem 1rem; padding: 0; list-style: none; }
  #problems li { background: #fff; border-left: 6px solid #C00000; margin: .25rem 0; padding: .4rem .6rem;
                 font-family: monospace; font-size: .85rem; cursor: copy; }
  #problems li.warning { border-left-color: #BF9000; }
  #problems li.copied::after { content: "  ✓ kopiert"; color: #548235; }
  #pages { display: flex; flex-wrap: wrap; gap: 1rem; padding: 1rem; }
  figure { margin: 0; background: #fff; box-shadow: 0 1px 4px #999; }
  figure img { display: block; width: 420px; }
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
<header><h1 id="title">conceptgen – Vorschau</h1><span id="status">startet …</span></header>
<ul id="problems" aria-live="polite"></ul>
<main id="pages" aria-label="Seiten des Dokuments"></main>
<details id="comments"><summary>Rückmeldungen</summary><ol id="comment-list"></ol></details>
<details id="text"><summary>Text der Seiten</summary><div id="texts"></div></details>
<script>
let shown = -1;
function esc(s) { const d = document.createElement("div"); d.textContent = s; return d.innerHTML; }
async function tick() {
  let s;
  try { s = await (await fetch("/state", {cache: "no-store"})).json(); } catch (e) { return; }
  const words = {starting: "startet …", rendering: "rendert …", ok: "aktuell",
                 error: "Fehler – letzter guter Stand"};
  let status = words[s.status] || s.status;
  if (s.rendered_at) status += ` · Stand ${s.rendered_at}`;
  if (s.seconds !== null) status += ` · ${String(s.seconds).replace(".", ",")} s`;
  status += s.kept ? " · LibreOffice bleibt geöffnet" : " · LibreOffice startet je Aktualisierung";
  document.getElementById("status").textContent = status;
  if (s.document) document.getElementById("title").textContent = "Vorschau: " + s.document;
  const list = document.getElementById("problems");
  list.innerHTML = s.diagnostics.map(d =>
    `<li class="${d.level}" data-where="${esc(d.where)}" title="Klicken: Ort kopieren">` +
    `${esc(d.text)}</li>`).join("");
  for (const li of list.querySelectorAll("li")) {
    li.onclick = () => {
      if (navigator.clipboard) navigator.clipboard.writeText(li.dataset.where || li.textContent);
      li.classList.add("copied");
    };
  }
  const open = s.comments.filter(c => c.status === "offen").length;
  document.querySelector("#comments summary").textContent =
    `Rückmeldungen (kommentare.yaml): ${s.comments.length}, davon ${open} offen`;
  const notes = document.getElementById("comment-list");
  const listed = JSON.stringify(s.comments);
  if (notes.dataset.listed !== listed) {
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
  const pages = document.getElementById("pages");
  pages.classList.toggle("stale", s.status === "error");
  if (s.version !== shown && s.version > 0) {
    shown = s.version;
    pages.innerHTML = s.texts.map((t, i) => s.images
      ? `<figure><img src="/page/${s.version}/${i}" alt="Seite ${i + 1}: ${esc(t.slice(0, 300))}">` +
        `<figcaption>Seite ${i + 1}</figcaption></figure>`
      : (i > 0 ? "" : `<iframe src="/pdf/${s.version}" title="Dokument" width="900" height="1200"></iframe>`)
    ).join("");
    document.getElementById("texts").innerHTML =
      s.texts.map((t, i) => `<p class="page-text"><b>Seite ${i + 1}:</b> ${esc(t)}</p>`).join("");
  }
}
tick();
setInterval(tick, 500);
</script>
</body>
</html>
"""
