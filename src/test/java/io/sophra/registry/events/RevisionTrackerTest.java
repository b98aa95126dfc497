package io.sophra.registry.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.events.RevisionTracker.Verdict;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The revision tracker of a subscriber")
class RevisionTrackerTest {

  @Test
  @DisplayName("Sees the first event as a start, the next revision as next, a skip as a gap and a repeat or older one as stale")
  void verdicts() {
    RevisionTracker tracker = new RevisionTracker(100);

    assertThat(tracker.observe("m", "u1", 4).verdict()).isEqualTo(Verdict.FIRST);
    assertThat(tracker.observe("m", "u1", 5).verdict()).isEqualTo(Verdict.NEXT);
    assertThat(tracker.observe("m", "u1", 5).verdict()).isEqualTo(Verdict.STALE);
    assertThat(tracker.observe("m", "u1", 3).verdict()).isEqualTo(Verdict.STALE);
    RevisionTracker.Observation gap = tracker.observe("m", "u1", 8);
    assertThat(gap.verdict()).isEqualTo(Verdict.GAP);
    assertThat(gap.lastSeen()).isEqualTo(5);
    assertThat(tracker.observe("m", "u1", 6).verdict()).isEqualTo(Verdict.STALE);
  }

  @Test
  @DisplayName("A new uid under the same id is a new model, whose revisions start again")
  void newUidIsNewModel() {
    RevisionTracker tracker = new RevisionTracker(100);
    tracker.observe("m", "u1", 7);

    assertThat(tracker.observe("m", "u2", 1).verdict()).isEqualTo(Verdict.FIRST);
    assertThat(tracker.observe("m", "u2", 2).verdict()).isEqualTo(Verdict.NEXT);
    assertThat(tracker.observe("m", "u1", 7).verdict()).isEqualTo(Verdict.STALE);
  }

  @Test
  @DisplayName("Past its capacity it forgets the model heard of least recently")
  void bounded() {
    RevisionTracker tracker = new RevisionTracker(2);
    tracker.observe("a", "u", 1);
    tracker.observe("b", "u", 1);
    tracker.observe("a", "u", 2);
    tracker.observe("c", "u", 1);

    assertThat(tracker.observe("a", "u", 2).verdict()).isEqualTo(Verdict.STALE);
    assertThat(tracker.observe("b", "u", 1).verdict()).isEqualTo(Verdict.FIRST);
  }
}
