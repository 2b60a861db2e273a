import { AppError } from '../../shared/ipc/result';

/**
 * Races a keychain call against a timer. A locked keychain can wait for a password prompt that
 * never comes (headless session, no prompter); without this the settings screen would hang forever.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppError('unavailable', message)), ms);
    timer.unref?.();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
