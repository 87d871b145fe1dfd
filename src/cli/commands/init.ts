import * as fs from 'node:fs';
import * as path from 'node:path';
import { failWith } from '../compilePaths.js';
import { EXIT } from '../terminal.js';

/** The starter mesh: two services, a canary and a route, small enough to read in a minute. */
const STARTER: Readonly<Record<string, string>> = {
  'mesh.yaml': `# yaml-language-server: $schema=../meshc.schema.json
# Mesh-wide settings; every field has a default (see docs/language.md).
apiVersion: meshc.dev/v1
kind: Mesh
metadata:
  name: starter
spec:
  mtls:
    mode: strict
  certificates:
    sds:
      socket: /run/spire/sockets/agent.sock
`,
  'services.yaml': `# yaml-language-server: $schema=../meshc.schema.json
# web calls api; api runs two versions, selected by the "version" label.
apiVersion: meshc.dev/v1
kind: Service
metadata:
  name: web
spec:
  port: 8080
  targetPort: 3000
  endpoints:
    - address: 10.0.0.10
  upstreams: [api]
---
apiVersion: meshc.dev/v1
kind: Service
metadata:
  name: api
spec:
  port: 9090
  targetPort: 3000
  endpoints:
    - address: 10.0.1.10
      labels: { version: v1 }
    - address: 10.0.1.11
      labels: { version: v2 }
  subsets:
    v1: { version: v1 }
    v2: { version: v2 }
  upstreams: []
`,
  'api-routing.yaml': `# yaml-language-server: $schema=../meshc.schema.json
# A 95/5 canary of api v2, and a header that always selects v2 for testing.
apiVersion: meshc.dev/v1
kind: TrafficSplit
metadata:
  name: api-canary
spec:
  service: api
  backends:
    - { subset: v1, weight: 95 }
    - { subset: v2, weight: 5 }
---
apiVersion: meshc.dev/v1
kind: HTTPRoute
metadata:
  name: api
spec:
  service: api
  rules:
    - name: testers-see-v2
      match:
        - headers:
            x-canary: { exact: "always" }
      backends: [{ service: api, subset: v2 }]
    - name: default
      timeout: 5s
      backends: [{ service: api }]
`,
};

/**
 * `meshc init [dir]`: writes a starter mesh into a new (or empty) directory,
 * plus the editor schema next to it. Never overwrites anything.
 */
export async function initCommand(dir: string): Promise<number> {
  if (fs.existsSync(dir) && (!fs.statSync(dir).isDirectory() || fs.readdirSync(dir).length > 0)) {
    return failWith('OutputFailed', { detail: `refusing to write into ${dir}: it exists and is not an empty directory` }, 'text');
  }
  const schemaFile = path.join(path.dirname(path.resolve(dir)), 'meshc.schema.json');
  try {
    fs.mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(STARTER)) fs.writeFileSync(path.join(dir, name), text, { flag: 'wx' });
    if (!fs.existsSync(schemaFile)) {
      const { bundledSchema } = await import('../../schema/index.js');
      fs.writeFileSync(schemaFile, JSON.stringify(bundledSchema(), null, 2) + '\n', { flag: 'wx' });
    }
  } catch (e) {
    return failWith('OutputFailed', { detail: `cannot write ${dir}: ${(e as Error).message}` }, 'text');
  }
  process.stderr.write(
    `wrote a starter mesh to ${dir}/ (and the editor schema ${path.relative(process.cwd(), schemaFile)})\n` +
      `next: meshc validate ${dir} && meshc build ${dir} -o out\n`,
  );
  return EXIT.ok;
}
