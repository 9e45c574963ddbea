package io.msenas.api.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.msenas.api.contract.OpenApiContract.Operation;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * openapi.yaml against the running server: every documented operation is served, and every
 * controller mapping of the service is documented, under the same path template.
 */
class OpenApiDocumentIT extends ContractTestSupport {

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @Test
  void everyDocumentedOperationIsServed() {
    Reply created = post("/v1/searches", "{\"dataset\":\"mnist\",\"preset\":\"smoke\"}");
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    String searchId = created.json().get("id").asString();
    JsonNode individuals = get("/v1/searches/" + searchId + "/individuals").json();
    String individualId = individuals.get("items").get(0).get("id").asString();
    String training =
        "{\"source\":{\"searchId\":\""
            + searchId
            + "\",\"individualId\":\""
            + individualId
            + "\"},\"epochs\":1}";
    Reply trained = post("/v1/trainings", training);
    assertThat(trained.status()).as("%s", trained).isEqualTo(201);
    String trainingId = trained.json().get("id").asString();
    String study = "{\"preset\":\"smoke\",\"architectures\":3,\"trainSamples\":64}";
    Reply studied = post("/v1/studies", study);
    assertThat(studied.status()).as("%s", studied).isEqualTo(201);
    String studyId = studied.json().get("id").asString();

    // the event stream of a running search never ends: read that of a finished (cancelled) one
    Reply finished =
        post("/v1/searches", "{\"dataset\":\"mnist\",\"preset\":\"smoke\",\"seed\":2}");
    String finishedId = finished.json().get("id").asString();
    assertThat(send("POST", "/v1/searches/" + finishedId + "/cancel", null).status())
        .isEqualTo(200);

    var failures = new ArrayList<String>();
    for (Operation op : contract.operations()) {
      String id =
          op.path().startsWith("/v1/trainings")
              ? trainingId
              : op.path().startsWith("/v1/studies")
                  ? studyId
                  : op.path().endsWith("/events") ? finishedId : searchId;
      String path = op.path().replace("{id}", id).replace("{individualId}", individualId);
      String method = op.method().toUpperCase(Locale.ROOT);
      String accept = String.join(", ", documentedMediaTypes(op));
      Reply reply =
          method.equals("POST") && op.path().equals("/v1/searches")
              ? post(
                  path, "{\"dataset\":\"mnist\",\"preset\":\"smoke\",\"seed\":1}", "Accept", accept)
              : method.equals("POST") && op.path().equals("/v1/trainings")
                  ? post(path, training, "Accept", accept)
                  : method.equals("POST") && op.path().equals("/v1/studies")
                      ? post(path, study, "Accept", accept)
                      : send(method, path, null, "Accept", accept);
      if (reply.status() == 404 || reply.status() == 405) {
        failures.add(op + " -> " + reply);
        continue;
      }
      conforms(reply, op.path());
    }
    assertThat(failures).as("documented operations the server does not serve").isEmpty();
  }

  /** Every media type the operation's responses declare (what a client would accept). */
  private static Set<String> documentedMediaTypes(Operation op) {
    Set<String> types = new TreeSet<>();
    for (var response : op.node().get("responses").properties()) {
      JsonNode content = response.getValue().get("content");
      if (content != null) {
        types.addAll(content.propertyNames());
      }
    }
    types.add("application/problem+json");
    return types;
  }

  @Test
  void everyControllerMappingIsDocumentedAndEveryV1OperationIsAMapping() {
    Set<String> served = new TreeSet<>();
    mappings
        .getHandlerMethods()
        .forEach(
            (RequestMappingInfo info, HandlerMethod handler) -> {
              if (!handler.getBeanType().getPackageName().startsWith("io.msenas")) {
                return;
              }
              Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
              assertThat(methods).as("%s declares its HTTP methods", handler).isNotEmpty();
              for (String pattern : info.getPatternValues()) {
                for (RequestMethod method : methods) {
                  served.add(method.name() + " " + pattern);
                }
              }
            });
    assertThat(served).as("controller mappings").isNotEmpty();

    Set<String> documented = new TreeSet<>();
    for (Operation op : contract.operations()) {
      if (!op.path().startsWith("/actuator/")) {
        documented.add(op.method().toUpperCase(Locale.ROOT) + " " + op.path());
      }
    }
    assertThat(documented).isEqualTo(served);
  }
}
