import { vi } from 'vitest';

export interface CliRun {
  out: string;
  err: string;
  /** The code passed to `process.exit`, when the command exited. */
  code: number | undefined;
}

/**
 * Runs a command in process with stdout, stderr and `process.exit` captured: an exit stops the
 * command (as it would stop the process) and is reported as `code`.
 */
export async function captureCli(run: () => Promise<unknown>): Promise<CliRun> {
  let out = '';
  let err = '';
  let code: number | undefined;
  const w = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((out += String(c)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((err += String(c)), true));
  const x = vi.spyOn(process, 'exit').mockImplementation(((c?: number) => {
    code = c;
    throw new Error(`exit ${c}`);
  }) as never);
  try {
    await run();
  } catch (error) {
    if (!String(error).includes('exit')) throw error;
  } finally {
    w.mockRestore();
    e.mockRestore();
    x.mockRestore();
  }
  return { out, err, code };
}
