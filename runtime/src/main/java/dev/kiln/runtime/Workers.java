package dev.kiln.runtime;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The helper threads shared by every {@link Network}: one fewer than the processors, daemon, spinning
 * briefly between jobs (consecutive layers of a batch-1 call follow each other within microseconds)
 * and parking after that. A caller claims idle helpers, works as lane 0 itself and then waits only for
 * the helpers that actually joined: a helper that wakes after the caller has finished (the machine is
 * busy, the thread was not scheduled) finds the job closed and skips it, so the caller never waits for
 * a thread the OS has not run. Work is shared through the job's own counter, so whoever runs takes it.
 * Nothing here allocates after start-up.
 */
final class Workers {
  static final Workers SHARED = new Workers(Runtime.getRuntime().availableProcessors() - 1);

  /** Work divided into lanes; each lane takes items from a shared counter until none are left. */
  interface Job {
    void work(int lane);
  }

  /**
   * One call's join state, preallocated in each workspace: {@code state} holds the call's epoch (high
   * 32 bits), a closed flag (bit 31) and the number of helpers working (low bits).
   */
  static final class Team {
    final AtomicLong state = new AtomicLong();
    final Helper[] claimed;
    /** The first failure of a helper lane, rethrown to the caller. */
    volatile Throwable failure;
    private long epoch;

    Team(int capacity) {
      claimed = new Helper[capacity];
    }
  }

  private static final long CLOSED = 1L << 31;
  private static final long COUNT = CLOSED - 1;
  private static final long SPIN_NANOS = 50_000;

  private final Helper[] helpers;

  private Workers(int count) {
    helpers = new Helper[Math.max(0, count)];
    for (int i = 0; i < helpers.length; i++) {
      helpers[i] = new Helper(i);
    }
  }

  int helperCount() {
    return helpers.length;
  }

  /** Runs {@code job} on the calling thread (lane 0) and on up to {@code lanes - 1} idle helpers. */
  void run(Job job, int lanes, Team team) {
    long epoch = ++team.epoch << 32;
    team.state.set(epoch);
    team.failure = null;
    int got = 0;
    for (int i = 0; i < helpers.length && got < Math.min(lanes - 1, team.claimed.length); i++) {
      if (helpers[i].busy.compareAndSet(false, true)) {
        team.claimed[got++] = helpers[i];
      }
    }
    for (int i = 0; i < got; i++) {
      team.claimed[i].start(job, i + 1, team, epoch);
      team.claimed[i] = null;
    }
    try {
      job.work(0);
    } finally {
      long s = team.state.getAndAdd(CLOSED);
      long spins = 0;
      while ((s & COUNT) != 0) {
        if (++spins < 20_000) {
          Thread.onSpinWait();
        } else {
          Thread.yield();
        }
        s = team.state.get();
      }
    }
    Throwable failure = team.failure;
    if (failure != null) {
      throw new IllegalStateException("a Kiln worker thread failed", failure);
    }
  }

  static final class Helper implements Runnable {
    final AtomicBoolean busy = new AtomicBoolean();
    private final Thread thread;
    private volatile Job job;
    private volatile boolean parked;
    private int lane;
    private Team team;
    private long epoch;

    Helper(int index) {
      thread = new Thread(this, "kiln-worker-" + index);
      thread.setDaemon(true);
      thread.start();
    }

    void start(Job newJob, int newLane, Team newTeam, long newEpoch) {
      lane = newLane;
      team = newTeam;
      epoch = newEpoch;
      job = newJob;
      if (parked) {
        LockSupport.unpark(thread);
      }
    }

    @Override
    public void run() {
      long idleSince = System.nanoTime();
      while (true) {
        Job current = job;
        if (current == null) {
          if (System.nanoTime() - idleSince < SPIN_NANOS) {
            Thread.onSpinWait();
            continue;
          }
          parked = true;
          if (job == null) {
            LockSupport.park(this);
          }
          parked = false;
          continue;
        }
        Team joined = team;
        boolean working = join(joined, epoch);
        job = null;
        team = null;
        try {
          if (working) {
            current.work(lane);
          }
        } catch (Throwable t) {
          joined.failure = t;
        } finally {
          busy.set(false);
          if (working) {
            joined.state.decrementAndGet();
          }
          idleSince = System.nanoTime();
        }
      }
    }

    /** Counts this helper in, unless the call it was claimed for has closed or moved on. */
    private static boolean join(Team team, long epoch) {
      while (true) {
        long s = team.state.get();
        if ((s & ~(CLOSED | COUNT)) != epoch || (s & CLOSED) != 0) {
          return false;
        }
        if (team.state.compareAndSet(s, s + 1)) {
          return true;
        }
      }
    }
  }
}
