package io.msenas.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The helm chart (helm/mse-nas), linted and rendered by Helm's own library, against what the
 * services read: every variable it sets is one their configuration reads, every secret key it
 * refers to exists, the probes are the services' health groups, and each option (GPU workers,
 * autoscaling on CPU or on the queue with KEDA, external PostgreSQL and RabbitMQ, a ServiceMonitor)
 * renders what it says.
 */
class HelmChartTest {

  private static final Path CHART = RepositoryFiles.root().resolve("helm/mse-nas");

  @Test
  void theChartPassesHelmLintInStrictMode() {
    LintResult result = new Helm(CHART).lint().strict().call();

    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
  }

  @Test
  void byDefaultItRunsTwoApiReplicasAWorkerAndABundledDatabaseAndBroker() {
    Rendered chart = render(Map.of());

    assertThat(chart.kinds())
        .containsExactlyInAnyOrder(
            "Secret",
            "Deployment/lab-mse-nas-api",
            "Service/lab-mse-nas-api",
            "Deployment/lab-mse-nas-worker",
            "Service/lab-mse-nas-worker",
            "StatefulSet/lab-mse-nas-postgresql",
            "Service/lab-mse-nas-postgresql",
            "StatefulSet/lab-mse-nas-rabbitmq",
            "Service/lab-mse-nas-rabbitmq");
    Map<String, Object> api = chart.get("Deployment", "lab-mse-nas-api");
    assertThat(at(api, "spec", "replicas")).isEqualTo(2);
    Map<String, Object> env = env(container(api));
    assertThat(env.get("MSE_NAS_DB_HOST")).isEqualTo("lab-mse-nas-postgresql");
    assertThat(env.get("MSE_NAS_RABBITMQ_HOST")).isEqualTo("lab-mse-nas-rabbitmq");
    assertThat(env.get("MSE_NAS_DB_NAME")).isEqualTo("msenas");
    assertThat(image(api)).isEqualTo("mse-nas-api:0.1.0");
    Map<String, Object> worker = chart.get("Deployment", "lab-mse-nas-worker");
    assertThat(at(worker, "spec", "replicas")).isEqualTo(1);
    assertThat(image(worker)).isEqualTo("mse-nas-worker:0.1.0");
    // the bundled PostgreSQL creates the database and user the API connects with
    Map<String, Object> postgres =
        env(container(chart.get("StatefulSet", "lab-mse-nas-postgresql")));
    assertThat(postgres.get("POSTGRES_DB")).isEqualTo(env.get("MSE_NAS_DB_NAME"));
    assertThat(postgres.get("POSTGRES_USER")).isEqualTo(env.get("MSE_NAS_DB_USER"));
  }

  @Test
  void everyVariableTheChartSetsIsOneTheServiceReads() {
    Rendered chart = render(Map.of());
    Set<String> apiReads =
        RepositoryFiles.variablesRead("api-service/src/main/resources/application.yml");
    Set<String> workerReads =
        RepositoryFiles.variablesRead("worker-service/src/main/resources/worker.yml");

    Set<String> apiSets = env(container(chart.get("Deployment", "lab-mse-nas-api"))).keySet();
    Set<String> workerSets = env(container(chart.get("Deployment", "lab-mse-nas-worker"))).keySet();

    assertThat(apiSets).isNotEmpty();
    assertThat(apiReads).containsAll(apiSets);
    assertThat(workerReads).containsAll(workerSets);
    // the broker's settings are the same for both, as the services' queue topology needs
    for (String name : List.of("MSE_NAS_RABBITMQ_HOST", "MSE_NAS_MESSAGING_QUORUM_QUEUES")) {
      assertThat(env(container(chart.get("Deployment", "lab-mse-nas-worker"))).get(name))
          .isEqualTo(env(container(chart.get("Deployment", "lab-mse-nas-api"))).get(name));
    }
  }

