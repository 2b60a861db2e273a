/**
 * Runs inside the throw-away D-Bus session that keytar-real.test.ts starts: stores, reads and
 * deletes a secret through the real KeytarSecretStore and prints what it saw as one JSON line.
 */
import { createSecretStore } from '../../../src/main/secrets/create-secret-store';
import { KeytarSecretStore, loadKeytar } from '../../../src/main/secrets/keytar-store';

async function main(): Promise<void> {
  const store = new KeytarSecretStore(await loadKeytar());
  await store.probe();
  const before = await store.get('llm.apiKey');
  await store.set('llm.apiKey', 'sk-real-keychain-42');
  const read = await store.get('llm.apiKey');
  await store.delete('llm.apiKey');
  const after = await store.get('llm.apiKey');
  const chain = await createSecretStore({ loadKeytar, userDataDir: process.cwd() });
  process.stdout.write(`${JSON.stringify({ before, read, after, chainBackend: chain.backend })}\n`);
}

main().catch((error: unknown) => {
  process.stdout.write(`${JSON.stringify({ error: (error as Error).message })}\n`);
  process.exitCode = 1;
});
