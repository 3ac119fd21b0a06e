import nodeAdapter from '@sveltejs/adapter-node';

const node = nodeAdapter({ out: 'build' });

/**
 * adapter-node (build/index.js: `node build` locally and in the e2e tests), plus SvelteKit's own
 * unbundled server in build/server/ (index.js exports Server, manifest.js the manifest) for the AWS
 * Lambda entry, web/lambda/handler.ts. adapter-node 5 bundles its server into hashed chunks, so
 * the Lambda cannot import those by name.
 * @type {import('@sveltejs/kit').Adapter}
 */
const adapter = {
  ...node,
  name: 'adapter-node+lambda',
  async adapt(builder) {
    await node.adapt(builder);
    builder.writeServer('build/server');
  },
};

/** @type {import('@sveltejs/kit').Config} */
const config = {
  kit: {
    adapter,
    // Nonces for server-rendered pages, hashes for anything prerendered. Nothing from other origins.
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self'],
        // Only SvelteKit's own route announcer uses a style attribute; allow exactly that one
        // (its hash), not inline styles in general. app.css hides it too, for browsers without 'unsafe-hashes'.
        'style-src-attr': ['unsafe-hashes', 'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='],
        'img-src': ['self', 'data:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
        'base-uri': ['self'],
        'object-src': ['none'],
      },
    },
  },
};

export default config;
