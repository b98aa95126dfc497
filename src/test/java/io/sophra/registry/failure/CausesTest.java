package io.sophra.registry.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class CausesTest {

  @Test
  void findsTheFirstCauseOfTheTypeAnywhereInTheChain() {
    IOException root = new IOException("disk");
    RuntimeException chain = new RuntimeException("outer", new IllegalStateException("middle", root));
    assertThat(Causes.find(chain, IOException.class)).containsSame(root);
    assertThat(Causes.find(chain, RuntimeException.class)).containsSame(chain);
    assertThat(Causes.find(chain, ArithmeticException.class)).isEmpty();
    assertThat(Causes.find(null, IOException.class)).isEmpty();
  }

  @Test
  void stopsAtAFailureThatIsItsOwnCause() {
    Throwable selfCaused = new RuntimeException("loop") {
      @Override
      public synchronized Throwable getCause() {
        return this;
      }
    };
    assertThat(Causes.find(selfCaused, IOException.class)).isEmpty();
  }
}
