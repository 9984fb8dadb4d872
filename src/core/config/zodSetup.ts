import { z } from 'zod';

/**
 * No generated code: the page's Content-Security-Policy forbids eval, so zod must not JIT its
 * parsers — and zod decides when a schema is *built*, so this must run before any schema module.
 * Entry points (the page, the worker, the bench page) import it first.
 */
z.config({ jitless: true });
