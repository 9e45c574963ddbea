package io.msenas.cli.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.msenas.cli.FakeApi;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.json.JsonMapper;

/** What the commands say when a request to the API service fails. */
@Timeout(60)
class ApiClientTest {

  private final JsonMapper json = JsonMapper.builder().build();

  private ApiClient.ApiException failure(String base) {
    return catchThrowableOfType(
        ApiClient.ApiException.class,
        () -> new ApiClient(base, json).submitTraining(json.createObjectNode()));
  }

  @Test
  void nothingListeningIsAServerThatCannotBeReached() throws Exception {
    int port;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }
    String base = "http://127.0.0.1:" + port;
    ApiClient.ApiException e = failure(base);
    assertThat(e.answered()).isFalse();
    assertThat(e.describe()).isEqualTo("cannot reach " + base + ": connection refused");
  }

  @Test
  void anUnknownHostIsNamed() {
    // .invalid never resolves (RFC 6761)
    ApiClient.ApiException e = failure("http://no-such-host.invalid:8080");
    assertThat(e.answered()).isFalse();
    assertThat(e.describe())
        .isEqualTo(
            "cannot reach http://no-such-host.invalid:8080: unknown host no-such-host.invalid");
  }

  @Test
  void aConnectionClosedBeforeTheReplyIsNoAnswerToTheRequest() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread hangUp =
          new Thread(
              () -> {
                try (Socket client = server.accept()) {
                  client.getInputStream().read();
                } catch (Exception ignored) {
                  // the test sees what the client made of it
                }
              });
      hangUp.start();
      String base = "http://127.0.0.1:" + server.getLocalPort();
      ApiClient.ApiException e = failure(base);
      hangUp.join();
      assertThat(e.answered()).isFalse();
      assertThat(e.describe()).startsWith("no answer from " + base + " to POST /v1/trainings: ");
    }
  }

  @Test
  void anErrorReplyIsWhatTheServiceAnswered() throws Exception {
    try (FakeApi api =
        new FakeApi()
            .on(
                "POST /v1/trainings",
                400,
                "{\"title\": \"Invalid training spec\", \"detail\": \"batchSize: too large\"}")) {
      ApiClient.ApiException e = failure(api.url());
      assertThat(e.answered()).isTrue();
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.describe()).isEqualTo("the API service answered 400: batchSize: too large");
    }
  }
}
