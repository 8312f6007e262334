// When the faults happen: positions in the stream (message sequence numbers), drawn from the seed,
// so a run is reproducible from its seed. Kills fall anywhere between 5 % and 90 % of the stream;
// the Redis and broker restarts and the extra instances (rebalances) in their own stretches.
import { prng } from '../helpers/events';
import type { Role } from '../helpers/fleet';

export type FaultAction =
  | { at: number; type: 'kill'; role: Role; pick: number; selfKillAfterWrites?: number }
  | { at: number; type: 'redis-restart' }
  | { at: number; type: 'broker-restart' }
  | { at: number; type: 'extra-start' }
  | { at: number; type: 'extra-stop' };

export interface ScheduleParams {
  seed: number;
  messages: number;
  kills: number;
  redisRestarts: number;
  brokerRestarts: number;
  rebalances: number;
}

export function faultSchedule(p: ScheduleParams): FaultAction[] {
  const rnd = prng(p.seed ^ 0xfa17);
  const at = (from: number, to: number) => Math.floor(p.messages * (from + rnd() * (to - from)));
  const actions: FaultAction[] = [];
  for (let i = 0; i < p.kills; i++) {
    // Alternate roles so both groups lose members; one updater restart in two comes back armed
    // to kill itself between its Redis write and its offset commit.
    const role: Role = i % 2 === 0 ? 'updater' : 'scorer';
    const armed = role === 'updater' && rnd() < 0.5;
    actions.push({
      at: at(0.05, 0.9),
      type: 'kill',
      role,
      pick: rnd(),
      ...(armed ? { selfKillAfterWrites: 1 + Math.floor(rnd() * 15) } : {}),
    });
  }
  for (let i = 0; i < p.redisRestarts; i++) actions.push({ at: at(0.3, 0.45), type: 'redis-restart' });
  for (let i = 0; i < p.brokerRestarts; i++) actions.push({ at: at(0.55, 0.7), type: 'broker-restart' });
  for (let i = 0; i < p.rebalances; i++) {
    const span = 0.8 / p.rebalances;
    const from = 0.1 + i * span;
    actions.push({ at: at(from, from + span / 3), type: 'extra-start' });
    actions.push({ at: at(from + span / 2, from + span * 0.9), type: 'extra-stop' });
  }
  return actions.sort((a, b) => a.at - b.at);
}
