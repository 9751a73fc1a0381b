import { TimerScheduler } from '@pullwatch/scheduler-timers';
import { schedulerContract } from './scheduler.contract.js';

let n = 0;
schedulerContract('timers', async () => ({
  create: async () => new TimerScheduler({ retryBaseMs: 5 }),
  name: () => `schedule-${n++}`,
  waitFor: async (check, timeoutMs = 5000) => {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 5));
    }
  },
  close: async () => undefined,
}));
