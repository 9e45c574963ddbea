package io.msenas.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml, the Dockerfile it builds from and the Prometheus and Grafana files it mounts,
 * against the services' configuration and the launch scripts: the variables it sets are ones the
 * services read, the ports and health checks are theirs, and the worker image starts the JVM as
 * scripts/worker does.
 */
class ComposeFileTest {

  private static final Map<String, Object> COMPOSE = RepositoryFiles.yaml("docker-compose.yml");
  private static final String DOCKERFILE = RepositoryFiles.read("Dockerfile");

  @Test
  void itRunsTheDatabaseTheBrokerTheServicesAndTheMonitoring() {
    assertThat(services().keySet())
        .containsExactlyInAnyOrder(
            "postgres", "rabbitmq", "api", "worker", "worker-gpu", "prometheus", "grafana");
    // the services wait for healthy servers
    assertThat(RepositoryFiles.flatten("", service("api")))
        .containsEntry("depends_on.postgres.condition", "service_healthy")
        .containsEntry("depends_on.rabbitmq.condition", "service_healthy");
    assertThat(RepositoryFiles.flatten("", service("worker")))
        .containsEntry("depends_on.rabbitmq.condition", "service_healthy");
    // the GPU worker only on request
    assertThat(service("worker-gpu").get("profiles")).isEqualTo(List.of("gpu"));
  }

  @Test
  void eachServiceIsBuiltFromAStageOfTheDockerfile() {
    Set<String> stages = new java.util.TreeSet<>();
    Matcher matcher = Pattern.compile("(?m)^FROM \\S+ AS (\\S+)$").matcher(DOCKERFILE);
    while (matcher.find()) {
      stages.add(matcher.group(1));
    }
    for (String name : List.of("api", "worker", "worker-gpu")) {
      Map<String, Object> flat = RepositoryFiles.flatten("", service(name));
      assertThat(flat).containsEntry("build.context", ".");
      assertThat(stages).contains((String) flat.get("build.target"));
    }
    // the build packages the two services' jars under the names the stages copy
    assertThat(DOCKERFILE)
        .contains("api-service/target/api-service-*-exec.jar")
        .contains("worker-service/target/worker-service-*-exec.jar");
  }

  @Test
  void everyVariableItSetsIsOneTheServiceReadsAndTheDatabaseIsTheOneCreated() {
    Map<String, Object> api = environment("api");
    Map<String, Object> worker = environment("worker");

    assertThat(RepositoryFiles.variablesRead("api-service/src/main/resources/application.yml"))
        .containsAll(api.keySet());
    assertThat(RepositoryFiles.variablesRead("worker-service/src/main/resources/worker.yml"))
        .containsAll(worker.keySet())
        .containsAll(environment("worker-gpu").keySet())
        // and the image's own ENV
        .contains("MSE_NAS_WORKER_DATA_ROOT");
    Map<String, Object> postgres = environment("postgres");
    assertThat(api.get("MSE_NAS_DB_HOST")).isEqualTo("postgres");
    assertThat(api.get("MSE_NAS_DB_NAME")).isEqualTo(postgres.get("POSTGRES_DB"));
    assertThat(api.get("MSE_NAS_DB_USER")).isEqualTo(postgres.get("POSTGRES_USER"));
    assertThat(api.get("MSE_NAS_DB_PASSWORD")).isEqualTo(postgres.get("POSTGRES_PASSWORD"));
    Map<String, Object> rabbitmq = environment("rabbitmq");
    for (Map<String, Object> service : List.of(api, worker)) {
      assertThat(service.get("MSE_NAS_RABBITMQ_HOST")).isEqualTo("rabbitmq");
      assertThat(service.get("MSE_NAS_RABBITMQ_USER"))
          .isEqualTo(rabbitmq.get("RABBITMQ_DEFAULT_USER"));
      assertThat(service.get("MSE_NAS_RABBITMQ_PASSWORD"))
          .isEqualTo(rabbitmq.get("RABBITMQ_DEFAULT_PASS"));
    }
  }

