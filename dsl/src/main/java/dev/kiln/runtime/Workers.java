package dev.kiln.runtime;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The helper threads shared by every {@link Network}: one fewer than the processors, daemon, spinning
 * briefly between jobs (consecutive layers of a batch-1 call follow each other within microseconds)
 * and parking after that. A caller claims idle helpers, works as lane 0 itself and waits for them; if
 * another caller holds them it simply runs alone. Nothing here allocates after start-up.
 */
final class Workers {
  static final Workers SHARED = new Workers(Runtime.getRuntime().availableProcessors() - 1);

  /** Work divided into lanes; each lane takes items from a shared counter until none are left. */
  interface Job {
    void work(int lane);
  }

  /** The completion counter of one call; preallocated in each workspace. */
  static final class Team {
    final AtomicInteger pending = new AtomicInteger();
    final Helper[] claimed;
    /** The first failure of a helper lane, rethrown to the caller. */
    volatile Throwable failure;

    Team(int capacity) {
      claimed = new Helper[capacity];
    }
  }

  private static final long SPIN_NANOS = 200_000;

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
    int got = 0;
    for (int i = 0; i < helpers.length && got < Math.min(lanes - 1, team.claimed.length); i++) {
      if (helpers[i].busy.compareAndSet(false, true)) {
        team.claimed[got++] = helpers[i];
      }
    }
    team.pending.set(got);
    team.failure = null;
    for (int i = 0; i < got; i++) {
      team.claimed[i].start(job, i + 1, team);
      team.claimed[i] = null;
    }
    try {
      job.work(0);
    } finally {
      while (team.pending.get() != 0) {
        Thread.onSpinWait();
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

    Helper(int index) {
      thread = new Thread(this, "kiln-worker-" + index);
      thread.setDaemon(true);
      thread.start();
    }

    void start(Job newJob, int newLane, Team newTeam) {
      lane = newLane;
      team = newTeam;
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
        Team done = team;
        try {
          current.work(lane);
        } catch (Throwable t) {
          done.failure = t;
        } finally {
          job = null;
          team = null;
          busy.set(false);
          done.pending.decrementAndGet();
          idleSince = System.nanoTime();
        }
      }
    }
  }
}
