// The detection work a parse worker does beside parsing (parse/wire.ts, BesideParser): the block
// summaries travel with each chunk, the charge integrals come once at the end. Both depend on the
// samples alone, so the result is the same whichever thread works them out; on the parse worker
// they take that work off the detector's thread, which is the one a single input waits for (issue #5).
import type { BesideParser, ChunkCompanion } from "../parse/wire.js";
import type { BlockSummaries, Chunk } from "../trace.js";
import { BlockSummariser } from "./blocksummary.js";
import { ChargeIntegrator, type ChargeState } from "./charge.js";

/** What the worker sends at the end of the input (OpenedTrace.besidesResult). */
export interface BesideParserResult {
  charge: ChargeState;
}

class DetectionBesideParser implements ChunkCompanion {
  private readonly blocks: BlockSummariser;
  private readonly charge: ChargeIntegrator;

  constructor(block_s: number, faradaicMax_A: number) {
    this.blocks = new BlockSummariser(block_s);
    this.charge = new ChargeIntegrator(faradaicMax_A);
  }

  // the charge of every chunk (the detector's thread integrates none); the block summaries of those
  // the detector is not waiting for (BlockSummariser.push)
  push(chunk: Chunk, consumerBusy: boolean): BlockSummaries | undefined {
    this.charge.push(chunk);
    return this.blocks.push(chunk, consumerBusy);
  }

  finish(): { result: BesideParserResult; transfer: ArrayBuffer[] } {
    const charge = this.charge.state();
    const { t, q, f } = charge.checkpoints;
    // the checkpoint columns move to the detector's thread (up to 6.3 MB on a long trace)
    return { result: { charge }, transfer: [t.buffer as ArrayBuffer, q.buffer as ArrayBuffer, f.buffer as ArrayBuffer] };
  }
}

/** The parse worker's entry (BesideParser.module). */
export function besideParser(settings: Record<string, number>): ChunkCompanion {
  return new DetectionBesideParser(settings.block_s!, settings.faradaicMax_A!);
}

/** How a parse worker is asked for that work (the module path is relative to src/parse/). */
export function detectionBesideParser(block_s: number, faradaicMax_A: number): BesideParser {
  return { module: "../detect/besideparser.js", settings: { block_s, faradaicMax_A } };
}
