package dev.warp2api.cli;

import java.util.Objects;

/**
 * One line of {@code doctor}'s report: a step, how it went, what was found and, when it did not go
 * well, what to do. Never holds a secret: steps name credentials and fingerprints only.
 *
 * @param step what was checked ({@code configuration}, {@code refresh personal-1}, {@code tls
 *     app.warp.dev:443})
 * @param outcome ok, a warning (a chat can still work), failed, or skipped (an earlier step failed)
 * @param detail what was found, or what went wrong
 * @param todo what to do about it; empty when the outcome is ok
 */
record DoctorStep(String step, Outcome outcome, String detail, String todo) {
  enum Outcome {
    OK("ok"),
    WARN("warn"),
    FAIL("FAIL"),
    SKIPPED("skip");

    final String label;

    Outcome(String label) {
      this.label = label;
    }
  }

  DoctorStep {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(outcome, "outcome");
    detail = detail == null ? "" : detail;
    todo = todo == null ? "" : todo;
  }

  static DoctorStep ok(String step, String detail) {
    return new DoctorStep(step, Outcome.OK, detail, "");
  }

  static DoctorStep warn(String step, String detail, String todo) {
    return new DoctorStep(step, Outcome.WARN, detail, todo);
  }

  static DoctorStep fail(String step, String detail, String todo) {
    return new DoctorStep(step, Outcome.FAIL, detail, todo);
  }

  static DoctorStep skipped(String step, String why) {
    return new DoctorStep(step, Outcome.SKIPPED, why, "");
  }

  boolean failed() {
    return outcome == Outcome.FAIL;
  }

  /** {@code [ ok ] step: detail} and, when there is something to do, {@code -> todo}. */
  String line() {
    String label = String.format("[%-4s]", outcome.label);
    return label + " " + step + ": " + detail + (todo.isEmpty() ? "" : "  -> " + todo);
  }
}
