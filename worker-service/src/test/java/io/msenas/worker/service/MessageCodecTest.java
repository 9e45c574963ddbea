package io.msenas.worker.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msenas.model.message.EvaluationResult;
import io.msenas.model.message.EvaluationTask;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class MessageCodecTest {

  private final MessageCodec codec = new MessageCodec();
  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void aTaskRoundTrips() {
    EvaluationTask task = Tasks.smoke(1, 7);

    assertThat(codec.readTask(codec.writeTask(task))).isEqualTo(task);
  }

  @Test
  void aResultRoundTrips() {
    EvaluationResult result = new NoopScorer("host").score(Tasks.smoke(1, 7));

    assertThat(codec.readResult(codec.writeResult(result))).isEqualTo(result);
  }

  @Test
  void unknownFieldsAreIgnored() {
    EvaluationTask task = Tasks.smoke(1, 7);
    ObjectNode tree = (ObjectNode) json.readTree(codec.writeTask(task));
    tree.put("priority", 3);

    assertThat(codec.readTask(json.writeValueAsBytes(tree))).isEqualTo(task);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not json at all",
        "{\"schemaVersion\": 1,",
        "null",
        "[]",
        "42",
        "{}",
        "{\"schemaVersion\": 1, \"taskId\": \"not-a-uuid\"}"
      })
  void malformedBodiesAreRejected(String body) {
    assertThatThrownBy(() -> codec.readTask(body.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedTaskException.class);
  }

  @Test
  void anotherSchemaVersionIsRejectedNamingIt() {
    ObjectNode tree = tree(Tasks.smoke(1, 7));
    tree.put("schemaVersion", 2);

    assertThatThrownBy(() -> codec.readTask(json.writeValueAsBytes(tree)))
        .isInstanceOf(MalformedTaskException.class)
        .hasMessageContaining("schemaVersion must be 1, was 2");
  }

  @Test
  void aMissingFieldIsRejectedEvenWhereJavaWouldDefaultIt() {
    ObjectNode tree = tree(Tasks.smoke(1, 7));
    // a missing seed would silently read as 0 and score another network's weights
    ((ObjectNode) tree.get("fitness")).remove("seed");

    assertThatThrownBy(() -> codec.readTask(json.writeValueAsBytes(tree)))
        .isInstanceOf(MalformedTaskException.class)
        .hasMessageContaining("seed");
  }

  @Test
  void aMissingObjectIsRejected() {
    ObjectNode tree = tree(Tasks.smoke(1, 7));
    tree.remove("genome");

    assertThatThrownBy(() -> codec.readTask(json.writeValueAsBytes(tree)))
        .isInstanceOf(MalformedTaskException.class)
        .hasMessageContaining("genome");
  }

  @Test
  void trailingContentIsRejected() {
    byte[] task = codec.writeTask(Tasks.smoke(1, 7));
    byte[] body =
        (new String(task, StandardCharsets.UTF_8) + " {}").getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> codec.readTask(body)).isInstanceOf(MalformedTaskException.class);
  }

  @Test
  void previewKeepsTheFirstCharactersAndDefusesControlCharacters() {
    String body = "line one\nFAKE LOG LINE\u0000" + "x".repeat(500);

    String preview = MessageCodec.preview(body.getBytes(StandardCharsets.UTF_8), 200);

    assertThat(preview).hasSize(200).startsWith("line one?FAKE LOG LINE?xxx").doesNotContain("\n");
    assertThat(MessageCodec.preview("é€".getBytes(StandardCharsets.UTF_8), 200)).isEqualTo("é€");
    assertThat(MessageCodec.preview(new byte[] {(byte) 0xff, 'a'}, 200)).endsWith("a");
    assertThat(MessageCodec.preview(null, 200)).isEmpty();
  }

  private ObjectNode tree(EvaluationTask task) {
    return (ObjectNode) json.readTree(codec.writeTask(task));
  }
}
