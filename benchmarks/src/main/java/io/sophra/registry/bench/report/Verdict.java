package io.sophra.registry.bench.report;

import java.util.List;
import java.util.Locale;

/** One judged target: PASS or FAIL on this run's figures, SKIP when this run did not measure them. */
public record Verdict(Outcome outcome, String target, String evidence) {

  public enum Outcome { PASS, FAIL, SKIP }

  static Verdict of(boolean passes, String target, String evidence) {
    return new Verdict(passes ? Outcome.PASS : Outcome.FAIL, target, evidence);
  }

  static Verdict skip(String target) {
    return new Verdict(Outcome.SKIP, target, "not measured in this run");
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%-5s %s: %s", outcome, target, evidence);
  }

  /**
   * The run's verdict. A FAIL fails it. A SKIP fails a standard run too (it promises to measure every
   * target); a quick run measures a subset, so its SKIPs are reported and do not fail it.
   *
   * @param exitStatus 0 when the verdict passes, 1 otherwise
   */
  public record Overall(String line, int exitStatus) {

    public static Overall of(List<Verdict> verdicts, boolean standard) {
      long failed = verdicts.stream().filter(verdict -> verdict.outcome() == Outcome.FAIL).count();
      long skipped = verdicts.stream().filter(verdict -> verdict.outcome() == Outcome.SKIP).count();
      boolean passes = failed == 0 && (skipped == 0 || !standard);
      String kind = standard ? "standard run: every target must be measured"
          : "quick run: targets not measured are not held against it, and its figures are rough";
      return new Overall(String.format(Locale.ROOT, "VERDICT: %s (%d targets, %d failed, %d not measured in this run;"
          + " %s)", passes ? "PASS" : "FAIL", verdicts.size(), failed, skipped, kind), passes ? 0 : 1);
    }
  }
}
