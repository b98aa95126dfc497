package io.sophra.registry.bench.support;

/** The JVM options every benchmark fork runs with (JMH forks do not read the jar's manifest). */
public final class Jvm {

  /** Hazelcast reads JDK internals for speed; the same packages the service jar's manifest opens. */
  public static final String EXPORTS_REF = "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED";
  public static final String OPENS_LANG = "--add-opens=java.base/java.lang=ALL-UNNAMED";
  public static final String OPENS_NIO = "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED";
  public static final String OPENS_MANAGEMENT = "--add-opens=java.management/sun.management=ALL-UNNAMED";
  public static final String OPENS_JDK_MANAGEMENT =
      "--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED";
  /** Room for 100,000 models (binary entries plus their Near Cache objects) with headroom. */
  public static final String HEAP_MIN = "-Xms1g";
  public static final String HEAP_MAX = "-Xmx2g";

  private Jvm() {
  }
}
