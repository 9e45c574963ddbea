package io.msenas.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A stand-in for the API service on 127.0.0.1, for the commands' {@code --server}: each {@code
 * "METHOD /path"} answers what its responder gives, anything else 404; every request is recorded.
 */
public final class FakeApi implements AutoCloseable {

  /** A reply: status and JSON body. */
  public record Reply(int status, String body) {}

  private final HttpServer server;
  private final Map<String, Supplier<Reply>> routes = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();

  public FakeApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Answers {@code "METHOD /path"} with what {@code reply} gives at the time of the request. */
  public FakeApi on(String route, Supplier<Reply> reply) {
    routes.put(route, reply);
    return this;
  }

  /** Answers {@code "METHOD /path"} with a status and a fixed body. */
  public FakeApi on(String route, int status, String body) {
    return on(route, () -> new Reply(status, body));
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The requests so far, as {@code "METHOD /path"}, in order. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
    requests.add(route);
    exchange.getRequestBody().readAllBytes();
    Supplier<Reply> responder = routes.get(route);
    Reply reply =
        responder == null ? new Reply(404, "{\"detail\": \"no route\"}") : responder.get();
    byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
