package io.msenas.model.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.msenas.model.genome.InputKind;
import io.msenas.model.genome.SearchSpace;
import io.msenas.model.preset.Preset;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Golden files guard the v1 wire format: they were written by hand, so any change to field names,
 * nesting or null handling breaks these tests instead of silently breaking another service.
 */
class MessageGoldenJsonTest {

  private static final UUID TASK = UUID.fromString("6f1c2a3e-8b4d-4c5e-9f60-7a8b9c0d1e2f");
  private static final UUID JOB = UUID.fromString("0b9e8d7c-6a5b-4c3d-8e2f-1a0b9c8d7e6f");
  private static final UUID INDIVIDUAL = UUID.fromString("3d2c1b0a-9f8e-4d7c-b6a5-948372615041");
  private static final String HASH =
      "349200de702d059a81dd93f572aa32fdb117971ac5590ff1ffea159d4d11f8a0";

  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void evaluationTaskV1ReadsAndWritesTheGoldenFile() throws IOException {
    String golden = golden("evaluation-task-v1.json");
    EvaluationTask task = json.readValue(golden, EvaluationTask.class);

    assertThat(task.schemaVersion()).isEqualTo(EvaluationTask.SCHEMA_VERSION);
    assertThat(task.taskId()).isEqualTo(TASK);
    assertThat(task.jobId()).isEqualTo(JOB);
    assertThat(task.individualId()).isEqualTo(INDIVIDUAL);
    assertThat(task.attempt()).isEqualTo(1);
    assertThat(task.searchSpace()).isEqualTo(SearchSpace.of(4, InputKind.STATIC_IMAGE));
    assertThat(task.genome().length()).isEqualTo(81);
    assertThat(task.genome().gene(0)).isEqualTo(2);
    assertThat(task.genome().gene(80)).isEqualTo(3);
    assertThat(task.fitness()).isEqualTo(FitnessConfig.defaults(Preset.SMOKE, "mnist", 99));
    // the golden result's hash is this genome's content hash (checked against Python's hashlib)
    assertThat(task.searchSpace().contentHash(task.genome())).isEqualTo(HASH);

    assertSameTree(json.writeValueAsString(task), golden);
    assertThat(json.readValue(json.writeValueAsString(task), EvaluationTask.class)).isEqualTo(task);
  }

  /** The succeeded result of the golden files, without an estimate of synaptic operations. */
  private static EvaluationResult goldenSuccess() {
    return EvaluationResult.succeeded(
        TASK,
        INDIVIDUAL,
        HASH,
        7.0,
        0.0546875,
        List.of(
            new LayerSpikeRate("stem", 1, 24576, 0.125),
            new LayerSpikeRate("cell0.n3<-s0", 3, 8192, 0.0625)),
        12345,
        new Timings(12.5, 250.0, 3.25, 270.0),
        new Provenance(
            "0.1.0-SNAPSHOT", 99, "cpu", "linux-x86_64-onednn-avx512", "Haswell", "worker-1"),
        new Rdm(2, List.of(0.0, 3.5, 3.5, 0.0)));
  }

  @Test
  void succeededEvaluationResultV1ReadsAndWritesTheGoldenFile() throws IOException {
    // written before synapticOperations existed: absent reads as unknown, and stays absent
    String golden = golden("evaluation-result-v1-succeeded.json");
    EvaluationResult result = json.readValue(golden, EvaluationResult.class);

    assertThat(result).isEqualTo(goldenSuccess());
    assertThat(result.outcome().isSuccessful()).isTrue();
    assertThat(result.rdm().get(0, 1)).isEqualTo(3.5);
    assertThat(result.synapticOperations()).isNull();
    assertThat(result.failure()).isNull();

    assertSameTree(json.writeValueAsString(result), golden);
  }

  @Test
  void succeededEvaluationResultV1WithSynapticOperationsReadsAndWritesTheGoldenFile()
      throws IOException {
    String golden = golden("evaluation-result-v1-succeeded-with-sops.json");
    EvaluationResult result = json.readValue(golden, EvaluationResult.class);

    assertThat(result.schemaVersion()).isEqualTo(1);
    assertThat(result).isEqualTo(goldenSuccess().withSynapticOperations(2.5e7));
    assertThat(result.synapticOperations()).isEqualTo(2.5e7);

    assertSameTree(json.writeValueAsString(result), golden);
  }

  @Test
  void failedEvaluationResultV1ReadsAndWritesTheGoldenFile() throws IOException {
    String golden = golden("evaluation-result-v1-failed.json");
    EvaluationResult result = json.readValue(golden, EvaluationResult.class);

    assertThat(result)
        .isEqualTo(
            EvaluationResult.failed(
                TASK,
                INDIVIDUAL,
                HASH,
                new Failure(
                    "OutOfMemory", "off-heap memory exhausted allocating 805306368 bytes", true),
                new Timings(12.5, 0.0, 0.0, 13.0),
                new Provenance("0.1.0-SNAPSHOT", 99, "cpu", null, null, "worker-2")));
    assertThat(result.outcome().isSuccessful()).isFalse();
    assertThat(result.score()).isNull();
    assertThat(result.rdm()).isNull();
    assertThat(result.spikeRates()).isEmpty();
    assertThat(result.synapticOperations()).isNull();

    assertSameTree(json.writeValueAsString(result), golden);
  }

  private void assertSameTree(String written, String golden) {
    // both sides parsed from text, so numbers get the same node types
    JsonNode actual = json.readTree(written);
    JsonNode expected = json.readTree(golden);
    assertThat(actual).as("written JSON %s", written).isEqualTo(expected);
  }

  private static String golden(String name) throws IOException {
    try (InputStream in = MessageGoldenJsonTest.class.getResourceAsStream("/golden/" + name)) {
      assertThat(in).as("golden file %s", name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
