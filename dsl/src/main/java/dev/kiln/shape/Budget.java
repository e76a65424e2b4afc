package dev.kiln.shape;

/**
 * How many layer evaluations the fix searches of one model may spend, in total: a constant plus
 * a multiple of the model's size, so that explaining errors stays linear in the model however
 * many candidates there are. Counting work rather than time keeps the messages deterministic: a
 * search that runs out suggests what it verified so far.
 */
final class Budget {
  /** Enough for every candidate of the models people write (a few dozen layers). */
  static final long BASE = 20_000;
  static final long PER_NODE = 100;

  private long remaining;

  Budget(long evaluations) {
    remaining = evaluations;
  }

  static Budget forModel(ModelSpec spec) {
    return new Budget(BASE + PER_NODE * spec.nodeCount());
  }

  /** Spends one evaluation; false once the budget is gone. */
  boolean spend() {
    if (remaining <= 0) {
      return false;
    }
    remaining--;
    return true;
  }

  boolean exhausted() {
    return remaining <= 0;
  }
}
