import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './openapi-document.ts';

describe('docs/openapi.json', () => {
  it('matches the routes: run npm run docs:api after changing a route or schema', async () => {
    const committed = JSON.parse(readFileSync(new URL('../docs/openapi.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(await buildOpenApiDocument())));
  });

  it('documents the report route with its limits', async () => {
    const document = (await buildOpenApiDocument()) as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>
      >;
    };
    const body = JSON.stringify(document.paths['/api/v1/reports']?.post?.requestBody);
    expect(body).toContain('"maxLength":500');
  });
});
