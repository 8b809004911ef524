// afterwriting's own lay-out-and-write, timed in one warm process: the script is parsed, broken
// into lines and written as a PDF file by its own pdfmaker, as its CLI does, `runs` times.
// argv: afterwriting's folder, the .fountain file, the PDF to write, runs. Prints JSON times (ms).
'use strict';
const fs = require('node:fs');
const [awDir, source, out, runsArg] = process.argv.slice(2);
global.window = undefined;
const awrequire = require(`${awDir}/js/client/awrequire.js`);
awrequire.config({ map: { modernizr: {} }, use_node_require: ['jquery', 'fs', 'd3', 'pdfkit', 'aw-parser', 'protoplast', 'lodash'] });
const Protoplast = awrequire('protoplast');
const CoreConfig = awrequire('bootstrap/core-config');
const Probe = Protoplast.Object.extend({ settings: { inject: 'settings' }, script: { inject: 'script' }, pdf: { inject: 'pdf' } });
const context = Protoplast.Context.create();
CoreConfig.init(context);
const probe = Probe.create();
context.register(probe);
context.build();
probe.settings.fromJSON({ print_profile: 'usletter' });
const text = fs.readFileSync(source, 'utf8');
const times = [];
const once = () =>
  new Promise((resolve) => {
    const t0 = performance.now();
    probe.script.script = '';
    probe.script.script = text;
    probe.pdf.getPdf(() => {
      times.push(performance.now() - t0);
      resolve();
    }, out);
  });
(async () => {
  for (let i = 0; i < Number(runsArg); i++) await once();
  process.stdout.write(JSON.stringify({ times, maxRssKb: process.resourceUsage().maxRSS }) + '\n');
})();
