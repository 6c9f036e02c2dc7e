/**
 * CSS and the small vanilla script of the HTML report pages: the hide/show-all-code control (a class on
 * `<body>`).
 */

/** The report page's style sheet. */
export const REPORT_STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:1100px;margin:1em auto 3em;padding:0 1em;color:#222;line-height:1.45}
nav.top{display:flex;flex-wrap:wrap;gap:.4em 1.2em;align-items:center;font-size:.95em;margin-bottom:.6em}
nav.top button{font:inherit;padding:.15em .7em;border:1px solid #90a4ae;border-radius:4px;background:#f0f4f8;cursor:pointer}
header{border-bottom:2px solid #ddd;margin-bottom:1.5em;padding-bottom:1em}
header h1{margin:.2em 0 .1em}.source-name{color:#666;margin:0 0 .6em;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em}
.status{display:inline-block;padding:.1em .6em;border-radius:4px;color:#fff;font-weight:600}
.status.ok{background:#2e7d32}.status.failed{background:#c62828}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.1em 1em;margin:.6em 0}dl.facts dt{font-weight:600;color:#555}dl.facts dd{margin:0}
.failure{background:#fdecea;border-left:4px solid #c62828;padding:.5em 1em;margin:1em 0}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ddd;padding:.2em .6em;text-align:left;vertical-align:top}
th{background:#f5f5f5}td.num{text-align:right;font-variant-numeric:tabular-nums}
tr.overridden td{background:#fff8e1}.badge{background:#ffb300;color:#222;border-radius:3px;padding:0 .4em;font-size:.85em}
nav.toc{background:#fafafa;border:1px solid #e0e0e0;border-radius:4px;padding:.4em 1em;margin:1em 0}
nav.toc ul{margin:.2em 0;padding-left:1.2em}nav.toc li.h3{margin-left:1.2em}nav.toc li.h4{margin-left:2.4em}
.cell{margin:1em 0}.prompt{font-family:monospace;color:#777;font-size:.85em}
pre{background:#f7f7f7;padding:.6em;overflow-x:auto;margin:.3em 0;white-space:pre-wrap;word-break:break-word}
pre.source{background:#f0f4f8;border-left:3px solid #90a4ae}
pre.stderr{background:#fff5f5}
body.hide-code pre.source,body.hide-code .cell.code>.prompt{display:none}
.outputs{margin-left:1em}.error{border-left:4px solid #c62828;background:#fff5f5;padding:.3em .6em}
.error-title{font-weight:600;color:#c62828}.image-output{max-width:100%}
.cell.not-run{opacity:.6}
code{font-family:ui-monospace,Menlo,Consolas,monospace}`;

/** The code toggle: a button `#toggle-code` adds or removes `hide-code` on `<body>`. */
export const REPORT_SCRIPT = `(function(){
var b=document.getElementById("toggle-code");if(!b)return;
function set(hide){document.body.classList.toggle("hide-code",hide);b.textContent=hide?"Show all code":"Hide all code";b.setAttribute("aria-pressed",hide?"true":"false");}
set(false);
b.addEventListener("click",function(){set(!document.body.classList.contains("hide-code"));});
})();`;
