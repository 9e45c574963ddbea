package io.msenas.worker.service;

import io.msenas.model.message.EvaluationResult;
import io.msenas.model.message.EvaluationTask;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON of the wire messages, by hand rather than through a message converter, so that a body that
 * does not parse is an ordinary outcome ({@link MalformedTaskException}) the listener answers by
 * rejecting it, and the container never sees a conversion error.
 *
 * <p>Reading is strict where a silent default would change a score (every field of the task must be
 * present; a JSON null for a number fails) and lenient about fields it does not know. Its own
 * mapper, not the application's, so that no Spring customisation can change the wire format. Thread
 * safe.
 */
final class MessageCodec {

  private final JsonMapper json =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  // every task field is required; results leave their null fields out, so not for them
  private final ObjectReader taskReader =
      json.readerFor(EvaluationTask.class)
          .with(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  /**
   * Reads a task.
   *
   * @throws MalformedTaskException if the body is not a valid task of the current schema version
   */
  EvaluationTask readTask(byte[] body) {
    if (body == null || body.length == 0) {
      throw new MalformedTaskException("empty message body", null);
    }
    EvaluationTask task;
    try {
      task = taskReader.readValue(body);
    } catch (JacksonException | IllegalArgumentException e) {
      throw new MalformedTaskException(rootMessage(e), e);
    }
    if (task == null) {
      throw new MalformedTaskException("message body is JSON null", null);
    }
    return task;
  }

  /** Writes a result as UTF-8 JSON. */
  byte[] writeResult(EvaluationResult result) {
    return json.writeValueAsBytes(result);
  }

  /** Reads a result; for tests and tools. */
  EvaluationResult readResult(byte[] body) {
    return json.readValue(body, EvaluationResult.class);
  }

  /** Writes a task; for tests and tools. */
  byte[] writeTask(EvaluationTask task) {
    return json.writeValueAsBytes(task);
  }

  /**
   * The first {@code maxChars} characters of a body as UTF-8, control characters replaced by '?',
   * for logging hostile input without letting it forge log lines.
   */
  static String preview(byte[] body, int maxChars) {
    if (body == null) {
      return "";
    }
    // a UTF-8 character takes at most 4 bytes: decode no more than needed, however large the body
    int bytes = (int) Math.min(body.length, 4L * maxChars);
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    CharBuffer chars = CharBuffer.allocate(bytes);
    decoder.decode(ByteBuffer.wrap(body, 0, bytes), chars, true);
    chars.flip();
    String text =
        chars.length() > maxChars ? chars.subSequence(0, maxChars).toString() : chars.toString();
    return text.replaceAll("\\p{Cntrl}", "?");
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    if (root instanceof JacksonException jackson) {
      // the original message without the location dump of the whole source
      message = jackson.getOriginalMessage();
    }
    return root.getClass().getSimpleName() + ": " + message;
  }
}
