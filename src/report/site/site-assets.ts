/**
 * Style sheet and the small vanilla script of the results index: sorting a leaderboard by any column on click
 * (numbers numerically, empty cells last, click again to reverse; `aria-sort` on the header says the order).
 */

/** The index page's style sheet. */
export const SITE_STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:1200px;margin:1.5em auto 3em;padding:0 1em;color:#222;line-height:1.45}
h1{margin:.2em 0}h2{margin-top:1.6em;border-bottom:1px solid #ddd;padding-bottom:.2em}
.lead{color:#444;max-width:60em}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:1em}
.card{border:1px solid #ddd;border-radius:6px;padding:.8em 1em;background:#fcfcfc;display:flex;flex-direction:column}
.card h3{margin:0 0 .3em;font-size:1.1em}.card p{margin:.3em 0}.card .meta{color:#555;font-size:.9em;margin-top:auto}
.card .conclusion{background:#f1f8e9;border-left:3px solid #7cb342;padding:.3em .6em;white-space:pre-wrap;font-size:.92em}
.card .conclusion.fallback{background:#f5f5f5;border-left-color:#9e9e9e}
.status{display:inline-block;padding:0 .5em;border-radius:4px;color:#fff;font-weight:600;font-size:.85em}
.status.ok{background:#2e7d32}.status.failed{background:#c62828}.status.missing{background:#757575}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;margin:.4em 0;font-size:.92em}td,th{border:1px solid #ddd;padding:.2em .5em;text-align:left;vertical-align:top}
th{background:#f5f5f5;white-space:nowrap}th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer}
th[aria-sort=ascending] button::after{content:" \\25B2"}th[aria-sort=descending] button::after{content:" \\25BC"}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}td.best{background:#e8f5e9}.best-mark{color:#2e7d32}
.protocol{font-weight:normal;color:#555;font-size:.85em}.size{color:#666;margin:.1em 0;font-size:.9em}
dl.env{display:grid;grid-template-columns:max-content 1fr;gap:.1em 1em}dl.env dt{font-weight:600;color:#555}dl.env dd{margin:0}
nav.jump a{margin-right:1em}`;

/** Sorts `table.sortable` by the clicked column. */
export const SITE_SCRIPT = `(function(){
function key(td,numeric){var v=td.getAttribute("data-sort");if(v===null||v==="")return null;return numeric?Number(v):v.toLowerCase();}
function sortBy(table,th){
  var col=Number(th.getAttribute("data-col")),numeric=th.getAttribute("data-type")==="number";
  var dir=th.getAttribute("aria-sort")==="ascending"?"descending":"ascending";
  var ths=table.querySelectorAll("thead th");for(var i=0;i<ths.length;i++)ths[i].setAttribute("aria-sort","none");
  th.setAttribute("aria-sort",dir);
  var body=table.tBodies[0],rows=Array.prototype.slice.call(body.rows);
  rows.sort(function(a,b){var x=key(a.cells[col],numeric),y=key(b.cells[col],numeric);
    if(x===null&&y===null)return 0;if(x===null)return 1;if(y===null)return -1;
    var c=x<y?-1:x>y?1:0;return dir==="ascending"?c:-c;});
  for(var r=0;r<rows.length;r++)body.appendChild(rows[r]);
}
var tables=document.querySelectorAll("table.sortable");
for(var t=0;t<tables.length;t++)(function(table){
  var ths=table.querySelectorAll("thead th");
  for(var k=0;k<ths.length;k++)(function(th){th.querySelector("button").addEventListener("click",function(){sortBy(table,th);});})(ths[k]);
})(tables[t]);
})();`;