  @Test
  void everySecretKeyAReferenceNamesIsInTheSecretAndTheProbesAreTheHealthGroups() {
    Rendered chart = render(Map.of());
    Map<String, Object> secret = chart.get("Secret", "lab-mse-nas");
    @SuppressWarnings("unchecked")
    Set<String> keys = ((Map<String, Object>) secret.get("stringData")).keySet();

    for (String[] workload :
        new String[][] {
          {"Deployment", "lab-mse-nas-api"},
          {"Deployment", "lab-mse-nas-worker"},
          {"StatefulSet", "lab-mse-nas-postgresql"},
          {"StatefulSet", "lab-mse-nas-rabbitmq"}
        }) {
      Map<String, Object> container = container(chart.get(workload[0], workload[1]));
      for (Map<String, Object> variable : list(container.get("env"))) {
        Object ref = variable.get("valueFrom");
        if (ref != null) {
          assertThat(at(ref, "secretKeyRef", "name")).isEqualTo("lab-mse-nas");
          assertThat(keys).contains((String) at(ref, "secretKeyRef", "key"));
        }
      }
    }
    for (String name : List.of("lab-mse-nas-api", "lab-mse-nas-worker")) {
      Map<String, Object> container = container(chart.get("Deployment", name));
      assertThat(at(container, "readinessProbe", "httpGet", "path"))
          .isEqualTo("/actuator/health/readiness");
      assertThat(at(container, "livenessProbe", "httpGet", "path"))
          .isEqualTo("/actuator/health/liveness");
      assertThat(at(container, "readinessProbe", "httpGet", "port")).isEqualTo("http");
      assertThat(at(container, "securityContext", "allowPrivilegeEscalation")).isEqualTo(false);
      assertThat(
              at(
                  chart.get("Deployment", name),
                  "spec",
                  "template",
                  "spec",
                  "securityContext",
                  "runAsUser"))
          .isEqualTo(10001);
    }
    // the ports the services listen on (MSE_NAS_API_PORT, MSE_NAS_WORKER_PORT) are the ones named
    Map<String, Object> api = container(chart.get("Deployment", "lab-mse-nas-api"));
    assertThat(String.valueOf(list(api.get("ports")).get(0).get("containerPort")))
        .isEqualTo(env(api).get("MSE_NAS_API_PORT"));
    Map<String, Object> worker = container(chart.get("Deployment", "lab-mse-nas-worker"));
    assertThat(String.valueOf(list(worker.get("ports")).get(0).get("containerPort")))
        .isEqualTo(env(worker).get("MSE_NAS_WORKER_PORT"));
  }

  @Test
  void gpuWorkersTakeTheCudaImageAGpuEachAndTheGpuNodes() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("worker.gpu.enabled", true);
    values.put("worker.gpu.nodeSelector.accelerator", "nvidia");
    values.put("worker.nodeSelector.pool", "search");
    Rendered chart = render(values);

