package io.msenas.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.msenas.api.search.SearchStatus;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.http.ProblemDetail;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Problems for path and query parameters name the format the service expected. */
class ProblemDetailsAdviceTest {

  private final ProblemDetailsAdvice advice = new ProblemDetailsAdvice();

  /** A handler with a path id, a repeatable enum query and an integer query. */
  @SuppressWarnings("unused")
  void handler(UUID id, List<SearchStatus> status, int size) {}

  static MethodArgumentTypeMismatchException mismatch(int index, String name, Object value)
      throws NoSuchMethodException {
    MethodParameter parameter =
        new MethodParameter(
            ProblemDetailsAdviceTest.class.getDeclaredMethod(
                "handler", UUID.class, List.class, int.class),
            index);
    return new MethodArgumentTypeMismatchException(
        value, parameter.getParameterType(), name, parameter, new IllegalArgumentException());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> onlyError(ProblemDetail problem) {
    List<Map<String, Object>> errors =
        (List<Map<String, Object>>) problem.getProperties().get("errors");
    assertThat(errors).hasSize(1);
    return errors.get(0);
  }

  @Test
  void aMalformedIdExpectsAUuid() throws Exception {
    ProblemDetail problem = advice.typeMismatch(mismatch(0, "id", "not-a-uuid"));
    Map<String, Object> error = onlyError(problem);
    assertThat(error)
        .containsEntry("field", "id")
        .containsEntry("value", "not-a-uuid")
        .containsEntry("message", "expected a UUID");
    assertThat(problem.getDetail()).isEqualTo("id = not-a-uuid: expected a UUID");
  }

  @Test
  void aStatusOutsideTheEnumListsTheValidValues() throws Exception {
    Map<String, Object> error = onlyError(advice.typeMismatch(mismatch(1, "status", "running")));
    assertThat(error)
        .containsEntry("field", "status")
        .containsEntry("value", "running")
        .containsEntry(
            "message", "expected one of [QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED]");
  }

  @Test
  void aWordForANumberExpectsAnInteger() throws Exception {
    Map<String, Object> error = onlyError(advice.typeMismatch(mismatch(2, "size", "abc")));
    assertThat(error).containsEntry("message", "expected an integer within range");
  }
}
