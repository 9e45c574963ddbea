package io.msenas.api.training;

import io.msenas.api.training.TrainingViews.TrainingView;
import io.msenas.api.web.RequestBodies;
import io.msenas.api.web.Tenants;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The {@code /v1/trainings} endpoints of openapi.yaml. */
@RestController
@RequestMapping(path = "/v1/trainings")
class TrainingController {

  private final TrainingService trainings;
  private final Tenants tenants;
  private final JsonMapper json;

  TrainingController(TrainingService trainings, Tenants tenants, JsonMapper json) {
    this.trainings = trainings;
    this.tenants = tenants;
    this.json = json;
  }

  @PostMapping(
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<TrainingView> submit(
      @RequestBody JsonNode body,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    CreateTrainingRequest request = RequestBodies.bind(json, body, CreateTrainingRequest.class);
    TrainingService.Submission submission =
        trainings.submit(tenants.current(), request, idempotencyKey);
    URI location = URI.create("/v1/trainings/" + submission.training().id());
    return submission.created()
        ? ResponseEntity.created(location).body(submission.training())
        : ResponseEntity.ok().location(location).body(submission.training());
  }

  @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  TrainingView get(@PathVariable UUID id) {
    return trainings.get(tenants.current(), id);
  }

  @PostMapping(path = "/{id}/cancel", produces = MediaType.APPLICATION_JSON_VALUE)
  TrainingView cancel(@PathVariable UUID id) {
    return trainings.cancel(tenants.current(), id);
  }

  /** The trained model: weights, architecture and provenance, as the worker wrote them. */
  @GetMapping(path = "/{id}/model", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
  ResponseEntity<byte[]> model(@PathVariable UUID id) {
    byte[] model = trainings.model(tenants.current(), id);
    return ResponseEntity.ok()
        .header(
            HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"training-" + id + ".model\"")
        .header("X-Model-Sha256", TrainingService.sha256(model))
        .contentType(MediaType.APPLICATION_OCTET_STREAM)
        .body(model);
  }
}