    Map<String, Object> worker = chart.get("Deployment", "lab-mse-nas-worker");
    assertThat(image(worker)).isEqualTo("mse-nas-worker-gpu:0.1.0");
    assertThat(at(container(worker), "resources", "limits", "nvidia.com/gpu")).isEqualTo(1);
    assertThat(at(container(worker), "resources", "limits", "memory")).isEqualTo("12Gi");
    assertThat(at(worker, "spec", "template", "spec", "nodeSelector"))
        .isEqualTo(Map.of("accelerator", "nvidia", "pool", "search"));
    // with no resources given at all, the GPU is still asked for
    Map<String, Object> bare = new LinkedHashMap<>();
    bare.put("worker.gpu.enabled", true);
    bare.put("worker.resources", null);
    assertThat(
            at(
                container(render(bare).get("Deployment", "lab-mse-nas-worker")),
                "resources",
                "limits",
                "nvidia.com/gpu"))
        .isEqualTo(1);
  }

  @Test
  void dataVolumeTolerationsAndClassicQueuesReachTheWorkers() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("worker.dataVolume.persistentVolumeClaim.claimName", "datasets");
    values.put("worker.tolerations[0].key", "search");
    values.put("worker.tolerations[0].operator", "Exists");
    values.put("messaging.quorumQueues", false);
    Rendered chart = render(values);

    Map<String, Object> pod =
        castMap(at(chart.get("Deployment", "lab-mse-nas-worker"), "spec", "template", "spec"));
    assertThat(at(list(pod.get("volumes")).get(0), "persistentVolumeClaim", "claimName"))
        .isEqualTo("datasets");
    assertThat(
            list(container(chart.get("Deployment", "lab-mse-nas-worker")).get("volumeMounts"))
                .get(0))
        .containsEntry("mountPath", "/data")
        .containsEntry("readOnly", true);
    assertThat(list(pod.get("tolerations")).get(0)).containsEntry("key", "search");
    for (String name : List.of("lab-mse-nas-api", "lab-mse-nas-worker")) {
      assertThat(
              env(container(chart.get("Deployment", name))).get("MSE_NAS_MESSAGING_QUORUM_QUEUES"))
          .isEqualTo("false");
    }
  }

  @Test
  void kedaScalesTheWorkersOnTheEvaluationQueueTheServicesDeclare() {
    Rendered chart = render(Map.of("worker.keda.enabled", true));

    Map<String, Object> scaled = chart.get("ScaledObject", "lab-mse-nas-worker");
    Map<String, Object> trigger = list(at(scaled, "spec", "triggers")).get(0);
    String taskQueue =
        (String)
            RepositoryFiles.flatten(
                    "", RepositoryFiles.yaml("worker-service/src/main/resources/worker.yml"))
                .get("mse-nas.messaging.task-queue");
    assertThat(at(trigger, "metadata", "queueName")).isEqualTo(taskQueue);
    assertThat(at(scaled, "spec", "scaleTargetRef", "name")).isEqualTo("lab-mse-nas-worker");
    // KEDA owns the replica count
    assertThat(castMap(at(chart.get("Deployment", "lab-mse-nas-worker"), "spec")))
        .doesNotContainKey("replicas");
    Map<String, Object> auth = chart.get("TriggerAuthentication", "lab-mse-nas-worker");
    Map<String, Object> ref = list(at(auth, "spec", "secretTargetRef")).get(0);
    @SuppressWarnings("unchecked")
    Map<String, Object> secretData =
        (Map<String, Object>) chart.get("Secret", "lab-mse-nas").get("stringData");
    // KEDA's operator runs in its own namespace: the bundled broker by its full name
    assertThat(secretData.get(ref.get("key")))
        .isEqualTo("amqp://msenas:msenas@lab-mse-nas-rabbitmq.search.svc:5672/");

    Map<String, Object> values = new LinkedHashMap<>();
    values.put("worker.keda.enabled", true);
    values.put("messaging.password", "p@ss:w/rd");
    assertThat(
            castMap(render(values).get("Secret", "lab-mse-nas").get("stringData"))
                .get("rabbitmq-url"))
        .isEqualTo("amqp://msenas:p%40ss%3Aw%2Frd@lab-mse-nas-rabbitmq.search.svc:5672/");
    values.put("messaging.existingSecret", "lab-mq");
    values.put("messaging.host", "mq.lab.example");
    Map<String, Object> own = render(values).get("TriggerAuthentication", "lab-mse-nas-worker");
    assertThat(list(at(own, "spec", "secretTargetRef")).get(0))
        .containsEntry("name", "lab-mq")
        .containsEntry("key", "rabbitmq-url");
  }

  @Test
  void withOneExistingSecretTheOtherKeysAreStillInTheChartsSecret() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("database.existingSecret", "lab-db");
    Rendered chart = render(values);
    Map<String, Object> data = castMap(chart.get("Secret", "lab-mse-nas").get("stringData"));
    assertThat(data)
        .containsKeys("rabbitmq-password", "rabbitmq-url")
        .doesNotContainKey("db-password");
    Map<String, Object> api = env(container(chart.get("Deployment", "lab-mse-nas-api")));
    assertThat(at(api.get("MSE_NAS_DB_PASSWORD"), "secretKeyRef", "name")).isEqualTo("lab-db");
    assertThat(at(api.get("MSE_NAS_RABBITMQ_PASSWORD"), "secretKeyRef", "name"))
        .isEqualTo("lab-mse-nas");
    // the bundled PostgreSQL takes its password from the same Secret as the API
    assertThat(
            at(
                env(container(chart.get("StatefulSet", "lab-mse-nas-postgresql")))
                    .get("POSTGRES_PASSWORD"),
                "secretKeyRef",
                "name"))
        .isEqualTo("lab-db");
  }

  @Test
  void cpuAutoscalingRendersAnAutoscalerAndBothAtOnceAreRefused() {
    Rendered chart = render(Map.of("worker.autoscaling.enabled", true));
    Map<String, Object> hpa = chart.get("HorizontalPodAutoscaler", "lab-mse-nas-worker");
    assertThat(at(hpa, "spec", "maxReplicas")).isEqualTo(8);
    assertThat(at(hpa, "spec", "scaleTargetRef", "name")).isEqualTo("lab-mse-nas-worker");

    assertThatThrownBy(
            () -> render(Map.of("worker.autoscaling.enabled", true, "worker.keda.enabled", true)))
        .hasMessageContaining("enable one");
  }

  @Test
  void externalDatabaseAndBrokerReplaceTheBundledOnesAndExistingSecretsAreUsed() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("database.host", "db.lab.example");
    values.put("database.existingSecret", "lab-db");
    values.put("messaging.host", "mq.lab.example");
    values.put("messaging.existingSecret", "lab-mq");
    Rendered chart = render(values);

    assertThat(chart.kinds())
        .noneMatch(kind -> kind.contains("postgresql") || kind.contains("rabbitmq"));
    assertThat(chart.kinds()).doesNotContain("Secret");
    Map<String, Object> api = container(chart.get("Deployment", "lab-mse-nas-api"));
    assertThat(env(api).get("MSE_NAS_DB_HOST")).isEqualTo("db.lab.example");
    assertThat(env(api).get("MSE_NAS_RABBITMQ_HOST")).isEqualTo("mq.lab.example");
    Map<String, String> secrets =
        list(api.get("env")).stream()
            .filter(v -> v.get("valueFrom") != null)
            .collect(
                Collectors.toMap(
                    v -> (String) v.get("name"),
                    v -> (String) at(v.get("valueFrom"), "secretKeyRef", "name")));
    assertThat(secrets)
        .containsEntry("MSE_NAS_DB_PASSWORD", "lab-db")
        .containsEntry("MSE_NAS_RABBITMQ_PASSWORD", "lab-mq");
  }

  @Test
  void withNeitherAHostNorTheBundledServerTheChartSaysWhatToSet() {
    assertThatThrownBy(() -> render(Map.of("postgresql.enabled", false)))
        .hasMessageContaining("set database.host");
    assertThatThrownBy(() -> render(Map.of("rabbitmq.enabled", false)))
        .hasMessageContaining("set messaging.host");
  }

  @Test
  void aServiceMonitorScrapesBothServicesActuatorEndpoints() {
    assertThat(render(Map.of()).kinds()).noneMatch(kind -> kind.startsWith("ServiceMonitor"));
    Rendered chart = render(Map.of("serviceMonitor.enabled", true));

    Map<String, Object> monitor = chart.get("ServiceMonitor", "lab-mse-nas");
    Map<String, Object> endpoint = list(at(monitor, "spec", "endpoints")).get(0);
    assertThat(endpoint)
        .containsEntry("path", "/actuator/prometheus")
        .containsEntry("port", "http");
    // both Services name their port "http" and carry the labels the monitor selects
    for (String name : List.of("lab-mse-nas-api", "lab-mse-nas-worker")) {
      Map<String, Object> service = chart.get("Service", name);
      assertThat(list(at(service, "spec", "ports")).get(0)).containsEntry("name", "http");
      @SuppressWarnings("unchecked")
      Map<String, Object> labels = (Map<String, Object>) at(service, "metadata", "labels");
      assertThat(labels)
          .containsAllEntriesOf(castMap(at(monitor, "spec", "selector", "matchLabels")));
    }
  }

  /** The manifests of a release named "lab" with the given --set values. */
  private static Rendered render(Map<String, Object> values) {
    TemplateCommand template = new Helm(CHART).template().withName("lab").withNamespace("search");
    values.forEach(template::set);
    List<Map<String, Object>> documents = new ArrayList<>();
    for (Object document : new Yaml().loadAll(template.call())) {
      if (document != null) {
        documents.add(castMap(document));
      }
    }
    return new Rendered(documents);
  }

  private record Rendered(List<Map<String, Object>> documents) {
    /** "Kind/name", except the Secret whose name is the release's. */
    List<String> kinds() {
      return documents.stream()
          .map(
              d ->
                  d.get("kind").equals("Secret")
                      ? "Secret"
                      : d.get("kind") + "/" + at(d, "metadata", "name"))
          .toList();
    }

    Map<String, Object> get(String kind, String name) {
      return documents.stream()
          .filter(d -> d.get("kind").equals(kind) && name.equals(at(d, "metadata", "name")))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + kinds()));
    }
  }

  private static Map<String, Object> container(Map<String, Object> workload) {
    return list(at(workload, "spec", "template", "spec", "containers")).get(0);
  }

  private static String image(Map<String, Object> workload) {
    return (String) container(workload).get("image");
  }

  /** A container's environment: name to value, or to its valueFrom. */
  private static Map<String, Object> env(Map<String, Object> container) {
    Map<String, Object> env = new LinkedHashMap<>();
    for (Map<String, Object> variable : list(container.get("env"))) {
      Object value =
          variable.containsKey("value") ? variable.get("value") : variable.get("valueFrom");
      assertThat(env.put((String) variable.get("name"), value))
          .as("%s set twice", variable.get("name"))
          .isNull();
    }
    return env;
  }

  private static Object at(Object node, String... path) {
    Object current = node;
    for (String key : path) {
      assertThat(current).as("%s in %s", key, String.join(".", path)).isInstanceOf(Map.class);
      current = ((Map<?, ?>) current).get(key);
    }
    return current;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object node) {
    assertThat(node).isInstanceOf(List.class);
    return (List<Map<String, Object>>) node;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Object node) {
    assertThat(node).isInstanceOf(Map.class);
    return (Map<String, Object>) node;
  }
}
