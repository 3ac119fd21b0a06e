/**
 * Deployed as the SSR function when web/lambda/handler.ts or web/build was missing at synth, so
 * `cdk synth` works on a fresh clone. `-c strict=true` (default for prod) refuses it instead.
 */
export async function handler(): Promise<{ statusCode: number; headers: Record<string, string>; body: string }> {
  return {
    statusCode: 503,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    body: 'Parent Voice is not deployed yet: the web app was not built when this stack was synthesised.\n',
  };
}
