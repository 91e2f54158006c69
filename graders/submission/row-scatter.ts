/**
 * Places the numbers of submission rows that arrive out of answers order. Writing a row's values
 * straight to their answers row touches one far-apart spot in every column: with the columns far
 * bigger than the CPU cache, each write is a trip to memory, and a shuffled 10-column submission
 * was read twice as slowly as a sorted one. Here such rows are held row-major in a small block and
 * then written out one column at a time, so the writes of a pass stay within one column, which the
 * cache holds.
 */

/** Values held per block (1 MiB): enough that a pass over one column pays off, little next to the file. */
const BLOCK_VALUES = 1 << 17;
/** Rows held in the first block, before it grows towards BLOCK_VALUES. */
const FIRST_ROWS = 1 << 10;

export class RowScatter {
  /** Row-major values of the held rows: held row j's value k is values[j * width + k]. */
  values = new Float64Array(0);
  private targets = new Int32Array(0);
  private readonly width: number;
  private held = 0;

  constructor(
    private readonly columns: readonly Float64Array[],
    private readonly blockValues = BLOCK_VALUES,
  ) {
    this.width = Math.max(1, columns.length);
  }

  /** Holds a row bound for answers row `row`; its value k goes to values[returned + k]. */
  hold(row: number): number {
    if (this.held === this.targets.length) {
      this.flush();
      // Allocated on the first row out of order and doubled as more come, so a submission in answers
      // order (or a stride through it, jumping back a few times) costs next to nothing.
      const maxRows = Math.max(1, Math.floor(this.blockValues / this.width));
      if (this.targets.length < maxRows)
        this.allocate(Math.min(maxRows, Math.max(FIRST_ROWS, 2 * this.targets.length)));
    }
    this.targets[this.held] = row;
    return this.held++ * this.width;
  }

  /** Writes every held row to its answers row. */
  flush(): void {
    const { values, targets, width, held } = this;
    for (let k = 0; k < this.columns.length; k++) {
      const column = this.columns[k] as Float64Array;
      for (let j = 0, at = k; j < held; j++, at += width) column[targets[j] as number] = values[at] as number;
    }
    this.held = 0;
  }

  private allocate(rows: number): void {
    this.values = new Float64Array(rows * this.width);
    this.targets = new Int32Array(rows);
  }
}
