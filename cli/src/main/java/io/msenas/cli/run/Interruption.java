package io.msenas.cli.run;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C (SIGINT, SIGTERM) into an orderly stop: the shutdown hook interrupts the main thread
 * and waits for it to save the run and stop the services, instead of the JVM tearing them down
 * under it.
 */
public final class Interruption {

  /** How long the hook waits for the main thread to save and stop. */
  private static final long GRACE_SECONDS = 120;

  private final Thread main = Thread.currentThread();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread hook = new Thread(this::signal, "mse-nas-interrupt");
  private volatile boolean requested;

  public void install() {
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Whether the user asked to stop. */
  public boolean requested() {
    return requested;
  }

  /** The main thread is done: a later signal has nothing to wait for. */
  public void finish() {
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run
    }
  }

  /**
   * What Ctrl-C does (the shutdown hook runs this): asks the main thread to stop, interrupting it,
   * and waits until it has called {@link #finish()}, or the grace period has passed. Does nothing
   * once the main thread is done.
   */
  public void signal() {
    if (finished.getCount() == 0) {
      return;
    }
    requested = true;
    main.interrupt();
    try {
      finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
