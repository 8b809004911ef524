// Imported first by the extension's entry point, before any module builds a zod schema.
//
// Zod compiles each object schema with `new Function` unless told not to, and decides whether it
// may by reading `navigator` (to spot Cloudflare Workers). In VS Code's extension host reading
// `navigator` logs "PendingMigrationError: navigator is now a global in nodejs", with our stack,
// into the extension host log, as an error. Our schemas check small answers and
// sidecars, where interpreted parsing costs nothing noticeable, so compilation is turned off.
import { z } from 'zod';

z.config({ jitless: true });
