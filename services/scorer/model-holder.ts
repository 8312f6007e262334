// The model the scorer serves with, swapped without dropping a request: scoring is synchronous and
// reads `current` once per batch or call, so a swap is one reference assignment between two calls.
// models/current.json is polled (fs.watch misses atomic renames on some file systems, and a stat
// every second costs nothing); a model that fails to load is logged and the old one kept.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { FEATURE_NAMES, FEATURE_SET_VERSION } from '../common/features';
import type { LoadedModel } from '../common/model';
import {
  CURRENT_POINTER_FILE,
  loadModelFromRegistry,
  readCurrentPointer,
  type CurrentModelPointer,
} from '../common/model/model-registry';
import { FALLBACK_REASON } from '../common/model';
import { ConfigError } from '../common/errors';
import type { Logger } from '../common/logger';

export interface ActiveModel {
  readonly model: LoadedModel;
  /**
   * When the model was promoted (epoch ms): the pointer's promotedAt, else the pointer file's
   * modification time. Orders scores of the same feature version (set-scores-if-newer.lua), so
   * every replica must derive the same value from the same registry.
   */
  readonly epochMs: number;
}

export class ModelHolder {
  private active: ActiveModel;
  /** Reason texts by code, from every model loaded so far (codes are stable across models). */
  private readonly texts = new Map<string, string>([[FALLBACK_REASON.code, FALLBACK_REASON.text]]);
  private timer?: NodeJS.Timeout;
  private checking = false;

  private constructor(
    private readonly dir: string,
    private readonly log: Logger,
    first: ActiveModel,
    private readonly onSwap?: (active: ActiveModel) => void,
  ) {
    this.active = first;
    this.learnTexts(first.model);
  }

  /** Loads the current model; a missing or bad one stops the start-up, naming MODELS_DIR. */
  static async load(dir: string, log: Logger, onSwap?: (active: ActiveModel) => void): Promise<ModelHolder> {
    const pointer = await readCurrentPointer(dir).catch((err: Error) => {
      throw new ConfigError('MODELS_DIR', `${dir}: ${err.message}`);
    });
    if (!pointer)
      throw new ConfigError('MODELS_DIR', `no model promoted in ${dir} (no ${CURRENT_POINTER_FILE})`);
    const active = await loadActive(dir, pointer).catch((err: Error) => {
      throw new ConfigError('MODELS_DIR', err.message);
    });
    log.info({ modelVersion: active.model.version, epochMs: active.epochMs }, 'model loaded');
    return new ModelHolder(dir, log, active, onSwap);
  }

  get current(): ActiveModel {
    return this.active;
  }

  reasonText(code: string): string {
    return this.texts.get(code) ?? '';
  }

  /** Polls current.json every `intervalMs` and swaps when it names another model. */
  watch(intervalMs: number): void {
    this.timer = setInterval(() => void this.refresh(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Checks the pointer once; true when a new model was swapped in. */
  async refresh(): Promise<boolean> {
    if (this.checking) return false;
    this.checking = true;
    try {
      const pointer = await readCurrentPointer(this.dir);
      if (!pointer || pointer.version === this.active.model.version) return false;
      const next = await loadActive(this.dir, pointer);
      this.learnTexts(next.model);
      const previous = this.active.model.version;
      this.active = next;
      this.log.info({ from: previous, to: next.model.version, epochMs: next.epochMs }, 'model swapped');
      this.onSwap?.(next);
      return true;
    } catch (err) {
      this.log.error({ err: (err as Error).message }, 'new model failed to load; keeping the current one');
      return false;
    } finally {
      this.checking = false;
    }
  }

  private learnTexts(model: LoadedModel): void {
    for (const entry of model.reasons.codes) this.texts.set(entry.code, entry.text);
  }
}

async function loadActive(dir: string, pointer: CurrentModelPointer): Promise<ActiveModel> {
  const model = await loadModelFromRegistry(dir, FEATURE_NAMES, pointer.version, {
    featureSetVersion: FEATURE_SET_VERSION,
  });
  const promoted = pointer.promotedAt === undefined ? NaN : Date.parse(pointer.promotedAt);
  const epochMs = Number.isFinite(promoted)
    ? promoted
    : Math.floor((await stat(join(dir, CURRENT_POINTER_FILE))).mtimeMs);
  return { model, epochMs };
}
