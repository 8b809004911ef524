// Debian's Chromium driven by playwright-core. Never `playwright install`: it downloads a browser, which
// fails offline. The flags stop Chromium from reaching out to the network on its own.
const { chromium } = require('playwright-core');

exports.launch = () => chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});

/**
 * What is on screen when a step fails, in words, for the CI log (screenshots stay on the machine
 * that ran): any dialog, the notifications, whether a quick input is open and what it says, and
 * the status bar. Never throws.
 */
exports.describeScreen = async (page) => {
  try {
    return await page.evaluate(() => {
      const text = (el) => (el ? (el.textContent || '').replace(/\s+/g, ' ').trim() : '');
      const visible = (el) => el && el.offsetParent !== null;
      const parts = [];
      const dialog = document.querySelector('.monaco-dialog-box');
      if (visible(dialog)) parts.push(`dialog: "${text(dialog).slice(0, 300)}"`);
      const toasts = [...document.querySelectorAll('.notifications-toasts .notification-list-item')].filter(visible).map((n) => text(n).slice(0, 200));
      if (toasts.length) parts.push(`notifications: ${JSON.stringify(toasts)}`);
      const quick = document.querySelector('.quick-input-widget');
      if (visible(quick)) parts.push(`quick input open: title "${text(quick.querySelector('.quick-input-title'))}", value "${quick.querySelector('input')?.value ?? ''}", message "${text(quick.querySelector('.quick-input-message'))}"`);
      parts.push(`focus: ${document.activeElement ? document.activeElement.className || document.activeElement.tagName : 'none'}`);
      parts.push(`status bar: "${text(document.querySelector('.statusbar')).slice(0, 300)}"`);
      parts.push(`editors: ${document.querySelectorAll('.monaco-editor').length}, visible ${[...document.querySelectorAll('.monaco-editor')].filter(visible).length}`);
      return parts.join('\n  ');
    });
  } catch (e) {
    return `(screen unreadable: ${e.message.split('\n')[0]})`;
  }
};

/** A Playwright error's first line and the last lines of its call log: what it waited for, and why. */
exports.describeError = (e) => {
  const lines = String(e && e.message ? e.message : e).split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.length > 4 ? [lines[0], '…', ...lines.slice(-3)].join('\n  ') : lines.join('\n  ');
};
