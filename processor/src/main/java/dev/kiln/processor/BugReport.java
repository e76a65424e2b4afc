package dev.kiln.processor;

import java.util.ArrayList;
import java.util.List;

/**
 * What a {@code kiln.internal} error shows of an unexpected exception, so that the user can paste
 * it into a bug report: the exception's class and message (and its causes'), the frame that threw
 * it and the top frames in Kiln's own code. javac shows no stack trace of a processor, and a stack
 * trace of javac's own frames would say nothing about Kiln.
 */
final class BugReport {
  /** Kiln frames shown; the shape checker's rules are rarely more than a few calls deep. */
  static final int KILN_FRAMES = 6;
  private static final String KILN = "dev.kiln.";

  private BugReport() {}

  /** {@code java.lang.IllegalStateException: boom (caused by java.io.IOException: disk)}. */
  static String exception(Throwable e) {
    StringBuilder out = new StringBuilder(e.toString());
    List<Throwable> seen = new ArrayList<>(List.of(e));
    for (Throwable cause = e.getCause(); cause != null && !seen.contains(cause); cause = cause.getCause()) {
      out.append(" (caused by ").append(cause).append(')');
      seen.add(cause);
    }
    return out.toString();
  }

  /**
   * One line per frame, each {@code \n  at class.method(File.java:line)}: the frame that threw,
   * then the first {@link #KILN_FRAMES} frames in {@code dev.kiln} code after it.
   */
  static String frames(Throwable e) {
    StackTraceElement[] trace = e.getStackTrace();
    StringBuilder out = new StringBuilder();
    int kiln = 0;
    for (int i = 0; i < trace.length && kiln < KILN_FRAMES; i++) {
      boolean ours = trace[i].getClassName().startsWith(KILN);
      if (i == 0 || ours) {
        out.append("\n  at ").append(trace[i]);
        kiln += ours ? 1 : 0;
      }
    }
    return out.toString();
  }
}
