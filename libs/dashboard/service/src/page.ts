/**
 * The ops page: static HTML whose script fetches the JSON APIs and renders with textContent only,
 * so a hostile feed title can never become markup here.
 */
export function renderPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pharma Radar — operations</title>
<style>
body{font:14px system-ui,sans-serif;margin:2rem;color:#222}h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}
.ok{color:#157f3b}.error{color:#b3261e}.muted{color:#777}
</style></head>
<body><h1>Pharma Radar — operations</h1>
<p class="muted">Refreshes every 10 s. Raw data: <a href="/api/collaborations">/api/collaborations</a>, <a href="/api/feeds">/api/feeds</a>, <a href="/metrics">/metrics</a>, <a href="/health">/health</a>.</p>
<h2>Recent R&amp;D collaborations</h2>
<table><thead><tr><th>Published</th><th>Parties</th><th>Type</th><th>Areas</th><th>Confidence</th><th>Title</th></tr></thead><tbody id="flags"></tbody></table>
<h2>Feed health</h2>
<table><thead><tr><th>Feed</th><th>Status</th><th>Last OK</th><th>Items</th><th>Published</th><th>Error</th></tr></thead><tbody id="feeds"></tbody></table>
<script>
function row(cells, cls){const tr=document.createElement('tr');for(const c of cells){const td=document.createElement('td');td.textContent=c==null?'':String(c);tr.appendChild(td);}if(cls)tr.children[1].className=cls;return tr;}
async function refresh(){
  try{
    const flags=await (await fetch('/api/collaborations')).json();
    const tb=document.getElementById('flags');tb.replaceChildren(...flags.map(f=>row([f.publishedAt||'',f.parties.map(p=>p.name+' ('+p.type+(p.role?', '+p.role:'')+')').join(' + '),f.eventType,f.therapeuticAreas.join(', '),f.confidence.toFixed(2),f.title])));
    const feeds=await (await fetch('/api/feeds')).json();
    const fb=document.getElementById('feeds');fb.replaceChildren(...feeds.map(f=>row([f.feedId,f.status,f.lastOkAt||'never',f.itemsLastPoll,f.publishedTotal,f.errorCode?f.errorCode+': '+(f.errorMessage||''):''],f.status)));
  }catch(e){console.error(e);}
}
refresh();setInterval(refresh,10000);
</script></body></html>`;
}
