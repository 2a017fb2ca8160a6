package org.rbmflow.service;

import java.util.Locale;

/**
 * A run that failed after its input was accepted: one line for the user — what failed, why (the root cause, with a
 * full or read-only file system named as such) and what is kept — and exit code 1. Never advice to delete anything.
 */
public final class RunFailure extends RuntimeException {
  RunFailure(String message, Throwable cause) {
    super(message, cause);
  }

  /** The failure of {@code command}, with {@code kept} saying what survives (e.g. the committed points). */
  public static RunFailure of(String command, Throwable e, String kept) {
    if (e instanceof RunFailure r) {
      return r;
    }
    return new RunFailure(command + " failed: " + reason(e) + (kept == null ? "" : "; " + kept), e);
  }

  /** The cause of {@code e} on one line: a full or read-only file system by name, else the deepest cause. */
  public static String reason(Throwable e) {
    Throwable deepest = e;
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (m.contains("no space left on device") || m.contains("disk quota exceeded")) {
        return "the output's file system is full (No space left on device)";
      }
      if (m.contains("read-only file system")) {
        return "the output's file system is read-only";
      }
      deepest = t;
    }
    String m = deepest.getMessage();
    if (m == null || m.isBlank()) {
      return deepest.getClass().getSimpleName();
    }
    int nl = m.indexOf('\n');
    return deepest.getClass().getSimpleName() + ": " + (nl < 0 ? m : m.substring(0, nl)).trim();
  }

  /** Whether {@code e} is a full or read-only file system (a one-line failure for every command). */
  public static boolean isStorage(Throwable e) {
    String r = reason(e);
    return r.startsWith("the output's file system");
  }
}
