package io.msenas.worker.runtime;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts ND4J once per process with the right native build, and describes the numeric backend for
 * provenance.
 *
 * <p>Call {@link #initialise()} before any other ND4J use: the native build is fixed by the first
 * ND4J class that loads. A variant given by the user through the system property wins over the
 * automatic choice. Thread-safe.
 */
public final class Nd4jRuntime {

  private static final Logger log = LoggerFactory.getLogger(Nd4jRuntime.class);
  private static volatile Info info;

  private Nd4jRuntime() {}

  /** What runs the numerics; recorded in every result's provenance. */
  public record Info(
      String backend,
      NativeVariant nativeVariant,
      String blasVendor,
      String blasCoreType,
      int ompThreads,
      String host) {}

  /** Chooses and loads the native build (idempotent) and returns what was loaded. */
  public static Info initialise() {
    Info current = info;
    if (current != null) {
      return current;
    }
    synchronized (Nd4jRuntime.class) {
      if (info == null) {
        info = load();
      }
      return info;
    }
  }

  private static Info load() {
    String requested = System.getProperty(NativeVariant.PLATFORM_EXTENSION_PROPERTY);
    NativeVariant variant;
    if (requested == null || requested.isBlank()) {
      variant = NativeVariant.chooseFor(NativeVariant.cpuFlags());
      System.setProperty(NativeVariant.PLATFORM_EXTENSION_PROPERTY, variant.extension());
    } else {
      variant = NativeVariant.fromExtension(requested.trim());
    }
    var env = Nd4j.getExecutioner().getEnvironmentInformation();
    String backend = Nd4j.getBackend().getClass().getSimpleName();
    String blasVendor = String.valueOf(env.getOrDefault("blas.vendor", "unknown"));
    int omp = Integer.parseInt(String.valueOf(env.getOrDefault("omp.threads", "0")));
    String coreType = System.getenv("OPENBLAS_CORETYPE");
    Info loaded =
        new Info(
            backend,
            variant,
            blasVendor,
            coreType == null || coreType.isBlank() ? "unset" : coreType,
            omp,
            hostName());
    log.info(
        "ND4J backend {} with native build {} ({}), BLAS {} core type {}, {} OpenMP threads, Java {}",
        loaded.backend(),
        variant.classifier(),
        requested == null
            ? "chosen from CPU flags"
            : "set by " + NativeVariant.PLATFORM_EXTENSION_PROPERTY,
        blasVendor,
        loaded.blasCoreType(),
        omp,
        Runtime.version());
    String waitPolicy = ompWaitPolicy();
    if (!"PASSIVE".equalsIgnoreCase(waitPolicy)) {
      log.warn(
          "OMP_WAIT_POLICY is {}: OpenMP threads spin after every ND4J call and take the cores from"
              + " the Java loops that run between the calls (fitness evaluations were about 25%"
              + " slower on 2 cores); start the JVM with OMP_WAIT_POLICY=PASSIVE",
          waitPolicy);
    }
    String procBind = System.getenv("OMP_PROC_BIND");
    if (bindsThreads(procBind)) {
      log.warn(
          "OMP_PROC_BIND is {}: OpenMP pins the JVM's main thread to one core, and the threads it"
              + " starts later (the Java loops' pool) inherit that core (fitness evaluations took"
              + " 1.4-1.6 times as long on 2 cores); start the JVM without OMP_PROC_BIND",
          procBind);
    }
    if (!mallocReusesMemory()) {
      log.warn(
          "glibc malloc runs with its defaults (GLIBC_TUNABLES={}): convolution buffers above 32"
              + " MB come back from the kernel as fresh pages on every call (49,000-94,000 page"
              + " faults per quick-preset evaluation of networks with such tensors); start the JVM"
              + " with the settings of scripts/native-env",
          System.getenv("GLIBC_TUNABLES"));
    }
    return loaded;
  }

  /**
   * Whether a value of {@code OMP_PROC_BIND} makes OpenMP bind threads to places: anything but
   * unset, blank or {@code false}.
   */
  static boolean bindsThreads(String procBind) {
    return procBind != null && !procBind.isBlank() && !"false".equalsIgnoreCase(procBind.trim());
  }

  /**
   * Whether glibc malloc was told to keep freed memory for reuse (scripts/native-env): no mmap'd
   * chunks ({@code glibc.malloc.mmap_max=0}) and one arena ({@code glibc.malloc.arena_max=1}), so
   * that oneDNN's large per-call buffers reuse the same pages. Read from {@code GLIBC_TUNABLES},
   * which glibc reads at process start.
   */
  public static boolean mallocReusesMemory() {
    String tunables = System.getenv("GLIBC_TUNABLES");
    if (tunables == null) {
      return false;
    }
    List<String> settings = List.of(tunables.split(":"));
    return settings.contains("glibc.malloc.mmap_max=0")
        && settings.contains("glibc.malloc.arena_max=1");
  }

  /**
   * The OpenMP wait policy the natives run with: the environment variable {@code OMP_WAIT_POLICY},
   * or "unset" (OpenMP threads then spin for a while after each parallel region). It is read when
   * the natives load, so it can only be set before the JVM starts.
   */
  public static String ompWaitPolicy() {
    String policy = System.getenv("OMP_WAIT_POLICY");
    return policy == null || policy.isBlank() ? "unset" : policy.trim();
  }

  private static String hostName() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }
}
