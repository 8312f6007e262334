// What a training summary records about the machine it ran on, so a reader can judge its timings
// (this project's machines are 2 shared cores).
import { availableParallelism, loadavg } from 'node:os';
import { round6 } from './model-metrics';

export type MachineLoad = {
  cpus: number;
  node: string;
  loadAverageAtStart: number[];
  loadAverageAtEnd: number[];
};

/** Call at the start of a run; the returned function gives the record at its end. */
export function watchMachineLoad(): () => MachineLoad {
  const loadAverageAtStart = loadavg().map((x) => round6(x));
  return () => ({
    cpus: availableParallelism(),
    node: process.version,
    loadAverageAtStart,
    loadAverageAtEnd: loadavg().map((x) => round6(x)),
  });
}