  @Test
  void theServicesServeTheHealthGroupsTheChecksAskForAndReadTheDataRoot() {
    // Spring Boot turns the readiness and liveness groups on by itself only on Kubernetes
    for (String config :
        List.of(
            "api-service/src/main/resources/application.yml",
            "worker-service/src/main/resources/worker.yml")) {
      assertThat(RepositoryFiles.flatten("", RepositoryFiles.yaml(config)))
          .as(config)
          .containsEntry("management.endpoint.health.probes.enabled", true)
          .containsEntry("management.endpoints.web.exposure.include", "health,info,prometheus");
    }
    // the worker image's MSE_NAS_WORKER_DATA_ROOT is the property the trainings' data source reads
    assertThat(
            RepositoryFiles.read(
                "worker-service/src/main/java/io/msenas/worker/service/training/TrainingConfiguration.java"))
        .contains("${mse-nas.worker.data-root:");
    assertThat(DOCKERFILE).contains("MSE_NAS_WORKER_DATA_ROOT=/data");
  }

  @Test
  void healthChecksAndScrapesUseTheServicesPortsAndActuatorEndpoints() {
    String apiPort = (String) environment("api").get("MSE_NAS_API_PORT");
    String workerPort = (String) environment("worker").get("MSE_NAS_WORKER_PORT");
    assertThat(healthCheck("api")).contains("localhost:" + apiPort + "/actuator/health/readiness");
    assertThat(healthCheck("worker"))
        .contains("localhost:" + workerPort + "/actuator/health/readiness");
    assertThat(service("api").get("ports")).isEqualTo(List.of(apiPort + ":" + apiPort));
    assertThat(DOCKERFILE).contains("EXPOSE " + apiPort).contains("EXPOSE " + workerPort);

    List<String> mounts = new ArrayList<>();
    for (String name : List.of("prometheus", "grafana")) {
      for (Object volume : (List<?>) service(name).get("volumes")) {
        String file = ((String) volume).split(":")[0];
        mounts.add(file);
        assertThat(Files.isRegularFile(RepositoryFiles.root().resolve(file))).as(file).isTrue();
      }
    }
    Map<String, Object> prometheus = RepositoryFiles.yaml("deploy/prometheus.yml");
    List<?> jobs = (List<?>) prometheus.get("scrape_configs");
    String scrapes = jobs.toString();
    assertThat(scrapes)
        .contains("targets=[api:" + apiPort + "]")
        .contains("names=[worker, worker-gpu]")
        .contains("port=" + workerPort);
    for (Object job : jobs) {
      assertThat(((Map<?, ?>) job).get("metrics_path")).isEqualTo("/actuator/prometheus");
    }
    assertThat(RepositoryFiles.read("deploy/grafana-datasources.yml"))
        .contains("url: http://prometheus:9090");
    assertThat(mounts).contains("./deploy/prometheus.yml", "./deploy/grafana-datasources.yml");
  }

  @Test
  void theWorkerImageStartsTheJvmAsTheLaunchersDo() {
    // scripts/native-env's defaults and the flags scripts/java-runtime gives Java 25
    String nativeEnv = RepositoryFiles.read("scripts/native-env");
    // the script's code, not its comments
    String javaRuntime =
        RepositoryFiles.read("scripts/java-runtime")
            .lines()
            .filter(line -> !line.strip().startsWith("#"))
            .collect(java.util.stream.Collectors.joining("\n"));
    Matcher tunables = Pattern.compile("GLIBC_TUNABLES:-([^}\"]+)").matcher(nativeEnv);
    assertThat(tunables.find()).isTrue();
    assertThat(nativeEnv).contains("OMP_WAIT_POLICY:-PASSIVE");
    assertThat(DOCKERFILE).contains("FROM eclipse-temurin:25-jdk AS worker\n");
    // the worker stage alone, up to the next FROM
    int from = DOCKERFILE.indexOf(" AS worker\n");
    String worker = DOCKERFILE.substring(from, DOCKERFILE.indexOf("\nFROM ", from));
    assertThat(worker)
        .contains("OMP_WAIT_POLICY=PASSIVE")
        .contains("GLIBC_TUNABLES=" + tunables.group(1));
    for (String flag :
        List.of(
            "--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow",
            "jdk.incubator.vector")) {
      assertThat(javaRuntime).contains(flag);
      assertThat(worker).contains(flag);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> services() {
    return (Map<String, Object>) COMPOSE.get("services");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> service(String name) {
    Map<String, Object> service = (Map<String, Object>) services().get(name);
    assertThat(service).as(name).isNotNull();
    return service;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> environment(String name) {
    return (Map<String, Object>) service(name).get("environment");
  }

  private static String healthCheck(String name) {
    return String.valueOf(((Map<?, ?>) service(name).get("healthcheck")).get("test"));
  }
}
