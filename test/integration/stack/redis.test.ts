/**
 * The Redis of the test environment answers the protocol and is configured the way BullMQ
 * needs it (maxmemory-policy noeviction). Uses raw RESP over node:net: no Redis client
 * library is a dependency yet.
 */
import { describe, expect, it } from 'vitest';
import { endpoints, redisPing, respCommand, tcpExchange, uniqueName } from '../../helpers/services.js';

/** Sends commands in one round trip; returns the first `lines` CRLF-terminated reply lines once they arrived. */
async function redis(lines: number, ...commands: string[][]): Promise<string[]> {
  const url = new URL(endpoints.redisUrl);
  let request = commands.map((c) => respCommand(...c)).join('');
  let skip = 0;
  if (url.password) {
    request = respCommand('AUTH', decodeURIComponent(url.username || 'default'), decodeURIComponent(url.password)) + request;
    skip = 1;
  }
  const answer = await tcpExchange(
    { host: url.hostname, port: Number(url.port || 6379) },
    request,
    (b) => b.toString('latin1').split('\r\n').length - 1 >= lines + skip,
  );
  return answer.toString('latin1').split('\r\n').slice(skip, skip + lines);
}

describe('stack > Redis over RESP', () => {
  it('answers PING', async () => {
    await expect(redisPing(endpoints.redisUrl)).resolves.toBeUndefined();
  });

  it('stores and expires a key', async () => {
    const key = uniqueName('pullwatch:itest');
    const replies = await redis(4, ['SET', key, 'v1', 'PX', '60000'], ['GET', key], ['DEL', key]);
    expect(replies).toEqual(['+OK', '$2', 'v1', ':1']);
  });

  it('never evicts keys (maxmemory-policy noeviction, as BullMQ requires)', async () => {
    const replies = await redis(5, ['CONFIG', 'GET', 'maxmemory-policy']);
    expect(replies).toEqual(['*2', '$16', 'maxmemory-policy', '$10', 'noeviction']);
  });
});
