package io.sophra.registry.tokens;

/**
 * How many RS256/ES256 signature checks may run at once off the event loops ({@code threads}), and
 * how many more may wait for a thread ({@code queue}); one more is refused at once.
 */
public record VerifierPool(int threads, int queue) {

  public VerifierPool {
    if (threads < 1 || queue < 0) {
      throw new IllegalArgumentException("threads >= 1 and queue >= 0 are required");
    }
  }
}
