// Debian's Chromium driven by playwright-core. Never `playwright install`: it downloads a browser, which
// fails offline. The flags stop Chromium from reaching out to the network on its own.
const { chromium } = require('playwright-core');

exports.launch = () => chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
