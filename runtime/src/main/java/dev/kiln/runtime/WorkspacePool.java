package dev.kiln.runtime;

/**
 * Workspaces of one network, reused across calls: a caller takes one (creating it only when every
 * existing one is in use by another thread) and gives it back. A fixed array under a lock, so taking
 * and giving allocate nothing.
 */
final class WorkspacePool {
  private final Plan plan;
  private final int threads;
  private Workspace[] free = new Workspace[4];
  private int count;

  WorkspacePool(Plan plan, int threads) {
    this.plan = plan;
    this.threads = threads;
  }

  /** Lanes of every workspace: the calling thread and up to {@code threads - 1} helpers. */
  int threads() {
    return threads;
  }

  Workspace take() {
    synchronized (this) {
      if (count > 0) {
        Workspace w = free[--count];
        free[count] = null;
        return w;
      }
    }
    return new Workspace(plan, threads);
  }

  synchronized void give(Workspace workspace) {
    if (count == free.length) {
      free = java.util.Arrays.copyOf(free, count * 2);
    }
    free[count++] = workspace;
  }
}
