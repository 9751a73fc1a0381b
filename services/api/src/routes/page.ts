import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../issues.js';

/**
 * The page's files: services/api/public. This module sits at src/routes/page.ts and, built, at
 * dist/routes/page.js: the folder is two levels up from either.
 */
export const PUBLIC_DIR = fileURLToPath(new URL('../../public/', import.meta.url));

/** Names of the files served under /ui/ (no folders, no dot files, nothing but these types). */
const ASSET_NAME = /^[a-z0-9][a-z0-9-]*\.(js|css|svg)$/;

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
};

/**
 * Sent with every file of the page. The page loads nothing from elsewhere (no CDN, no
 * external font) and builds its DOM without parsing markup, so the policy can forbid inline
 * scripts and styles and every other origin.
 */
const PAGE_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // Small files, revalidated with their ETag on every load: a new version shows at once.
  'cache-control': 'no-cache',
};

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

/**
 * The status page: `GET /` (index.html) and its files under `GET /ui/<name>` (ES modules, CSS,
 * SVG), read from `dir` (default PUBLIC_DIR) on first use and kept in memory. No build step:
 * the page is plain HTML, CSS and JavaScript modules. 304 on a matching `If-None-Match`; 404
 * (`{ error, issues }`) for any other name.
 */
export function pageRoutes(app: FastifyInstance, opts: { dir?: string } = {}): void {
  const dir = opts.dir ?? PUBLIC_DIR;
  const cache = new Map<string, Promise<Asset | undefined>>();

  const load = (name: string): Promise<Asset | undefined> => {
    let asset = cache.get(name);
    if (asset === undefined) {
      asset = readFile(join(dir, name)).then(
        (body) => ({
          body,
          type: TYPES[name.slice(name.lastIndexOf('.') + 1)] ?? 'application/octet-stream',
          etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
        }),
        (err: NodeJS.ErrnoException) => {
          cache.delete(name);
          if (err.code === 'ENOENT' || err.code === 'EISDIR') return undefined;
          throw err;
        },
      );
      cache.set(name, asset);
    }
    return asset;
  };

  const send = async (req: FastifyRequest, reply: FastifyReply, name: string): Promise<FastifyReply> => {
    const asset = await load(name);
    if (asset === undefined) throw new ApiError(404, `no page file ${name === 'index.html' ? `index.html in ${dir}` : `/ui/${name}`}`);
    void reply.headers(PAGE_HEADERS).header('etag', asset.etag);
    if (req.headers['if-none-match'] === asset.etag) return reply.code(304).send();
    return reply.type(asset.type).send(asset.body);
  };

  app.get('/', (req, reply) => send(req, reply, 'index.html'));
  app.get('/ui/:file', (req, reply) => {
    const { file } = req.params as { file: string };
    if (!ASSET_NAME.test(file)) throw new ApiError(404, `no page file /ui/${file}`);
    return send(req, reply, file);
  });
}
