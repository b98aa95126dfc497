package io.sophra.registry.background;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Work a change owes after its caller has its answer: the change's event and its audit line. On an
 * event loop the task is the loop's next one, so the callbacks of the Future being completed now
 * (the HTTP response among them) run first, and tasks of one loop keep their order; off a Vert.x
 * context it runs at once.
 */
public final class AfterAnswer {

  private AfterAnswer() {
  }

  public static void run(Runnable task) {
    Context context = Vertx.currentContext();
    if (context == null) {
      task.run();
    } else {
      context.runOnContext(ignored -> task.run());
    }
  }
}
